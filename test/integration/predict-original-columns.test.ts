// A registered model that stores its preprocessing chain scores new data in the original columns: model.load +
// model.predict on the raw CSV give exactly what the chain followed by the model gives (the serving path).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRun } from '../../electron/api/runs.js';
import { openDataSession } from '../../electron/data/session.js';
import { loadModelFile, predictRawRows } from '../../electron/ml/model-file.js';
import { openProjectFile } from '../../electron/store/project-file.js';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { parsePipelineYaml } from '../../shared/pipeline/index.js';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'plumb-predict-raw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const YAML = `plumb: 1
name: score
nodes:
  - id: data
    type: data.read_csv
    params: { path: ${join(root, 'assets/datasets/churn.csv')} }
  - id: model
    type: model.load
    params: { model: churn@champion }
  - id: scored
    type: model.predict
    inputs: { model: model.model, data: data.table }
`;

describe('model.predict on the original columns', () => {
  it('runs the stored chain first, as serving does', async () => {
    const file = join(dir, 'sample.plumb');
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(join(root, `assets/sample.plumb${suffix}`))) copyFileSync(join(root, `assets/sample.plumb${suffix}`), `${file}${suffix}`);
    const project = openProjectFile(file);
    const data = await openDataSession();
    try {
      const model = loadModelFile(JSON.parse(new TextDecoder().decode(project.models.artifact('churn@champion'))));
      expect(model.preprocessing?.steps.length).toBeGreaterThan(0);
      const { version } = project.pipelines.saveIfChanged('score', YAML);
      const document = parsePipelineYaml(YAML, { file: 'score.yaml', catalog: nodeCatalog });
      const { finished } = startRun({ document, baseDir: dir, record: { project, pipeline: 'score', version } });
      const { result } = await finished;
      expect(result.status).toBe('ok');

      const { runId } = result;
      const scored = await data.fromParquetBytes(project.runs.outputs(runId!, 'scored')!.table, 'scored');
      const got = (await data.all(`SELECT prediction FROM ${scored.table}`)).map((r) => String(r.prediction));

      // Independently: the raw CSV through predictRawRows (the chain, then the model).
      const lines = readFileSync(join(root, 'assets/datasets/churn.csv'), 'utf8').trim().split('\n');
      const raw = await data.readCsv(join(root, 'assets/datasets/churn.csv'), { onError: 'fail' });
      const rows = await data.all(`SELECT * FROM ${raw.table.table}`);
      const columns = Object.fromEntries(model.preprocessing!.input.map((c) => [c.name, rows.map((r) => r[c.name] as string | number | boolean | null)]));
      const expected = predictRawRows(model, { nrows: rows.length, columns }).output.prediction;
      expect(got).toHaveLength(lines.length - 1);
      expect(got).toEqual(Array.from(expected, (code) => model.classes[code]));
    } finally {
      await data.close();
      project.close();
    }
  });
});
