// model.automl and model.tune through their node implementations: deterministic for a seed (timing aside), the
// best never worse on CV than the default gradient boosting it includes, the stacked ensemble predicting exactly
// its members' weighted scores through its link, `use_model` answered from the kept search without refitting.
import { describe, expect, it } from 'vitest';
import type { RunTaskOptions, TaskHandle } from '../../../../../electron/engine/workers.js';
import { loadModelFile, predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import type { EnsembleModel } from '../../../../../electron/ml/ensemble/estimator.js';
import { automlNode } from '../../../../../electron/nodes/model/automl.js';
import { forgetSearches } from '../../../../../electron/nodes/model/search-run.js';
import { tuneNode } from '../../../../../electron/nodes/model/tune.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import { rows, runNode, sharedEnv, table, throughJson } from './run-node.js';

const { env } = sharedEnv();

const BINARY = `
  SELECT CASE WHEN a + 0.6 * b - 0.3 * c + ((hash(i + 9) % 100) / 250.0) > 0.8 THEN 'yes' ELSE 'no' END AS churn, a, b, c,
         CASE i % 3 WHEN 0 THEN 'x' WHEN 1 THEN 'y' ELSE 'z' END AS plan
  FROM (SELECT i, (hash(i) % 1000) / 1000.0 AS a, (hash(i + 5000) % 1000) / 1000.0 AS b, (hash(i + 77) % 1000) / 1000.0 AS c FROM range(600) t(i))`;

const PARAMS: { target: string; families: ('logistic_regression' | 'decision_tree' | 'gradient_boosting' | 'naive_bayes')[]; max_models: number; folds: number; seed: number } = {
  target: 'churn',
  families: ['logistic_regression', 'decision_tree', 'gradient_boosting', 'naive_bayes'],
  max_models: 8,
  folds: 3,
  seed: 3,
};

/** The env with its pool's `run` counted. */
function counted(base: NodeEnv): { env: NodeEnv; runs: () => number } {
  let n = 0;
  const workers = {
    ...base.workers,
    run: <I, O, M>(task: TaskHandle<I, O, M>, payload: I, options?: RunTaskOptions<M>) => {
      n++;
      return base.workers.run(task, payload, options);
    },
  };
  return { env: { ...base, workers }, runs: () => n };
}

type Row = Record<string, unknown>;
const TIMING = new Set(['fit_seconds', 'predict_ms_per_row']);
const withoutTiming = (all: Row[]) => all.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !TIMING.has(k))));
const withoutSeconds = (file: PlumbModelFile) => ({ ...throughJson(file), trained: { ...file.trained, seconds: 0 } });

async function matrixOf(data: TableRef, file: PlumbModelFile): Promise<FeatureMatrix> {
  const all = await rows(env().data, data);
  const columns = file.features.map((name) => {
    const levels = file.feature_levels[name];
    return Float64Array.from(all, (r) => (levels ? levels.indexOf(r[name] as string) : (r[name] as number)));
  });
  return { nRows: all.length, columns, names: file.features, levels: file.features.map((f) => file.feature_levels[f] ?? null) };
}

