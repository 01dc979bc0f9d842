// A damaged cache entry (bytes changed on disk or in the project file) is found by its hash and recomputed:
// the run still succeeds with the right values, and the entry is rewritten.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryCache } from '../../../../electron/engine/cache-dir.js';
import { runPipeline } from '../../../../electron/engine/run.js';
import type { OutputCache, RunEvent } from '../../../../electron/engine/types.js';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { add, implementations, jsonCodecs, plan, source, type FakeEnv } from './fakes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plumb-corrupt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const chain = () =>
  plan([
    ['src', source, { value: 3 }, {}],
    ['mid', add, { add: 10 }, { table: 'src.table' }],
    ['end', add, { add: 100 }, { table: 'mid.table' }],
  ]);

async function run(cache: OutputCache, onNodeOutputs?: (node: string, outputs: Record<string, unknown>) => Promise<void>) {
  const env: FakeEnv = { executed: [] };
  const events: RunEvent[] = [];
  const result = await runPipeline<FakeEnv>({
    plan: chain(),
    implementations: implementations(),
    env,
    codecs: jsonCodecs().codecs,
    baseDir: dir,
    cache,
    onEvent: (e) => events.push(e),
    ...(onNodeOutputs ? { onNodeOutputs } : {}),
  });
  const warnings = events.flatMap((e) => (e.kind === 'node_log' && e.level === 'warn' ? [`${e.node}: ${e.message}`] : []));
  return { result, executed: env.executed, warnings };
}

/** Path of the one .bin file of node `mid`'s entry: the entry whose table decodes to 13. */
async function midEntryFile(cacheDir: string): Promise<string> {
  for (const prefix of await readdir(cacheDir)) {
    if (prefix.startsWith('.')) continue;
    for (const key of await readdir(join(cacheDir, prefix))) {
      const file = join(cacheDir, prefix, key, 'table.bin');
      if ((await readFile(file, 'utf8')) === '13') return file;
    }
  }
  throw new Error('no entry for mid');
}

describe('corrupted cache entries', () => {
  it('DirectoryCache: a changed byte makes the entry read as missing and removes it, so a put can replace it', async () => {
    const cache = new DirectoryCache(join(dir, 'unit'));
    const key = 'a'.repeat(64);
    await cache.put(key, { table: new TextEncoder().encode('[1,2,3]') });
    const file = join(dir, 'unit', 'aa', key, 'table.bin');
    await writeFile(file, '[1,2,4]');
    expect(await cache.get(key)).toBeUndefined();
    expect(await cache.has(key)).toBe(false);
    await cache.put(key, { table: new TextEncoder().encode('[1,2,3]') });
    expect(new TextDecoder().decode((await cache.get(key))?.table)).toBe('[1,2,3]');
  });

  it('engine + DirectoryCache: the damaged node is recomputed, the run is ok, and the entry is healed', async () => {
    const cacheDir = join(dir, 'engine');
    const cache = new DirectoryCache(cacheDir);
    expect((await run(cache)).result.status).toBe('ok');
    await writeFile(await midEntryFile(cacheDir), '99');

    // end is cached too, so nothing reads mid: a fully cached run stays lazy.
    const lazy = await run(cache);
    expect(lazy.executed).toEqual([]);

    // Asking for every output (as --out and run recording do) finds the damage and recomputes mid only.
    const seen = new Map<string, Record<string, unknown>>();
    const again = await run(cache, async (node, outputs) => void seen.set(node, outputs));
    expect(again.result.status).toBe('ok');
    expect(again.result.nodes.map((n) => n.status)).toEqual(['cached', 'cached', 'cached']);
    expect(again.executed).toEqual(['mid']);
    expect(seen.get('mid')).toEqual({ table: 13 });
    expect(seen.get('end')).toEqual({ table: 113 });
    expect(again.warnings.join('\n')).toMatch(/mid: cached outputs unusable .*recomputing/);

    const healed = await run(cache, async () => {});
    expect(healed.executed).toEqual([]);
    expect(healed.warnings).toEqual([]);
  });

  it('engine: a downstream node whose cached input is damaged gets the recomputed value', async () => {
    const cacheDir = join(dir, 'downstream');
    const cache = new DirectoryCache(cacheDir);
    await run(cache);
    await writeFile(await midEntryFile(cacheDir), 'not json');
    // Drop end's entry so end runs and reads mid from the cache.
    for (const prefix of await readdir(cacheDir)) {
      if (prefix.startsWith('.')) continue;
      for (const key of await readdir(join(cacheDir, prefix))) {
        if ((await readFile(join(cacheDir, prefix, key, 'table.bin'), 'utf8')) === '113') await rm(join(cacheDir, prefix, key), { recursive: true });
      }
    }
    const again = await run(cache);
    expect(again.result.status).toBe('ok');
    expect(again.executed.sort()).toEqual(['end', 'mid']);
    expect(again.result.outputs.get('end')).toEqual({ table: 113 });
  });

  it('engine: a cached value that does not decode is recomputed too (a cache without hashes)', async () => {
    const entries = new Map<string, Record<string, Uint8Array>>();
    const cache: OutputCache = {
      has: async (key) => entries.has(key),
      get: async (key) => entries.get(key),
      put: async (key, outputs) => void entries.set(key, outputs),
    };
    await run(cache);
    for (const [key, outputs] of entries) {
      if (new TextDecoder().decode(outputs.table) === '3') entries.set(key, { table: new TextEncoder().encode('{broken') });
    }
    const seen = new Map<string, Record<string, unknown>>();
    const again = await run(cache, async (node, outputs) => void seen.set(node, outputs));
    expect(again.result.status).toBe('ok');
    expect(again.executed).toEqual(['src']);
    expect(seen.get('src')).toEqual({ table: 3 });
  });

  it('project file cache: a damaged blob reads as missing, and the next put of the right bytes repairs it', async () => {
    const file = join(dir, 'c.plumb');
    const project = openProjectFile(file, { create: true });
    await project.cache.put('key1', { table: new TextEncoder().encode('[1,2,3]') });
    const raw = new Database(file);
    expect(raw.prepare('UPDATE blobs SET bytes = ?').run(Buffer.from('[1,2,4]')).changes).toBe(1);
    raw.close();
    expect(await project.cache.has('key1')).toBe(true);
    expect(await project.cache.get('key1')).toBeUndefined();
    await project.cache.put('key1', { table: new TextEncoder().encode('[1,2,3]') });
    expect(new TextDecoder().decode((await project.cache.get('key1'))?.table)).toBe('[1,2,3]');
    project.close();
  });

  it('engine + project file: the run recomputes the damaged node and succeeds', async () => {
    const file = join(dir, 'e.plumb');
    const project = openProjectFile(file, { create: true });
    expect((await run(project.cache)).result.status).toBe('ok');
    const raw = new Database(file);
    raw.prepare("UPDATE blobs SET bytes = ? WHERE bytes = CAST('13' AS BLOB)").run(Buffer.from('14'));
    raw.close();
    const seen = new Map<string, Record<string, unknown>>();
    const again = await run(project.cache, async (node, outputs) => void seen.set(node, outputs));
    expect(again.result.status).toBe('ok');
    expect(again.executed).toEqual(['mid']);
    expect(seen.get('mid')).toEqual({ table: 13 });
    const healed = await run(project.cache, async () => {});
    expect(healed.executed).toEqual([]);
    project.close();
  });
});
