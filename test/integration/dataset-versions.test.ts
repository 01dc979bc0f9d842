// Dataset versions as a run records them: the row count, schema and column stats of the whole content (checked
// against the CSV itself), and above the project's blob cap a version kept as hash + stats + a seeded sample of
// its rows in file order — the same content is one version, one changed value is a new one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATASET_SAMPLE_ROWS } from '../../electron/api/dataset-profile.js';
import { startRun } from '../../electron/api/runs.js';
import { openDataSession } from '../../electron/data/session.js';
import type { ColumnStats } from '../../electron/data/types.js';
import { openProjectFile, type ProjectFile } from '../../electron/store/project-file.js';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { parsePipelineYaml } from '../../shared/pipeline/index.js';

const YAML = `plumb: 1
name: read
nodes:
  - id: data
    type: data.read_csv
    params: { path: data.csv }
`;
const pipeline = parsePipelineYaml(YAML, { file: 'read.yaml', catalog: nodeCatalog });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-datasets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function runOn(project: ProjectFile, csv: string): Promise<void> {
  writeFileSync(join(dir, 'data.csv'), csv);
  const { version } = project.pipelines.saveIfChanged('read', YAML);
  const { finished } = startRun({ document: pipeline, baseDir: dir, record: { project, pipeline: 'read', version } });
  const { result } = await finished;
  expect(result.status).toBe('ok');
}

/** `id,value,group` rows: id counts up, value has gaps (missing every 7th), group cycles through three labels. */
function table(rows: number, changedRow = -1): string {
  const lines = ['id,value,group'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${i % 7 === 3 ? '' : (i === changedRow ? 1e6 : (i * 37) % 101) / 4},${'abc'[i % 3]}`);
  return lines.join('\n') + '\n';
}

const statsOf = (stats: unknown, name: string) => (stats as ColumnStats[]).find((s) => s.name === name)!;

describe('dataset versions recorded by a run', () => {
  it('carry the row count, schema and column stats of the content', async () => {
    const project = openProjectFile(join(dir, 'p.plumb'), { create: true });
    try {
      await runOn(project, table(50));
      const [v] = project.datasets.versions('data');
      expect(v).toMatchObject({ rowCount: 50, sampleRows: null });
      expect((v.schema as { name: string }[]).map((c) => c.name)).toEqual(['id', 'value', 'group']);
      const values = Array.from({ length: 50 }, (_, i) => i).filter((i) => i % 7 !== 3).map((i) => ((i * 37) % 101) / 4);
      const value = statsOf(v.stats, 'value');
      expect(value.missing).toBe(50 - values.length);
      expect(value.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 10);
      expect(value.min).toBe(Math.min(...values));
      expect(value.max).toBe(Math.max(...values));
      expect(statsOf(v.stats, 'group').distinct).toBe(3);
    } finally {
      project.close();
    }
  });

  it('above the blob cap keep the hash, stats and a seeded sample in file order, one version per content', async () => {
    const rows = DATASET_SAMPLE_ROWS + 2_500;
    const project = openProjectFile(join(dir, 'p.plumb'), { create: true, blobCapBytes: 1_000 });
    const data = await openDataSession();
    try {
      await runOn(project, table(rows));
      await runOn(project, table(rows)); // same content: the same version
      let versions = project.datasets.versions('data');
      expect(versions).toHaveLength(1);
      const [v1] = versions;
      expect(v1).toMatchObject({ rowCount: rows, sampleRows: DATASET_SAMPLE_ROWS });
      expect(statsOf(v1.stats, 'id')).toMatchObject({ count: rows, min: 0, max: rows - 1 });

      const sample = await data.fromParquetBytes(project.datasets.bytes(v1.id), 'sample');
      expect(await data.rowCount(sample)).toBe(DATASET_SAMPLE_ROWS);
      const ids = (await data.all(`SELECT id FROM ${sample.table}`)).map((r) => Number(r.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true); // file order kept
      expect(ids.every((id) => id >= 0 && id < rows)).toBe(true);

      await runOn(project, table(rows, 1234)); // one value changed: a second version
      versions = project.datasets.versions('data');
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect(versions[1].hash).not.toBe(v1.hash);
      expect(statsOf(versions[1].stats, 'value').max).toBe(1e6 / 4);
    } finally {
      await data.close();
      project.close();
    }
  });
});
