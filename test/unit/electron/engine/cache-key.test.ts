import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, fileParamHashes, hashFile, type CacheKeyParts } from '../../../../electron/engine/cache-key.js';
import { planNode } from '../../../../electron/engine/plan.js';
import { readFileNode } from './fakes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plumb-key-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('agrees with JSON.parse on what it wrote', () => {
    const value = { s: 'a"\\\n\u2028', n: -1.5e-7, list: [[], {}, 'é'] };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ x: NaN })).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});

describe('cacheKey', () => {
  const parts: CacheKeyParts = {
    type: 'data.add', version: 1, implVersion: 1, params: { add: 1, when: 'x' },
    inputs: { table: { key: 'k1', port: 'table' } }, files: {},
  };

  it('is the sha256 of the canonical JSON', () => {
    const expected = createHash('sha256').update(canonicalJson(parts)).digest('hex');
    expect(cacheKey(parts)).toBe(expected);
    expect(cacheKey({ ...parts, params: { when: 'x', add: 1 } })).toBe(expected);
  });

  it.each([
    ['version', { version: 2 }],
    ['implVersion', { implVersion: 2 }],
    ['params', { params: { add: 2, when: 'x' } }],
    ['upstream key', { inputs: { table: { key: 'k2', port: 'table' } } }],
    ['upstream port', { inputs: { table: { key: 'k1', port: 'other' } } }],
    ['file content', { files: { path: 'abc' } }],
    ['type', { type: 'data.sub' }],
  ])('changes with %s', (_name, change) => {
    expect(cacheKey({ ...parts, ...change })).not.toBe(cacheKey(parts));
  });
});

describe('file hashes', () => {
  it('streams a large file to the same digest as hashing it whole', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) & 0xff);
    const path = join(dir, 'big.bin');
    await writeFile(path, bytes);
    expect(await hashFile(path)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('hashes file params resolved against the base folder, and names the param of a missing file', async () => {
    await writeFile(join(dir, 'a.txt'), 'abc');
    const node = planNode('f', readFileNode, { path: 'a.txt' }, {});
    expect(await fileParamHashes(node, dir)).toEqual({ path: createHash('sha256').update('abc').digest('hex') });
    const missing = planNode('f', readFileNode, { path: 'missing.txt' }, {});
    await expect(fileParamHashes(missing, dir)).rejects.toMatchObject({ kind: 'invalid_input', where: { node: 'f', param: 'path' } });
  });
});
