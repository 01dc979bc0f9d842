// Blobs above the project's size cap (default 256 MB; SQLite blobs stop at 1 GB) live as files in a folder beside
// the project, `<project>.plumb.data/blobs/<hash>`, like DVC's cache: the blobs row keeps hash and size with empty
// bytes, so a row with size > 0 and no bytes is read from its file. Tables are stored once either way.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PlumbError } from '../../shared/errors.js';
import { asBytes, type StoreContext } from './db.js';

export const DEFAULT_BLOB_CAP_BYTES = 256 * 1024 * 1024;
const IN_MEMORY = ':memory:';

/** The folder beside a project file that holds its large blobs; undefined for an in-memory project. */
export function dataFolderOf(projectPath: string): string | undefined {
  return projectPath === IN_MEMORY ? undefined : `${projectPath}.data`;
}

/** The cap of a project: the option, else PLUMB_BLOB_CAP_BYTES, else 256 MB. */
export function blobCapOf(option: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (option !== undefined) return option;
  const fromEnv = Number(env.PLUMB_BLOB_CAP_BYTES);
  return env.PLUMB_BLOB_CAP_BYTES && Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : DEFAULT_BLOB_CAP_BYTES;
}

function fileOf(folder: string, hash: string): string {
  return join(folder, 'blobs', hash.slice(0, 2), hash);
}

/** Whether `bytes` go to a file; writes the file (atomically, unless it is there) when they do. */
export function storeExternally(context: StoreContext, hash: string, bytes: Uint8Array): boolean {
  const folder = dataFolderOf(context.path);
  if (!folder || bytes.byteLength <= (context.blobCapBytes ?? DEFAULT_BLOB_CAP_BYTES)) return false;
  const file = fileOf(folder, hash);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  }
  return true;
}

/** The bytes of a blob row: its own, or its file's when they live outside; undefined when that file is gone. */
export function blobBytes(context: StoreContext, hash: string, stored: Uint8Array, size: number): Uint8Array | undefined {
  const bytes = asBytes(stored);
  if (bytes.byteLength > 0 || size === 0) return bytes;
  const folder = dataFolderOf(context.path);
  const file = folder ? fileOf(folder, hash) : undefined;
  if (!file || !existsSync(file)) return undefined;
  return new Uint8Array(readFileSync(file));
}

/** Like blobBytes, but a missing file is an invalid_input error naming the folder. */
export function requireBlobBytes(context: StoreContext, hash: string, stored: Uint8Array, size: number): Uint8Array {
  const bytes = blobBytes(context, hash, stored, size);
  if (bytes) return bytes;
  throw new PlumbError('invalid_input', `blob ${hash.slice(0, 12)} is stored outside the project but its file is missing from ${dataFolderOf(context.path) ?? '(no folder)'}`, {
    file: context.path,
  });
}

/** Removes a file whose bytes turned out damaged, so the next store of the right bytes writes it again. */
export function dropBlobFile(context: StoreContext, hash: string): void {
  const folder = dataFolderOf(context.path);
  if (folder) rmSync(fileOf(folder, hash), { force: true });
}

/** Deletes files of blobs no row refers to any more (after runs were deleted or blobs pruned); returns how many. */
export function sweepBlobFiles(context: StoreContext): number {
  const folder = dataFolderOf(context.path);
  const root = folder ? join(folder, 'blobs') : undefined;
  if (!root || !existsSync(root)) return 0;
  const known = context.db.prepare('SELECT 1 FROM blobs WHERE hash = ?').pluck();
  let removed = 0;
  for (const prefix of readdirSync(root)) {
    for (const name of readdirSync(join(root, prefix))) {
      if (name.endsWith('.partial') || known.get(name) === undefined) {
        rmSync(join(root, prefix, name), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
