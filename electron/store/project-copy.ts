// Save-as for a project file: SQLite's backup (a consistent copy even with the WAL in use) into a temp file
// beside the target, then renamed over it, so a failed copy leaves the target and the open project as they were.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { PlumbError } from '../../shared/errors.js';
import type { Db } from './db.js';
import { PLUMB_APPLICATION_ID } from './migrations.js';

/** Copies the open project `db` (file `source`) to the absolute path `target`; copying a file onto itself does nothing. */
export async function saveProjectCopy(db: Db, source: string, target: string): Promise<void> {
  if (target === source) return;
  refuseOtherFiles(target);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(target), { recursive: true });
    await db.backup(temp);
    // A WAL left beside the file being replaced would be replayed over the copy when it is opened.
    await rm(`${target}-wal`, { force: true });
    await rm(`${target}-shm`, { force: true });
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    await rm(`${temp}-journal`, { force: true });
    throw new PlumbError('runtime', `cannot save the project as ${target}: ${e instanceof Error ? e.message : String(e)}`, { file: target });
  }
}

/** Only a Plumb project (or an empty file, as `project.create` accepts) may be replaced. */
function refuseOtherFiles(target: string): void {
  if (!existsSync(target)) return;
  const stat = statSync(target);
  if (stat.isDirectory()) throw new PlumbError('invalid_input', `${target} is a folder, not a project file`, { file: target });
  if (stat.size === 0 || isPlumbProject(target)) return;
  throw new PlumbError('invalid_input', `${target} exists and is not a Plumb project file: not overwriting it`, { file: target });
}

function isPlumbProject(path: string): boolean {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.pragma('application_id', { simple: true }) === PLUMB_APPLICATION_ID;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
