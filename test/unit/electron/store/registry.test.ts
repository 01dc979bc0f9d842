// The registry's lifecycle part: lineage snapshots, logged alias moves with rollback, and registration that is
// all-or-nothing (a failure injected mid-way leaves no trace).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openProjectFile, type ProjectFile } from '../../../../electron/store/project-file.js';
import { countRows, tickingClock, useTempDir } from './temp-dir.js';

const modelFile = (n: number): Uint8Array => new TextEncoder().encode(JSON.stringify({ plumb_model: 1, type: 'knn', n }));
const yaml = 'plumb: 1\nname: train\nnodes: []\n';

/** A project with one finished run of pipeline `train` that read one dataset version. */
function projectWithRun(file: string): { project: ProjectFile; runId: string; datasetVersion: number } {
  const project = openProjectFile(file, { create: true, now: tickingClock() });
  project.pipelines.save('train', yaml);
  const run = project.runs.start({ pipeline: 'train', nodes: [{ id: 'data', type: 'data.read_csv' }, { id: 'gbm', type: 'model.gradient_boosting', params: { max_iter: 10 } }] });
  const dataset = project.datasets.addVersion({ name: 'churn', bytes: new Uint8Array([1, 2, 3]), format: 'parquet', runId: run.id, nodeId: 'data' });
  project.runs.finish(run.id, { status: 'ok', nodes: [{ id: 'data', status: 'done' }, { id: 'gbm', status: 'done' }] });
  return { project, runId: run.id, datasetVersion: dataset.id };
}

describe('registering with lineage', () => {
  const dir = useTempDir();

  it('keeps metrics, params, signature, explanation and the pipeline and dataset versions it came from', () => {
    const { project, runId, datasetVersion } = projectWithRun(join(dir(), 'p.plumb'));
    const run = project.runs.get(runId)!;
    expect(run.pipelineHash).toMatch(/^[0-9a-f]{64}$/);
    const v = project.models.register({
      name: 'churn',
      bytes: modelFile(1),
      type: 'model.gradient_boosting',
      runId,
      nodeId: 'gbm',
      metrics: { 'evaluate.roc_auc': 0.9 },
      params: { max_iter: 10 },
      signature: { columns: [{ name: 'x', type: 'numeric' }], target: 'y', task: 'classification', classes: ['a', 'b'] },
      explanation: { node: 'shap', method: 'tree', top: [{ feature: 'x', importance: 1 }] },
      pipeline: { name: 'train', version: 1, hash: run.pipelineHash! },
      datasets: [{ versionId: datasetVersion, role: 'data' }],
      alias: 'champion',
      note: 'first',
    });
    expect(v).toMatchObject({
      version: 1,
      created: true,
      aliases: ['champion'],
      params: { max_iter: 10 },
      pipeline: { name: 'train', version: 1, hash: run.pipelineHash },
      datasets: [{ versionId: datasetVersion, name: 'churn', version: 1, role: 'data', rowCount: null }],
    });
    expect(project.models.fromRun(runId)).toEqual([{ name: 'churn', version: 1, node: 'gbm' }]);
    expect(project.models.aliasLog('churn')).toEqual([expect.objectContaining({ alias: 'champion', from: null, to: 1, note: 'first' })]);
    project.close();
  });

  it('is one transaction: a failure injected after the version row leaves no model, version, lineage, alias or blob', () => {
    const file = join(dir(), 'p.plumb');
    const { project, runId, datasetVersion } = projectWithRun(file);
    const blobsBefore = countRows(file, 'blobs');
    // The alias log is the last write of register: make it fail, after everything else was written.
    const raw = new Database(file);
    raw.exec("CREATE TRIGGER inject_failure BEFORE INSERT ON model_alias_log BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
    raw.close();
    expect(() =>
      project.models.register({
        name: 'churn', bytes: modelFile(7), type: 'model.knn', runId, nodeId: 'gbm',
        datasets: [{ versionId: datasetVersion, role: 'data' }], alias: 'champion',
      }),
    ).toThrow(/injected failure/);
    for (const table of ['models', 'model_versions', 'model_version_datasets', 'model_aliases', 'model_alias_log']) {
      expect(countRows(file, table), table).toBe(0);
    }
    expect(countRows(file, 'blobs')).toBe(blobsBefore);
    project.close();
  });
});

describe('aliases', () => {
  const dir = useTempDir();

  it('logs every move with its time and note; rollback moves the alias back and is logged too', () => {
    const project = openProjectFile(join(dir(), 'a.plumb'), { create: true, now: tickingClock() });
    for (const n of [1, 2, 3]) project.models.register({ name: 'churn', bytes: modelFile(n), type: 'model.knn' });
    project.models.setAlias('churn', 'champion', 1, 'baseline');
    const move = project.models.setAlias('churn', 'champion', 3, 'better auc');
    expect(move).toMatchObject({ alias: 'champion', from: 1, to: 3, note: 'better auc' });
    project.models.setAlias('churn', 'challenger', 2);
    expect(project.models.resolve('churn@champion').version).toBe(3);

    const back = project.models.rollbackAlias('churn', 'champion', 'v3 misbehaves');
    expect(back).toMatchObject({ from: 3, to: 1, note: 'v3 misbehaves' });
    expect(project.models.resolve('churn@champion').version).toBe(1);
    expect(project.models.list()[0].aliases).toEqual({ champion: 1, challenger: 2 });

    const log = project.models.aliasLog('churn', 'champion');
    expect(log.map((m) => [m.from, m.to, m.note])).toEqual([[null, 1, 'baseline'], [1, 3, 'better auc'], [3, 1, 'v3 misbehaves']]);
    expect(new Set(log.map((m) => m.movedAt)).size).toBe(3);
    expect(() => project.models.rollbackAlias('churn', 'challenger')).toThrow(/named no version before/);
    expect(() => project.models.rollbackAlias('churn', 'nobody')).toThrow(/no alias 'nobody'/);

    project.models.deleteAlias('churn', 'challenger', 'retired');
    expect(project.models.aliasLog('churn', 'challenger').at(-1)).toMatchObject({ from: 2, to: null, note: 'retired' });
    expect(() => project.models.setAlias('churn', 'champion', 9)).toThrow(/has no version 9/);
    expect(() => project.models.setAlias('nope', 'champion', 1)).toThrow(/no model named 'nope'/);
    project.close();
  });
});
