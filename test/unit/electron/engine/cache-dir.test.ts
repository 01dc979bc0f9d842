import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryCache } from '../../../../electron/engine/cache-dir.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plumb-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keyOf = (s: string) => createHash('sha256').update(s).digest('hex');

describe('DirectoryCache', () => {
  it('round-trips every byte of every port under <key[0:2]>/<key>/<port>.bin', async () => {
    const cache = new DirectoryCache(join(dir, 'c1'));
    const key = keyOf('one');
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(await cache.has(key)).toBe(false);
    expect(await cache.get(key)).toBeUndefined();
    await cache.put(key, { table: all, model: new Uint8Array(0) });
    expect(await cache.has(key)).toBe(true);
    const got = await cache.get(key);
    expect(Object.keys(got ?? {}).sort()).toEqual(['model', 'table']);
    expect(Array.from(got?.table ?? [])).toEqual(Array.from(all));
    expect(got?.model.byteLength).toBe(0);
    expect((await readdir(join(dir, 'c1', key.slice(0, 2), key))).sort()).toEqual(['hashes.json', 'model.bin', 'table.bin']);
    expect(await readdir(join(dir, 'c1', '.tmp'))).toEqual([]);
  });

  it('survives two writers of the same key at once', async () => {
    const cache = new DirectoryCache(join(dir, 'c2'));
    const key = keyOf('two');
    const bytes = new TextEncoder().encode('same');
    await Promise.all([cache.put(key, { t: bytes }), cache.put(key, { t: bytes }), cache.put(key, { t: bytes })]);
    expect(new TextDecoder().decode((await cache.get(key))?.t)).toBe('same');
    expect(await readdir(join(dir, 'c2', '.tmp'))).toEqual([]);
  });

  it('refuses keys and port names that could escape the folder', async () => {
    const cache = new DirectoryCache(join(dir, 'c3'));
    await expect(cache.has('../../etc')).rejects.toThrow(/invalid cache key/);
    await expect(cache.put(keyOf('x'), { '../x': new Uint8Array(1) })).rejects.toThrow(/invalid port/);
  });
});
