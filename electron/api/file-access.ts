// Which files the app may show and write for the user: the project folder and the folders the user added, never
// anything else. Paths are normalized and symlinks resolved (realpath) before the containment check.
import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { invalidInput } from '../../shared/errors.js';

/** An allowed root: the project folder or a folder the user added (both real paths, symlinks resolved). */
export interface FileRoot {
  kind: 'project' | 'added';
  path: string;
}

/** Whether `path` is `root` or inside it (both already resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The real path a request names, checked to lie under an allowed root: a relative path is taken against the project
 * folder, an absolute one must be under one of the roots, and symlinks are followed before the check, so a link
 * inside the project that points outside is refused like `..` is. A path that does not exist is invalid input.
 */
export async function resolveAllowed(roots: FileRoot[], requested: string): Promise<{ real: string; root: FileRoot }> {
  if (requested.includes('\0')) throw invalidInput(`'${printable(requested)}' is not a valid path`);
  const project = roots.find((r) => r.kind === 'project');
  if (!project) throw invalidInput('no project folder is open');
  const wanted = isAbsolute(requested) ? resolve(requested) : resolve(project.path, requested);
  // Check the literal path first: a clear message for '..' and foreign absolute paths even when they do not exist.
  if (!roots.some((r) => isInside(r.path, wanted))) throw outside(requested);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch {
    throw invalidInput(`'${printable(requested)}' does not exist`);
  }
  const root = roots.find((r) => isInside(r.path, real));
  if (!root) throw outside(requested);
  return { real, root };
}

const outside = (requested: string) =>
  invalidInput(`'${printable(requested)}' is outside the project folder and the folders you added (add its folder first)`);

function printable(path: string): string {
  const clean = withoutControls(path, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

/** `text` with control characters (code points below 32) replaced. */
function withoutControls(text: string, by: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 32 ? by : c)).join('');
}

/** The value a file param gets: a path relative to the project folder (with '/'), or absolute outside it. */
export function paramPath(projectDir: string, real: string): string {
  return isInside(projectDir, real) ? relative(projectDir, real).split(sep).join('/') : real;
}

/** Whether a file name has one of the extensions (lower-case, no dot); no list means every file. */
export function hasExtension(name: string, extensions: readonly string[] | undefined): boolean {
  if (!extensions || extensions.length === 0) return true;
  const ext = extname(name).slice(1).toLowerCase();
  return extensions.some((e) => e.toLowerCase() === ext);
}

/**
 * A safe file name from one the user's browser sent: the last path part only, no control or reserved characters,
 * no leading dots, at most 120 characters (the extension kept).
 */
export function sanitizeFileName(name: string): string {
  const last = basename(name.replace(/\\/g, '/'));
  const ext = extname(last).replace(/[^A-Za-z0-9.]/g, '').slice(0, 12);
  const stem = withoutControls(last, '_')
    .slice(0, last.length - extname(last).length)
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120 - ext.length);
  return `${stem || 'file'}${ext}`;
}

/**
 * Creates `name` in `folder` without replacing anything: when the name is taken, `name-2.ext`, `name-3.ext`, …
 * The file is opened exclusively (O_EXCL), so two uploads at once never pick the same name.
 */
export async function createUnique(folder: string, name: string): Promise<{ path: string; handle: FileHandle }> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; n < 10_000; n++) {
    const path = join(folder, n === 1 ? name : `${stem}-${n}${ext}`);
    try {
      return { path, handle: await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw invalidInput(`too many files named like '${name}' in ${folder}`);
}
