// Content-addressed blobs: sha256 names, stored once, pruned when nothing refers to them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { countRows, useTempDir } from './temp-dir.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('project.blobs', () => {
  const dir = useTempDir();

  it('names bytes by their sha256 (FIPS 180-2 test vectors)', () => {
    const project = openProjectFile(join(dir(), 'b.plumb'), { create: true });
    expect(project.blobs.put(text('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(project.blobs.put(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(project.blobs.get('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toEqual(new Uint8Array());
    project.close();
  });

  it('stores the same bytes once, whoever puts them', () => {
    const file = join(dir(), 'dedup.plumb');
    const project = openProjectFile(file, { create: true });
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 251);
    const hash = project.blobs.put(bytes);
    expect(project.blobs.put(bytes.slice())).toBe(hash);
    project.cache.putSync('k1', { table: bytes });
    project.cache.putSync('k2', { table: bytes, copy: bytes });
    project.datasets.addVersion({ name: 'd', bytes, format: 'csv' });
    project.models.register({ name: 'm', bytes, type: 'model.knn' });
    expect(countRows(file, 'blobs')).toBe(1);
    expect(project.blobs.size(hash)).toBe(100_000);
    expect(Buffer.from(project.blobs.get(hash)!).equals(bytes)).toBe(true);
    project.close();
  });

  it('returns nothing for an unknown hash', () => {
    const project = openProjectFile(join(dir(), 'u.plumb'), { create: true });
    expect(project.blobs.get('00'.repeat(32))).toBeUndefined();
    expect(project.blobs.has('00'.repeat(32))).toBe(false);
    project.close();
  });

  it('prunes only blobs nothing refers to', () => {
    const file = join(dir(), 'prune.plumb');
    const project = openProjectFile(file, { create: true });
    const loose = project.blobs.put(text('loose'));
    project.cache.putSync('k', { out: text('cached') });
    project.datasets.addVersion({ name: 'd', bytes: text('dataset'), format: 'csv' });
    project.models.register({ name: 'm', bytes: text('model'), type: 'model.knn' });
    expect(project.blobs.prune()).toBe(1);
    expect(project.blobs.has(loose)).toBe(false);
    expect(countRows(file, 'blobs')).toBe(3);
    expect(project.cache.getSync('k')).toEqual({ out: text('cached') });
    expect(project.blobs.prune()).toBe(0);
    project.close();
  });
});
