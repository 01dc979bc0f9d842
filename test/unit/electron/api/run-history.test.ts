// runs.compare and runs.list through the app's API functions: param differences, the metric union with the best
// marked by direction, curves per run, drift and explanation summaries side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareRuns, listRuns, resolveRunId, showRun } from '../../../../electron/api/run-history.js';
import { topFeatures } from '../../../../electron/api/run-summaries.js';
import { openProjectFile, type ProjectFile } from '../../../../electron/store/project-file.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function recorded(p: ProjectFile, maxIter: number, metrics: Record<string, unknown>, extra: (id: string) => void = () => {}): string {
  const run = p.runs.start({
    pipeline: 'train',
    nodes: [{ id: 'gbm', type: 'model.gradient_boosting', params: { max_iter: maxIter, learning_rate: 0.1 } }, { id: 'evaluate', type: 'evaluate.regression', params: {} }],
  });
  p.metrics.put(run.id, 'evaluate', metrics);
  extra(run.id);
  p.runs.finish(run.id, { status: 'ok', nodes: [{ id: 'gbm', status: 'done' }, { id: 'evaluate', status: 'done' }] });
  return run.id;
}

describe('compareRuns', () => {
  it('diffs params, unions metrics with the best marked, and puts curves, drift and explanations side by side', () => {
    dir = mkdtempSync(join(tmpdir(), 'plumb-api-'));
    const p = openProjectFile(join(dir, 'c.plumb'), { create: true });
    p.pipelines.save('train', 'plumb: 1\nname: train\nnodes: []\n');
    const a = recorded(p, 10, { rmse: 2, r2: 0.5, n: 20 }, (id) => {
      p.series.put(id, 'gbm', 'history', [{ step: 1, train_loss: 3, seconds: 0.1 }]);
      p.drift.put(id, 'drift', { dataset_drift: true, share_drifted: 0.5, columns: [{ name: 'x', drifted: true }, { name: 'y', drifted: false }] });
      p.explanations.put(id, 'shap', { method: 'tree', feature_names: ['x', 'y'], base_value: 0, values: [[1, -3], [-1, 1]] });
    });
    const b = recorded(p, 50, { rmse: 1, r2: 0.7, n: 20, mae: 0.5 });
    const c = recorded(p, 10, { rmse: 1, r2: 0.6, n: 20 });

    const comparison = compareRuns(p, [a, b, c]);
    expect(comparison.runs.map((r) => r.id)).toEqual([a, b, c]);
    expect(comparison.params).toEqual([
      { node: 'gbm', param: 'max_iter', values: [10, 50, 10], differs: true },
      { node: 'gbm', param: 'learning_rate', values: [0.1, 0.1, 0.1], differs: false },
    ]);
    expect(comparison.metrics).toEqual([
      { name: 'evaluate.mae', values: [null, 0.5, null], better: 'lower', best: [] },
      { name: 'evaluate.n', values: [20, 20, 20], better: null, best: [] },
      { name: 'evaluate.r2', values: [0.5, 0.7, 0.6], better: 'higher', best: [1] },
      { name: 'evaluate.rmse', values: [2, 1, 1], better: 'lower', best: [1, 2] },
    ]);
    expect(comparison.series).toEqual([{ node: 'gbm', port: 'history', runs: [{ runId: a, points: [{ step: 1, train_loss: 3, seconds: 0.1 }] }] }]);
    expect(comparison.drift).toEqual([{ node: 'drift', values: [{ datasetDrift: true, shareDrifted: 0.5, drifted: ['x'] }, null, null] }]);
    expect(comparison.explanations).toEqual([{ node: 'shap', values: [[{ feature: 'y', importance: 2 }, { feature: 'x', importance: 1 }], null, null] }]);
    expect(() => compareRuns(p, [a])).toThrow(/compare 2 to 10 runs/);
    expect(() => compareRuns(p, [a, 'ghost'])).toThrow(/no run 'ghost'/);

    const page = listRuns(p, { sort: 'metric:evaluate.r2', limit: 2 });
    expect(page).toMatchObject({ total: 3, offset: 0 });
    expect(page.runs.map((r) => r.id)).toEqual([b, c]);
    expect(showRun(p, resolveRunId(p, a.slice(0, 6))).nodes[0].params).toEqual({ max_iter: 10, learning_rate: 0.1 });
    p.close();
  });
});

describe('topFeatures', () => {
  it('ranks SHAP (also multiclass), permutation importance and LIME outputs by mean absolute contribution', () => {
    expect(topFeatures({ feature_names: ['a', 'b'], values: [[[1, 0]], [[3, -4]]] })).toEqual([
      { feature: 'b', importance: 2 },
      { feature: 'a', importance: 2 },
    ].sort((x, y) => x.feature.localeCompare(y.feature))); // tie: alphabetical
    expect(topFeatures({ metric: 'accuracy', features: [{ feature: 'a', mean: 0.1, std: 0 }, { feature: 'b', mean: 0.3, std: 0 }] })?.map((f) => f.feature)).toEqual(['b', 'a']);
    expect(topFeatures({ rows: [{ weights: [{ feature: 'a', weight: -2 }] }, { weights: [{ feature: 'b', weight: 1 }] }] })).toEqual([
      { feature: 'a', importance: 1 },
      { feature: 'b', importance: 0.5 },
    ]);
    expect(topFeatures({ something: 'else' })).toBeUndefined();
  });
});
