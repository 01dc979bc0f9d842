// Dataset versions: numbered per name, one version per distinct content.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { countRows, useTempDir } from './temp-dir.js';

const csv = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('project.datasets', () => {
  const dir = useTempDir();

  it('numbers versions per dataset and returns the existing version for the same bytes', () => {
    const file = join(dir(), 'd.plumb');
    const project = openProjectFile(file, { create: true });
    const schema = [{ name: 'a', type: 'BIGINT' }];
    const v1 = project.datasets.addVersion({ name: 'penguins', bytes: csv('a\n1\n'), format: 'csv', rowCount: 1, schema, source: 'penguins.csv' });
    expect(v1).toMatchObject({ name: 'penguins', version: 1, created: true, rowCount: 1, schema, source: 'penguins.csv', size: 4 });
    const v2 = project.datasets.addVersion({ name: 'penguins', bytes: csv('a\n1\n2\n'), format: 'csv', rowCount: 2 });
    expect(v2).toMatchObject({ version: 2, created: true, schema: undefined, source: null });
    const again = project.datasets.addVersion({ name: 'penguins', bytes: csv('a\n1\n'), format: 'csv' });
    expect(again).toMatchObject({ id: v1.id, version: 1, created: false });
    // The same bytes under another name are another dataset's version 1, sharing the blob.
    expect(project.datasets.addVersion({ name: 'copy', bytes: csv('a\n1\n'), format: 'csv' })).toMatchObject({ version: 1, created: true, hash: v1.hash });
    expect(countRows(file, 'blobs')).toBe(2);
    expect(countRows(file, 'dataset_versions')).toBe(3);

    expect(project.datasets.versions('penguins').map((v) => v.version)).toEqual([1, 2]);
    expect(project.datasets.get('penguins').version).toBe(2);
    expect(project.datasets.get('penguins', 1).schema).toEqual(schema);
    expect(project.datasets.bytes(v2.id)).toEqual(csv('a\n1\n2\n'));
    expect(project.datasets.byId(v1.id)?.name).toBe('penguins');
    expect(project.datasets.list()).toEqual([
      { name: 'copy', createdAt: expect.any(String), latestVersion: 1 },
      { name: 'penguins', createdAt: expect.any(String), latestVersion: 2 },
    ]);
    project.close();
  });

  it('keeps content above the cap as its hash and a sample, one version per content hash', () => {
    const project = openProjectFile(join(dir(), 'e.plumb'), { create: true });
    const whole = 'c'.repeat(64);
    const v1 = project.datasets.addVersion({ name: 'big', format: 'csv', rowCount: 1e6, external: { hash: whole, sample: csv('a\n1\n'), sampleRows: 1 }, stats: [{ name: 'a' }] });
    expect(v1).toMatchObject({ version: 1, created: true, hash: whole, sampleRows: 1, size: 4, rowCount: 1e6, stats: [{ name: 'a' }] });
    expect(project.datasets.bytes(v1.id)).toEqual(csv('a\n1\n'));
    // The same content again is the same version, whatever its sample; other content is a new version.
    expect(project.datasets.addVersion({ name: 'big', format: 'csv', external: { hash: whole, sample: csv('a\n2\n'), sampleRows: 1 } })).toMatchObject({ id: v1.id, created: false });
    expect(project.datasets.addVersion({ name: 'big', format: 'csv', external: { hash: 'd'.repeat(64), sample: csv('a\n9\n'), sampleRows: 1 } })).toMatchObject({ version: 2, created: true });
    expect(project.datasets.profiled(whole)?.id).toBe(v1.id);
    expect(() => project.datasets.addVersion({ name: 'big', format: 'csv' })).toThrow('either its bytes or an external hash');
    project.close();
  });

  it('reports missing datasets as invalid input', () => {
    const project = openProjectFile(join(dir(), 'm.plumb'), { create: true });
    expect(() => project.datasets.get('nope')).toThrow(expect.objectContaining({ kind: 'invalid_input', message: "no dataset 'nope' in this project" }));
    expect(() => project.datasets.bytes(42)).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(project.datasets.byId(42)).toBeUndefined();
    expect(() => project.datasets.addVersion({ name: 'd', bytes: csv('x'), format: 'csv', runId: 'ghost' })).toThrow("no run 'ghost' in this project");
    expect(project.datasets.list()).toEqual([]);
    project.close();
  });
});
