// The size cap: blobs above it live as files in `<project>.data/` beside the project (the row keeps hash and size),
// tables below it stay in SQLite; datasets, cache and models read them back unchanged; the same bytes are one file;
// a damaged or missing file is a cache miss (and the next put writes it again); deleting runs and pruning remove
// files no row refers to, and never a referenced one. Checked with a 16-byte cap.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { blobCapOf, DEFAULT_BLOB_CAP_BYTES } from '../../../../electron/store/blob-files.js';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { useTempDir } from './temp-dir.js';

const CAP = 16;
const big = (seed: number, n = 64) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) % 256);
const small = (seed: number) => Uint8Array.of(seed, seed + 1, seed + 2);

/** Files under the data folder, by name (= sha256). */
function files(project: string): string[] {
  const root = join(`${project}.data`, 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((prefix) => readdirSync(join(root, prefix))).sort();
}

function storedLength(project: string, hash: string): number {
  const db = new Database(project, { readonly: true });
  try {
    return db.prepare('SELECT length(bytes) FROM blobs WHERE hash = ?').pluck().get(hash) as number;
  } finally {
    db.close();
  }
}

describe('blobs above the cap live beside the project', () => {
  const dir = useTempDir();

  it('dataset versions: stored once, as a file above the cap and in SQLite below it, read back byte for byte', () => {
    const file = join(dir(), 'p.plumb');
    const p = openProjectFile(file, { create: true, blobCapBytes: CAP });
    const v1 = p.datasets.addVersion({ name: 'big', bytes: big(1), format: 'parquet', source: '/data/big.parquet' });
    const again = p.datasets.addVersion({ name: 'big', bytes: big(1), format: 'parquet', source: '/data/big.parquet' });
    const v2 = p.datasets.addVersion({ name: 'big', bytes: big(2), format: 'parquet' });
    const tiny = p.datasets.addVersion({ name: 'tiny', bytes: small(5), format: 'csv' });
    expect([v1.version, again.version, again.created, v2.version]).toEqual([1, 1, false, 2]);
    expect(files(file)).toEqual([v1.hash, v2.hash].sort());
    expect(storedLength(file, v1.hash)).toBe(0);
    expect(storedLength(file, tiny.hash)).toBe(3);
    expect(v1.size).toBe(64);
    p.close();
    const reopened = openProjectFile(file, { readonly: true });
    expect(reopened.datasets.bytes(v1.id)).toEqual(big(1));
    expect(reopened.datasets.bytes(v2.id)).toEqual(big(2));
    expect(reopened.datasets.bytes(tiny.id)).toEqual(small(5));
    expect(reopened.blobs.get(v1.hash)).toEqual(big(1));
    reopened.close();
  });

  it('the cache: large outputs round-trip; a damaged or missing file is a miss and the next put repairs it', async () => {
    const file = join(dir(), 'c.plumb');
    const p = openProjectFile(file, { create: true, blobCapBytes: CAP });
    await p.cache.put('k', { table: big(3), metrics: small(1) });
    expect(await p.cache.get('k')).toEqual({ metrics: small(1), table: big(3) });
    const [name] = files(file);
    const path = join(`${file}.data`, 'blobs', name.slice(0, 2), name);
    writeFileSync(path, big(4));
    expect(p.cache.getSync('k')).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    await p.cache.put('k', { table: big(3), metrics: small(1) });
    expect(p.cache.getSync('k')?.table).toEqual(big(3));
    p.close();
  });

  it('models keep large artifacts; deleting runs and pruning remove only files nothing refers to', () => {
    const file = join(dir(), 'm.plumb');
    const p = openProjectFile(file, { create: true, blobCapBytes: CAP });
    p.pipelines.save('pipe', 'plumb: 1\nname: pipe\nnodes: []\n');
    const run = p.runs.start({ pipeline: 'pipe', nodes: [{ id: 'data', type: 'data.read_csv' }] });
    p.runs.finish(run.id, { status: 'ok', nodes: [{ id: 'data', status: 'done' }] });
    const data = p.datasets.addVersion({ name: 'd', bytes: big(6), format: 'parquet', runId: run.id, nodeId: 'data' });
    const model = p.models.register({ name: 'm', bytes: big(7), type: 'model.knn' });
    expect(p.models.artifact('m@1')).toEqual(big(7));
    expect(files(file)).toEqual([data.hash, model.hash].sort());
    // a stray partial write from a killed process goes too
    writeFileSync(join(`${file}.data`, 'blobs', data.hash.slice(0, 2), `${data.hash}.123.partial`), 'x');

    p.history.delete([run.id]);
    expect(files(file)).toEqual([model.hash]);
    expect(p.models.artifact('m@1')).toEqual(big(7));
    p.blobs.prune();
    expect(files(file)).toEqual([model.hash]);
    p.close();
  });

  it('the cap comes from the option, else PLUMB_BLOB_CAP_BYTES, else 256 MB', () => {
    expect(blobCapOf(10, { PLUMB_BLOB_CAP_BYTES: '99' })).toBe(10);
    expect(blobCapOf(undefined, { PLUMB_BLOB_CAP_BYTES: '99' })).toBe(99);
    expect(blobCapOf(undefined, {})).toBe(DEFAULT_BLOB_CAP_BYTES);
    expect(DEFAULT_BLOB_CAP_BYTES).toBe(256 * 1024 * 1024);
  });
});
