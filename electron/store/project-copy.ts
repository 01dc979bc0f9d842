// Save-as for a project file: SQLite's backup (a consistent copy even with the WAL in use) into a temp file
// beside the target, then renamed over it, so a failed copy leaves the target and the open project as they were.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { PlumbError } from '../../shared/errors.js';
import type { Db } from './db.js';
import { readSqliteHeader } from './file-header.js';
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
    await rm(temp, { force: true }).catch(() => undefined);
    await rm(`${temp}-journal`, { force: true }).catch(() => undefined);
    const message = e instanceof Error ? e.message : String(e);
    // A target the user cannot write (a file used as a folder, /proc, no permission) is their input to fix.
    const kind = USER_PATH_ERRORS.has(codeOf(e) ?? '') ? 'invalid_input' : 'runtime';
    throw new PlumbError(kind, `cannot save the project as ${target}: ${message}`, { file: target });
  }
}

const USER_PATH_ERRORS = new Set([
  'ENOTDIR', 'EISDIR', 'EEXIST', 'EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENAMETOOLONG', 'EINVAL', 'EXDEV',
  'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_AUTH',
]);

const codeOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;

/** Only a Plumb project (or an empty file, as `project.create` accepts) may be replaced; the folder must be one. */
function refuseOtherFiles(target: string): void {
  // The nearest existing folder above the target (mkdir creates the rest) must be a folder, not a file.
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw new PlumbError('invalid_input', `cannot save the project as ${target}: ${dir} is a file, not a folder`, { file: target });
      break;
    }
    if (dirname(dir) === dir) break;
  }
  if (!existsSync(target)) return;
  const stat = statSync(target);
  if (stat.isDirectory()) throw new PlumbError('invalid_input', `${target} is a folder, not a project file`, { file: target });
  if (stat.size === 0 || isPlumbProject(target)) return;
  throw new PlumbError('invalid_input', `${target} exists and is not a Plumb project file: not overwriting it`, { file: target });
}

function isPlumbProject(path: string): boolean {
  // The header first: opening another application's WAL-mode database would create files beside it.
  const header = readSqliteHeader(path);
  if (header.kind !== 'sqlite') return false;
  if (header.applicationId === PLUMB_APPLICATION_ID) return true;
  if (!existsSync(`${path}-wal`)) return false;
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
