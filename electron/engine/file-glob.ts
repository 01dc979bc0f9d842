// `glob: true` on the file readers: a path that is a directory (its files) or a pattern (`*`, `?`, `[abc]`, `**`)
// expands to the matching files in sorted order. The cache key hashes each of them and the nodes read them in
// this order, so both agree on what was read.
import { readdir, stat } from 'node:fs/promises';
import { join, parse, resolve, sep } from 'node:path';
import type { NodeDeclaration } from '../../shared/catalog/define.js';
import { invalidInput } from '../../shared/errors.js';

const PATTERN_CHARS = /[*?[]/;

/** One path segment's pattern as a RegExp (no `/` inside a segment). */
function segmentRegExp(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/\\/g, '\\\\');
        out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function filesUnder(dir: string, recursive: boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) files.push(...(await filesUnder(path, true)));
    } else if (entry.isFile() || (entry.isSymbolicLink() && !(await isDirectory(path)))) files.push(path);
  }
  return files;
}

async function matchSegments(dir: string, segments: string[]): Promise<string[]> {
  if (segments.length === 0) return [dir];
  const [head, ...rest] = segments;
  if (head === '**') {
    // Zero or more folders.
    const here = await matchSegments(dir, rest);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const deeper: string[] = [];
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) deeper.push(...(await matchSegments(join(dir, e.name), segments)));
    return [...here, ...deeper];
  }
  if (!PATTERN_CHARS.test(head)) return matchSegments(join(dir, head), rest);
  const re = segmentRegExp(head);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) if (re.test(e.name) && !(e.name.startsWith('.') && !head.startsWith('.'))) out.push(...(await matchSegments(join(dir, e.name), rest)));
  return out;
}

/**
 * The files `path` names: with `glob` off, the path itself; on, a directory's files (not its subfolders') whose
 * extension is one of `extensions`, or a pattern's matching files; sorted by path (code-point order, so the same
 * on every machine). No match is invalid input naming `param`.
 */
export async function expandDataPath(path: string, options: { glob: boolean; extensions: readonly string[]; param?: string }): Promise<string[]> {
  if (!options.glob) return [path];
  const absolute = resolve(path);
  const param = options.param ?? 'path';
  let files: string[];
  if (await isDirectory(absolute)) {
    files = (await filesUnder(absolute, false)).filter((f) => options.extensions.some((ext) => f.toLowerCase().endsWith(`.${ext}`)));
  } else if (PATTERN_CHARS.test(absolute)) {
    const root = parse(absolute).root;
    const matched = await matchSegments(root, absolute.slice(root.length).split(sep).filter(Boolean));
    files = [];
    for (const f of matched) if ((await stat(f).catch(() => undefined))?.isFile()) files.push(f);
  } else {
    files = (await stat(absolute).catch(() => undefined))?.isFile() ? [absolute] : [];
  }
  files = [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!files.length) throw invalidInput(`no files match ${path}${options.extensions.length ? ` (looking for .${options.extensions.join(', .')})` : ''}`, { param });
  return files;
}

/** The extensions a `file` param's widget declares (what a folder is filtered by). */
export function fileExtensions(declaration: NodeDeclaration, param: string): string[] {
  const hint = declaration.ui?.[param];
  return hint?.widget === 'file' ? (hint.extensions ?? []) : [];
}
