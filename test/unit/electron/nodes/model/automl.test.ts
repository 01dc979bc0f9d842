// model.automl and model.tune through their node implementations: deterministic for a seed (timing aside), the
// best never worse on CV than the default gradient boosting it includes, the stacked ensemble predicting exactly
// its members' weighted scores through its link, `use_model` answered from the kept search without refitting.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { resolveShapMethod } from '../../../../../electron/ml/explain/shap-method.js';
import { shapValues } from '../../../../../electron/ml/explain/shap-values.js';
import { exportOnnx } from '../../../../../electron/ml/onnx/export.js';
import { compileModel } from '../../../../../electron/serve/predictor.js';
import { DirectoryCache } from '../../../../../electron/engine/cache-dir.js';
import { assignFolds } from '../../../../../electron/nodes/evaluate/folds.js';
import type { RunTaskOptions, TaskHandle } from '../../../../../electron/engine/workers.js';
import { loadModelFile, predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import type { EnsembleModel } from '../../../../../electron/ml/ensemble/estimator.js';
import { automlNode } from '../../../../../electron/nodes/model/automl.js';
import { forgetSearches } from '../../../../../electron/nodes/model/search-run.js';
import { apportion, automlPlan } from '../../../../../electron/nodes/model/search-plan.js';
import { tuneNode } from '../../../../../electron/nodes/model/tune.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import { Random } from '../../../../../electron/ml/random.js';
import { fitGradientBoosting, predictProba } from '../../../../../electron/ml/tree/hist-gbm.js';
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

/** ROC AUC by counting every (positive, negative) pair: ties count one half. */
function bruteAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((a, i) =>
    labels.forEach((b, j) => {
      if (a !== 1 || b !== 0) return;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }),
  );
  return wins / pairs;
}
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

  it('keeps its fitted candidates in the run cache: after a restart, any full-resource row is picked without a fit', async () => {
    const data = await table(env().data, BINARY);
    const cache = new DirectoryCache(mkdtempSync(join(tmpdir(), 'plumb-automl-cache-')));
    const withCache = { ...env(), cache };
    forgetSearches();
    const first = await runNode(automlNode, withCache, { train: data }, PARAMS);
    const board = await rows(env().data, first.leaderboard as TableRef);
    forgetSearches(); // what an app restart loses
    const c = counted(withCache);
    const full = board.filter((r) => r.rows === 600);
    for (const row of full) {
      const picked = await runNode(automlNode, c.env, { train: data }, { ...PARAMS, use_model: row.model_id as string });
      expect((picked.model as PlumbModelFile).params).toEqual(row.model_id === 'stacked_ensemble' ? expect.anything() : { ...JSON.parse(row.params as string), seed: PARAMS.seed });
      expect(withoutTiming(await rows(env().data, picked.leaderboard as TableRef))).toEqual(withoutTiming(board));
    }
    expect(c.runs()).toBe(0);
    // a row cut by halving costs one fit, once: the fit is kept too
    const partial = board.find((r) => (r.rows as number) < 600)!;
    forgetSearches();
    await runNode(automlNode, c.env, { train: data }, { ...PARAMS, use_model: partial.model_id as string });
    expect(c.runs()).toBe(1);
    forgetSearches();
    await runNode(automlNode, c.env, { train: data }, { ...PARAMS, use_model: partial.model_id as string });
    expect(c.runs()).toBe(1);
  }, 120_000);

  it('scores candidates on the valid table when it is connected, and says so', async () => {
    const train = await table(env().data, `SELECT * FROM (${BINARY}) LIMIT 400`);
    const valid = await table(env().data, `SELECT * FROM (${BINARY}) OFFSET 400`);
    forgetSearches();
    const params = { ...PARAMS, families: ['logistic_regression' as const, 'decision_tree' as const], max_models: 3 };
    const out = await runNode(automlNode, env(), { train, valid }, params);
    const board = await rows(env().data, out.leaderboard as TableRef);
    expect(board.every((r) => r.scored_on === 'valid')).toBe(true);
    // every full-resource model's mean is its metric on the valid rows' folds: check it by refitting on all of train
    // and averaging the ROC AUC over the same folds (independent of the search's plumbing: brute force here)
    const validRows = await rows(env().data, valid);
    const baseline = board.find((r) => r.model_id === 'gradient_boosting_default')!;
    const files = await runNode(automlNode, env(), { train, valid }, { ...params, use_model: 'gradient_boosting_default' });
    const file = files.model as PlumbModelFile;
    const X = await matrixOf(valid, file);
    const p1 = predictWithModel(file, X).proba!.filter((_, j) => j % 2 === 1);
    const labels = validRows.map((r) => (r.churn === file.classes[1] ? 1 : 0));
    const folds = assignFolds(validRows.length, 3, { classes: Int32Array.from(labels), shuffle: true, seed: PARAMS.seed }).fold;
    const aucs = [0, 1, 2].map((f) => bruteAuc(labels.filter((_, i) => folds[i] === f), Array.from(p1).filter((_, i) => folds[i] === f)));
    expect(baseline.metric_mean as number).toBeCloseTo(aucs.reduce((a, b) => a + b, 0) / 3, 10);
    // and a CV run ranks differently-scored rows: it says cv
    forgetSearches();
    const cv = await runNode(automlNode, env(), { train }, params);
    expect((await rows(env().data, cv.leaderboard as TableRef)).every((r) => r.scored_on === 'cv')).toBe(true);
  }, 120_000);

  it('a tree-only ensemble winner serves, explains with TreeSHAP (the weighted member SHAP) and exports to ONNX', async () => {
    const data = await table(env().data, BINARY);
    forgetSearches();
    const params = { ...PARAMS, families: ['decision_tree' as const, 'gradient_boosting' as const], max_models: 4 };
    const out = await runNode(automlNode, env(), { train: data }, { ...params, use_model: 'stacked_ensemble' });
    const file = loadModelFile(throughJson(out.model));
    const model = file.model as EnsembleModel;
    const X = await matrixOf(data, file);
    const rowsAt = [0, 11, 200, 599];
    // serving compiles and predicts it like any model file
    const served = compileModel(throughJson(out.model));
    expect(Array.from((await served.predict(X)).proba!)).toEqual(Array.from(predictWithModel(file, X).proba!));
    // TreeSHAP: the weighted sum of the members' values
    expect(resolveShapMethod('auto', file)).toBe('tree');
    const request = { method: 'tree' as const, interventional: false, X, rows: rowsAt, nsamples: 'auto' as const, seed: 0 };
    const shap = shapValues({ ...request, file });
    const parts = model.members.map((m) => shapValues({ ...request, file: loadModelFile(m.file) }));
    // a binary member may explain both class columns: the ensemble reads its positive (last) one
    const positive = (p: (typeof parts)[number], v: number) => p.values[(p.nOutputs - 1) * rowsAt.length * X.columns.length + v];
    for (let v = 0; v < shap.values.length; v++) expect(shap.values[v]).toBeCloseTo(model.members.reduce((a, m, k) => a + m.weight * positive(parts[k], v), 0), 9);
    // ONNX: onnxruntime's probabilities equal Plumb's on float32 inputs (ONNX's input type: a double that float32
    // rounds across a split threshold can go the other way, as with any float32 export)
    const X32 = { ...X, columns: X.columns.map((c, j) => (X.levels[j] ? c : c.map(Math.fround))) };
    const session = await ort.InferenceSession.create(exportOnnx(file));
    const feeds: Record<string, ort.Tensor> = {};
    file.features.forEach((name, j) => {
      const levels = X.levels[j];
      feeds[name] = levels ? new ort.Tensor('string', Array.from(X.columns[j], (c) => levels[c]), [X.nRows, 1]) : new ort.Tensor('float32', Float32Array.from(X32.columns[j]), [X.nRows, 1]);
    });
    const got = (await session.run(feeds)).probabilities.data as Float32Array;
    const want = predictWithModel(file, X32).proba!;
    expect(Math.max(...Array.from(want, (p, i) => Math.abs(p - got[i])))).toBeLessThanOrEqual(1e-5);
  }, 120_000);

  it('is deterministic with MLP candidates too (seeded initialization and batch order)', async () => {
    const data = await table(env().data, `SELECT * FROM (${BINARY}) LIMIT 240`);
    const params = { ...PARAMS, families: ['mlp' as const, 'naive_bayes' as const], max_models: 3, folds: 2, stacking: false };
    forgetSearches();
    const first = await runNode(automlNode, env(), { train: data }, params);
    forgetSearches();
    const second = await runNode(automlNode, env(), { train: data }, params);
    const board = await rows(env().data, first.leaderboard as TableRef);
    expect(board.filter((r) => r.family === 'mlp').length).toBeGreaterThanOrEqual(1);
    expect(withoutTiming(await rows(env().data, second.leaderboard as TableRef))).toEqual(withoutTiming(board));
    expect(withoutSeconds(second.model as PlumbModelFile)).toEqual(withoutSeconds(first.model as PlumbModelFile));
  }, 180_000);

  it('multiclass: the default\'s leaderboard log-loss is its cross-validated log-loss, and the ensemble\'s probabilities sum to 1', async () => {
    const data = await table(
      env().data,
      `SELECT CASE WHEN a + 0.5 * b > 1.0 THEN 'c' WHEN a - b > 0.1 THEN 'b' ELSE 'a' END AS label, a, b, c
       FROM (SELECT (hash(i) % 1000) / 1000.0 + ((hash(i + 3) % 100) / 400.0) AS a, (hash(i + 5000) % 1000) / 1000.0 AS b, (hash(i + 77) % 1000) / 1000.0 AS c FROM range(450) t(i))`,
    );
    forgetSearches();
    const params = { target: 'label', families: ['logistic_regression' as const, 'gradient_boosting' as const], max_models: 3, folds: 3, seed: 5 };
    const out = await runNode(automlNode, env(), { train: data }, params);
    const board = await rows(env().data, out.leaderboard as TableRef);
    expect(board[0].metric).toBe('log_loss');

    // independent truth: the node's seeded shuffle and stratified folds, a default fit per fold, log-loss by hand
    const all = await rows(env().data, data);
    const classes = ['a', 'b', 'c'];
    const order = Int32Array.from(all, (_, i) => i);
    new Random(params.seed).shuffle(order);
    const codes = Int32Array.from(order, (i) => classes.indexOf(all[i].label as string));
    const columns = ['a', 'b', 'c'].map((name) => Float64Array.from(order, (i) => all[i][name] as number));
    const folds = assignFolds(all.length, 3, { classes: codes, shuffle: false, seed: params.seed }).fold;
    const losses = [0, 1, 2].map((f) => {
      const train = Int32Array.from(order.keys()).filter((i) => folds[i] !== f);
      const test = Int32Array.from(order.keys()).filter((i) => folds[i] === f);
      const pick = (rows: Int32Array) => ({ nRows: rows.length, columns: columns.map((c) => Float64Array.from(rows, (i) => c[i])), names: ['a', 'b', 'c'], levels: [null, null, null] });
      const model = fitGradientBoosting(pick(train), { task: 'classification', codes: Int32Array.from(train, (i) => codes[i]), classes }, {}, { seed: params.seed });
      const proba = predictProba(model, pick(test));
      return test.reduce((sum, i, r) => sum - Math.log(Math.max(proba[r * 3 + codes[i]], 1e-15)), 0) / test.length;
    });
    const baseline = board.find((r) => r.model_id === 'gradient_boosting_default')!;
    expect(baseline.metric_mean as number).toBeCloseTo(losses.reduce((a, b) => a + b, 0) / 3, 9);

    // the live history names the ensemble as the leaderboard does, from its first point on
    const point = (out.history as { detail?: Record<string, unknown> }[]).find((p) => p.detail?.model_id === 'stacked_ensemble');
    expect(point?.detail?.family).toBe('stacked_ensemble');
    expect(board.find((r) => r.model_id === 'stacked_ensemble')!.family).toBe('stacked_ensemble');

    const ensemble = await runNode(automlNode, env(), { train: data }, { ...params, use_model: 'stacked_ensemble' });
    const file = loadModelFile(throughJson(ensemble.model));
    const proba = predictWithModel(file, await matrixOf(data, file)).proba!;
    expect(proba.length).toBe(all.length * 3);
    for (let i = 0; i < all.length; i++) expect(proba[3 * i] + proba[3 * i + 1] + proba[3 * i + 2]).toBeCloseTo(1, 12);
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

describe('automlPlan', () => {
  it('splits max_models by family share (largest remainder), and samples each family by its own seed', () => {
    const shares = [1, 1, 2, 3, 1, 1];
    for (const total of [1, 5, 9, 12, 20, 31]) {
      const counts = apportion(total, shares);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
      const exact = shares.map((s) => (total * s) / 9);
      counts.forEach((c, i) => expect(Math.abs(c - exact[i])).toBeLessThan(1));
    }
    const plan = automlPlan({ families: ['logistic_regression', 'gradient_boosting'], task: 'classification', maxModels: 8, seed: 1, stacking: true });
    expect(plan.candidates.filter((c) => c.family === 'gradient_boosting')).toHaveLength(6);
    const alone = automlPlan({ families: ['gradient_boosting'], task: 'classification', maxModels: 6, seed: 1, stacking: true });
    expect(alone.candidates.map((c) => c.params)).toEqual(plan.candidates.filter((c) => c.family === 'gradient_boosting').map((c) => c.params));
  });
});
