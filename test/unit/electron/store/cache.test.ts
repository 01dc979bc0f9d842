// The engine's OutputCache kept in the project file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutputCache } from '../../../../shared/api/run-types.js';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { countRows, useTempDir } from './temp-dir.js';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('project.cache', () => {
  const dir = useTempDir();

  it('has / get / put through the engine interface, and keeps entries across reopen', async () => {
    const file = join(dir(), 'c.plumb');
    const project = openProjectFile(file, { create: true });
    const cache: OutputCache = project.cache;
    expect(await cache.has('key')).toBe(false);
    expect(await cache.get('key')).toBeUndefined();
    await cache.put('key', { train: bytes(1, 2), test: bytes(3) });
    expect(await cache.has('key')).toBe(true);
    expect(await cache.get('key')).toEqual({ test: bytes(3), train: bytes(1, 2) });
    project.close();

    const again = openProjectFile(file, { readonly: true });
    expect(await again.cache.get('key')).toEqual({ test: bytes(3), train: bytes(1, 2) });
    again.close();
  });

  it('replaces an entry whole: ports not in the new put are gone', async () => {
    const file = join(dir(), 'r.plumb');
    const project = openProjectFile(file, { create: true });
    await project.cache.put('key', { a: bytes(1), b: bytes(2) });
    await project.cache.put('key', { a: bytes(9) });
    expect(await project.cache.get('key')).toEqual({ a: bytes(9) });
    expect(countRows(file, 'node_outputs')).toBe(1);
    project.close();
  });

  it('remembers a node that has no outputs', async () => {
    const project = openProjectFile(join(dir(), 'e.plumb'), { create: true });
    await project.cache.put('gate', {});
    expect(await project.cache.has('gate')).toBe(true);
    expect(await project.cache.get('gate')).toEqual({});
    project.close();
  });

  it('shares bytes between keys and ports', async () => {
    const file = join(dir(), 's.plumb');
    const project = openProjectFile(file, { create: true });
    await project.cache.put('k1', { x: bytes(5, 5), y: bytes(5, 5) });
    await project.cache.put('k2', { z: bytes(5, 5) });
    expect(countRows(file, 'blobs')).toBe(1);
    expect(countRows(file, 'node_outputs')).toBe(3);
    project.close();
  });
});
