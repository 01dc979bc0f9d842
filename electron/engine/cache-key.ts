// A node's cache key: sha256 of everything that decides its outputs (type, versions, params, upstream keys,
// bytes of file params), written as canonical JSON so key order and formatting never change the key.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { invalidInput } from '../../shared/errors.js';
import { expandDataPath, fileExtensions } from './file-glob.js';
import type { PlannedNode } from './plan.js';

/** JSON with object keys sorted at every level and no whitespace; `undefined` object members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as canonical JSON`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`cannot write a ${(value as object).constructor?.name ?? 'non-plain object'} as canonical JSON`);
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`cannot write a ${typeof value} as canonical JSON`);
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of a file's bytes, streamed so large datasets are never held in memory. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

export interface CacheKeyParts {
  type: string;
  version: number;
  implVersion: number;
  params: Record<string, unknown>;
  /** input port → cache key of the upstream node and the port read from it */
  inputs: Record<string, { key: string; port: string }>;
  /** file param → sha256 of the file's bytes */
  files: Record<string, string>;
  /** The implementation's `keyMaterial`; left out of the key when undefined, so other nodes' keys never change. */
  extra?: unknown;
}

export function cacheKey(parts: CacheKeyParts): string {
  return sha256Hex(canonicalJson(parts));
}

/**
 * sha256 of each file param's file, resolved against `baseDir`. A missing or unreadable file is an
 * `invalid_input` error naming the node and the param. `hash` lets a run share hashes of the same file.
 */
export async function fileParamHashes(
  node: PlannedNode,
  baseDir: string,
  hash: (absolutePath: string) => Promise<string> = hashFile,
): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const param of node.fileParams ?? []) {
    const value = node.params[param];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw invalidInput(`expected a file path`, { node: node.id, param });
    if (node.params.glob === true) {
      hashes[param] = await globHash(node, param, resolve(baseDir, value), baseDir, hash);
      continue;
    }
    const path = resolve(baseDir, value);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw invalidInput(`file not found: ${path}`, { node: node.id, param });
    try {
      hashes[param] = await hash(path);
    } catch (e) {
      throw invalidInput(`cannot read file ${path}: ${e instanceof Error ? e.message : String(e)}`, { node: node.id, param });
    }
  }
  return hashes;
}

/** `glob: true`: every matched file, by its path relative to the pipeline's folder and its bytes' sha256. */
async function globHash(node: PlannedNode, param: string, pattern: string, baseDir: string, hash: (absolutePath: string) => Promise<string>): Promise<string> {
  const extensions = fileExtensions(node.declaration, param);
  let files: string[];
  try {
    files = await expandDataPath(pattern, { glob: true, extensions, param });
  } catch (e) {
    throw invalidInput(e instanceof Error ? e.message : String(e), { node: node.id, param });
  }
  const entries: [string, string][] = [];
  for (const file of files) {
    try {
      entries.push([relative(baseDir, file), await hash(file)]);
    } catch (e) {
      throw invalidInput(`cannot read file ${file}: ${e instanceof Error ? e.message : String(e)}`, { node: node.id, param });
    }
  }
  return createHash('sha256').update(canonicalJson(entries)).digest('hex');
}
