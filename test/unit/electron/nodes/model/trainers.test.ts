// Every trainer node on small generated tables: known coefficients recovered, separable classes learned exactly,
// the model file's envelope (features, levels, classes, task) and its history.
import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../../shared/errors.js';
import { predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import { decisionTreeNode } from '../../../../../electron/nodes/model/decision_tree.js';
import { gradientBoostingNode } from '../../../../../electron/nodes/model/gradient_boosting.js';
import { knnNode } from '../../../../../electron/nodes/model/knn.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { naiveBayesNode } from '../../../../../electron/nodes/model/naive_bayes.js';
import { predictNode } from '../../../../../electron/nodes/model/predict.js';
import { randomForestNode } from '../../../../../electron/nodes/model/random_forest.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import type { NodeDeclaration } from '../../../../../shared/catalog/define.js';
import type { PlumbNode } from '../../../../../electron/nodes/env.js';
import { canonicalJson } from '../../../../../electron/nodes/codecs.js';
import { rows, runNode, sharedEnv, table, train } from './run-node.js';

const { env } = sharedEnv();

type AnyTrainer = PlumbNode<NodeDeclaration>;
/** Trainers side by side in one table of cases (their param types differ). */
const anyTrainer = (node: unknown): AnyTrainer => node as AnyTrainer;

/** Two classes split by x1 (a: 0..1, b: 10..11); x2 is noise; color is a categorical column. */
const SEPARABLE = `
  SELECT CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS label,
         (i % 2) * 10 + ((i * 37) % 101) / 101.0 AS x1,
         ((i * 53) % 97) / 97.0 AS x2,
         CASE i % 3 WHEN 0 THEN 'red' WHEN 1 THEN 'green' ELSE 'blue' END AS color
  FROM range(200) t(i)`;

/** y = 3 + 2·x1 − 1.5·x2 exactly. */
const LINEAR = `
  SELECT x1, x2, 3 + 2 * x1 - 1.5 * x2 AS y
  FROM (SELECT i::DOUBLE AS x1, ((i * 7) % 11)::DOUBLE AS x2 FROM range(60) t(i))`;

async function predictions(model: PlumbModelFile, data: TableRef): Promise<Record<string, unknown>[]> {
  const out = await runNode(predictNode, env(), { model, data }, {});
  return rows(env().data, out.table as TableRef);
}

describe('model.linear_regression', () => {
  it('recovers known coefficients and predicts the exact values', async () => {
    const data = await table(env().data, LINEAR);
    const { model, history } = await train(linearRegressionNode, env(), data, { target: 'y' });
    expect(model).toMatchObject({ plumb_model: 1, type: 'linear_regression', features: ['x1', 'x2'], target: 'y', task: 'regression', classes: [] });
    expect(model.trained.rows).toBe(60);
    if (model.type !== 'linear_regression') throw new Error('type');
    expect(model.model.coefficients.terms).toEqual(['x1', 'x2']);
    expect(model.model.coefficients.weights[0][0]).toBeCloseTo(2, 9);
    expect(model.model.coefficients.weights[0][1]).toBeCloseTo(-1.5, 9);
    expect(model.model.coefficients.intercept[0]).toBeCloseTo(3, 9);
    expect(history).toHaveLength(1);
    expect(history[0].train_loss).toBeLessThan(1e-18);
    for (const row of await predictions(model, data)) expect(row.prediction as number).toBeCloseTo(row.y as number, 9);
  });

  it('refuses a text target, pointing at task and target', async () => {
    const data = await table(env().data, SEPARABLE);
    const error = await train(linearRegressionNode, env(), data, { target: 'label' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlumbError);
    expect(error).toMatchObject({ kind: 'invalid_input', where: { param: 'target' } });
  });
});

describe('classifiers on separable classes', () => {
  const classifiers: [string, AnyTrainer, Record<string, unknown>][] = [
    ['logistic_regression', anyTrainer(logisticRegressionNode), {}],
    ['decision_tree', anyTrainer(decisionTreeNode), {}],
    ['random_forest', anyTrainer(randomForestNode), { n_estimators: 10 }],
    ['gradient_boosting', anyTrainer(gradientBoostingNode), { max_iter: 10 }],
    ['knn', anyTrainer(knnNode), {}],
    ['naive_bayes', anyTrainer(naiveBayesNode), {}],
  ];

  it.each(classifiers)('%s classifies every training row right and writes the envelope', async (type, node, extra) => {
    const data = await table(env().data, SEPARABLE);
    const { model, history } = await train(node, env(), data, { target: 'label', ...extra });
    expect(model).toMatchObject({
      plumb_model: 1,
      type,
      features: ['x1', 'x2', 'color'],
      target: 'label',
      task: 'classification',
      classes: ['a', 'b'],
      feature_levels: { color: ['blue', 'green', 'red'] },
      trained: { rows: 200 },
    });
    expect(model.params).toMatchObject({ seed: 0, ...extra });
    // Plain JSON already (no typed arrays), so the cache and `--out` store exactly this object.
    expect(canonicalJson(model)).toBe(JSON.stringify(model));
    expect(history.length).toBeGreaterThanOrEqual(1);
    for (const point of history) expect(Number.isFinite(point.train_loss)).toBe(true);
    const out = await predictions(model, data);
    expect(out.every((r) => r.prediction === r.label)).toBe(true);
    for (const r of out) expect((r.proba_a as number) + (r.proba_b as number)).toBeCloseTo(1, 12);
  });
});

describe('regressors on a smooth target', () => {
  const regressors: [string, AnyTrainer, Record<string, unknown>][] = [
    ['decision_tree', anyTrainer(decisionTreeNode), {}],
    ['random_forest', anyTrainer(randomForestNode), { n_estimators: 20 }],
    ['gradient_boosting', anyTrainer(gradientBoostingNode), { max_iter: 50 }],
    ['knn', anyTrainer(knnNode), {}],
  ];

  it.each(regressors)('%s fits y = x² on the training rows (R² > 0.95)', async (_type, node, extra) => {
    const data = await table(env().data, `SELECT i / 10.0 AS x, (i / 10.0) ^ 2 AS y FROM range(300) t(i)`);
    const { model } = await train(node, env(), data, { target: 'y', ...extra });
    expect(model.task).toBe('regression');
    const out = await predictions(model, data);
    const y = out.map((r) => r.y as number);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const sse = out.reduce((a, r) => a + ((r.y as number) - (r.prediction as number)) ** 2, 0);
    const sst = y.reduce((a, v) => a + (v - mean) ** 2, 0);
    expect(1 - sse / sst).toBeGreaterThan(0.95);
    expect(Object.keys(out[0])).toEqual(['x', 'y', 'prediction']);
  });
});

describe('targets and tasks', () => {
  it('makes a boolean target a classification with classes false, true', async () => {
    const data = await table(env().data, `SELECT x1 > 5 AS big, x2 FROM (${SEPARABLE})`);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'big', features: ['x2'], max_iter: 3 });
    expect(model).toMatchObject({ task: 'classification', classes: ['false', 'true'], features: ['x2'] });
  });

  it('sorts numeric classes numerically under task: classification', async () => {
    const data = await table(env().data, `SELECT (i % 3) * 5 AS grade, i AS x FROM range(30) t(i)`);
    const { model } = await train(decisionTreeNode, env(), data, { target: 'grade', task: 'classification' });
    expect(model.classes).toEqual(['0', '5', '10']);
    const out = await predictions(model, data);
    expect(out.map((r) => r.prediction)).toEqual(out.map((r) => String(r.grade)));
  });

  it('leaves out rows with a missing target and says how many', async () => {
    const data = await table(env().data, `SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE i * 2.0 END AS x1t, i::DOUBLE AS x2 FROM range(200) t(i)`);
    const ctx = (await import('../data/context.js')).makeTestContext();
    const { model } = await train(linearRegressionNode, env(), data, { target: 'x1t' }, ctx);
    expect(model.trained.rows).toBe(180);
    expect(ctx.warnings).toEqual([`20 rows of 'train' with a missing target 'x1t' were left out`]);
  });

  it('names the param and the available columns for an unknown feature', async () => {
    const data = await table(env().data, SEPARABLE);
    const error = await train(naiveBayesNode, env(), data, { target: 'label', features: ['x1', 'colour'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_input', where: { param: 'features' } });
    expect((error as Error).message).toContain("unknown column 'colour' (did you mean 'color'?)");
    expect((error as Error).message).toContain("available: 'label', 'x1', 'x2', 'color'");
  });

  it('refuses the target as a feature', async () => {
    const data = await table(env().data, SEPARABLE);
    await expect(train(knnNode, env(), data, { target: 'label', features: ['x1', 'label'] })).rejects.toMatchObject({
      kind: 'invalid_input',
      where: { param: 'features' },
    });
  });
});

describe('history', () => {
  it('gradient boosting: one point per round, streamed live and returned whole', async () => {
    const data = await table(env().data, SEPARABLE);
    const ctx = (await import('../data/context.js')).makeTestContext();
    const { model, history } = await train(gradientBoostingNode, env(), data, { target: 'label', max_iter: 15, early_stopping: false }, ctx);
    expect(history.map((p) => p.step)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    if (model.type !== 'gradient_boosting') throw new Error('type');
    expect(model.model.ensemble.trees).toHaveLength(15);
    expect(history[14].train_loss!).toBeLessThan(history[0].train_loss!);
    for (let i = 1; i < history.length; i++) expect(history[i].seconds).toBeGreaterThanOrEqual(history[i - 1].seconds);
    const streamed = ctx.seriesPoints.filter((s) => s.port === 'history').flatMap((s) => s.points);
    expect(streamed).toEqual(history);
  });

  it('logistic regression: one point per L-BFGS iteration', async () => {
    const data = await table(env().data, `SELECT label, x2, color FROM (${SEPARABLE})`);
    const { model, history } = await train(logisticRegressionNode, env(), data, { target: 'label' });
    if (model.type !== 'logistic_regression') throw new Error('type');
    expect(history.length).toBe(model.model.n_iter);
    expect(history.map((p) => p.step)).toEqual(Array.from({ length: history.length }, (_, i) => i + 1));
  });

  it('reports the validation loss: every round for boosting, at the end for the others', async () => {
    const trainRows = await table(env().data, `SELECT * FROM (${SEPARABLE}) WHERE x2 < 0.7`);
    const validRows = await table(env().data, `SELECT * FROM (${SEPARABLE}) WHERE x2 >= 0.7`);
    const gbm = await runNode(gradientBoostingNode, env(), { train: trainRows, valid: validRows }, { target: 'label', max_iter: 5 });
    const gbmHistory = gbm.history as { valid_loss?: number }[];
    expect(gbmHistory).toHaveLength(5);
    for (const p of gbmHistory) expect(p.valid_loss).toBeGreaterThan(0);

    const knn = await runNode(knnNode, env(), { train: trainRows, valid: validRows }, { target: 'label' });
    const [point] = knn.history as { train_loss: number; valid_loss: number }[];
    // kNN on separable rows: every neighbour agrees, so both losses are the clipped log-loss of probability 1.
    expect(point.valid_loss).toBeCloseTo(-Math.log(1 - 2.220446049250313e-16), 12);
    expect(point.train_loss).toBeCloseTo(point.valid_loss, 12);
  });
});

describe('cancel', () => {
  it('stops gradient boosting mid-fit with a cancelled error', async () => {
    const data = await table(
      env().data,
      `SELECT (hash(i) % 1000) / 1000.0 AS a, (hash(i * 7) % 1000) / 1000.0 AS b, (hash(i * 13) % 1000) / 1000.0 AS c,
              a * 3 + b * b - c AS y FROM range(20000) t(i)`,
    );
    const ctx = (await import('../data/context.js')).makeTestContext();
    const series = ctx.series;
    ctx.series = (port, points) => {
      series(port, points);
      ctx.cancel();
    };
    const started = performance.now();
    const error = await train(gradientBoostingNode, env(), data, { target: 'y', max_iter: 5000, early_stopping: false }, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'cancelled' });
    const steps = ctx.seriesPoints.flatMap((s) => s.points).length;
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(5000);
    console.log(`cancelled after ${steps} streamed rounds, ${(performance.now() - started).toFixed(0)} ms`);
    // The pool still works afterwards.
    const small = await table(env().data, LINEAR);
    const { model } = await train(linearRegressionNode, env(), small, { target: 'y' });
    expect(predictWithModel(model, { nRows: 1, columns: [new Float64Array([1]), new Float64Array([2])], names: ['x1', 'x2'], levels: [null, null] }).prediction[0]).toBeCloseTo(2, 9);
  });
});