describe('model.automl', () => {
  it('is deterministic, never worse than the default gradient boosting, and stacks exactly', async () => {
    const data = await table(env().data, BINARY);
    forgetSearches();
    const first = await runNode(automlNode, env(), { train: data }, PARAMS);
    forgetSearches();
    const second = await runNode(automlNode, env(), { train: data }, PARAMS);
    const board = await rows(env().data, first.leaderboard as TableRef);
    expect(withoutTiming(await rows(env().data, second.leaderboard as TableRef))).toEqual(withoutTiming(board));
    expect(withoutSeconds(second.model as PlumbModelFile)).toEqual(withoutSeconds(first.model as PlumbModelFile));

    // 8 sampled + the default + the ensemble; the default is scored on all rows
    expect(board).toHaveLength(10);
    const baseline = board.find((r) => r.model_id === 'gradient_boosting_default')!;
    expect(baseline.rung).toBe(-1);
    expect(board[0].metric).toBe('roc_auc');
    expect(board[0].metric_mean as number).toBeGreaterThanOrEqual(baseline.metric_mean as number);
    // full-resource rows (rung -1 or the last rung) come first, each of them scored on all 600 rows
    const full = board.filter((r) => r.rows === 600);
    expect(board.slice(0, full.length)).toEqual(full);

    // the ensemble: intercept + Σ weight × member score, through the logistic link
    const c = counted(env());
    const picked = await runNode(automlNode, c.env, { train: data }, { ...PARAMS, use_model: 'stacked_ensemble' });
    expect(c.runs()).toBe(0);
    const file = loadModelFile(throughJson(picked.model));
    expect(file.type).toBe('ensemble');
    const model = file.model as EnsembleModel;
    expect(model.members.length).toBeGreaterThanOrEqual(1);
    expect(model.members.every((m) => m.weight >= 0)).toBe(true);
    const X = await matrixOf(data, file);
    const out = predictWithModel(file, X);
    const memberScores = model.members.map((m) => {
      const o = predictWithModel(loadModelFile(m.file), X);
      const width = o.margin ? o.margin.length / X.nRows : 2;
      return Float64Array.from({ length: X.nRows }, (_, i) => (o.margin ? o.margin[i * width + width - 1] : o.proba![2 * i + 1]));
    });
    for (let i = 0; i < X.nRows; i += 7) {
      const margin = model.intercept[0] + model.members.reduce((a, m, k) => a + m.weight * memberScores[k][i], 0);
      expect(out.proba![2 * i + 1]).toBeCloseTo(1 / (1 + Math.exp(-margin)), 12);
    }

    // the second-best row, picked without a search or a fit
    const secondId = board[1].model_id as string;
    const c2 = counted(env());
    const again = await runNode(automlNode, c2.env, { train: data }, { ...PARAMS, use_model: secondId });
    expect(c2.runs()).toBe(0);
    expect(again.model).not.toEqual(first.model);
    const bad = runNode(automlNode, env(), { train: data }, { ...PARAMS, use_model: 'nope_1' });
    await expect(bad).rejects.toThrow(/'nope_1' is not a model_id of the leaderboard/);
  }, 120_000);

  it('names the param when the metric does not fit the task', async () => {
    const data = await table(env().data, BINARY);
    await expect(runNode(automlNode, env(), { train: data }, { ...PARAMS, metric: 'rmse' })).rejects.toThrow(/metric 'rmse' is a regression metric/);
  });
});

describe('model.tune', () => {
  it('grid: every combination cross-validated on all rows, plus the defaults', async () => {
    const data = await table(env().data, BINARY);
    forgetSearches();
    const out = await runNode(tuneNode, env(), { train: data }, {
      target: 'churn',
      estimator: 'decision_tree',
      search: 'grid',
      space: { max_depth: [2, 4], min_samples_leaf: [1, 20] },
      folds: 3,
    });
    const board = await rows(env().data, out.leaderboard as TableRef);
    expect(board).toHaveLength(5);
    expect(new Set(board.map((r) => r.params))).toEqual(
      new Set(['{}', '{"max_depth":2,"min_samples_leaf":1}', '{"max_depth":2,"min_samples_leaf":20}', '{"max_depth":4,"min_samples_leaf":1}', '{"max_depth":4,"min_samples_leaf":20}']),
    );
    expect(board.every((r) => r.rows === 600)).toBe(true);
    const means = board.map((r) => r.metric_mean as number);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect((out.model as PlumbModelFile).type).toBe('decision_tree');
  }, 60_000);

  it('rejects a space key the estimator does not have, naming it', () => {
    const parsed = tuneNode.declaration.params.safeParse({ target: 'y', estimator: 'knn', space: { n_neighbours: [3, 5] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].path).toEqual(['space', 'n_neighbours']);
    expect(parsed.error!.issues[0].message).toMatch(/model\.knn has no param 'n_neighbours'/);
  });
});
