// monitor.estimate_performance through its node: CBPE on a logistic model under covariate shift (realized accuracy
// inside the band for ≥ 90 % of chunks, realized values equal to a count by hand), chunks by column and by size,
// partially labelled chunks, DLE for a regressor, and bad params.
import { describe, expect, it } from 'vitest';
import { predictWithModel } from '../../../../../electron/ml/model-file.js';
import { estimatePerformanceNode, type EstimatedPerformance } from '../../../../../electron/nodes/monitor/estimate_performance.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';
import { modelRows } from './model-rows.js';

const { env } = sharedEnv();

// x shifts upward week by week; P(label = yes | x) = sigmoid(2x − 1) stays the same (covariate shift only).
const normal = (seed: string) => `sqrt(-2 * ln(((hash(i + ${seed}) % 100000) + 1) / 100001.0)) * cos(2 * pi() * ((hash(i * 7 + ${seed}) % 100000) / 100000.0))`;
const rowsOf = (from: number, to: number, shift: string) => `
  SELECT i, week, x, CASE WHEN (hash(i * 13 + 1) % 100000) / 100000.0 < 1 / (1 + exp(-(2 * x - 1))) THEN 'yes' ELSE 'no' END AS label
  FROM (SELECT i, i // 400 AS week, ${normal('3')} + ${shift} AS x FROM range(${from}, ${to}) t(i))`;
const REFERENCE = rowsOf(0, 4000, '0');
const CURRENT = rowsOf(4000, 12000, '(i // 400 - 10) * 0.1 - 0.5');

describe('monitor.estimate_performance', () => {
  it('CBPE: realized accuracy within estimate ± 3 SE for ≥ 90 % of 20 weekly chunks, realized = count by hand', async () => {
    const data = env().data;
    const reference = await table(data, REFERENCE);
    const current = await table(data, CURRENT);
    const { model } = await train(logisticRegressionNode, env(), reference, { target: 'label', features: ['x'] });
    const out = (await runNode(estimatePerformanceNode, env(), { model: throughJson(model), reference, current }, { batch_column: 'week' })).metrics as EstimatedPerformance;
    expect(out.method).toBe('cbpe');
    expect(out.metrics).toEqual(['roc_auc', 'f1', 'precision', 'recall', 'accuracy']);
    expect(out.chunks.map((c) => c.chunk)).toEqual(Array.from({ length: 20 }, (_, k) => k + 10));
    expect(Object.keys(out.chunks[0]).slice(0, 5)).toEqual(['chunk', 'n', 'estimated', 'lower', 'upper']);
    const { X, all } = await modelRows(data, current, model);
    const predicted = predictWithModel(model, X).prediction;
    let inside = 0;
    out.chunks.forEach((c) => {
      const rows = all.map((r, i) => [r, i] as const).filter(([r]) => Number(r.week) === c.chunk);
      expect(c.n).toBe(400);
      const right = rows.filter(([r, i]) => model.classes[predicted[i]] === r.label).length;
      expect(c.realized!.accuracy).toBeCloseTo(right / 400, 14);
      const acc = c.realized!.accuracy as number;
      if (acc >= (c.lower.accuracy as number) && acc <= (c.upper.accuracy as number)) inside++;
    });
    expect(inside / 20).toBeGreaterThanOrEqual(0.9);
    // x crosses the decision boundary (x = 0.5) in week 20: accuracy dips there, and the estimates follow the dip
    const est = (k: number) => out.chunks[k].estimated.accuracy as number;
    expect(est(0) - est(10)).toBeGreaterThan(0.03);
    expect(est(19) - est(10)).toBeGreaterThan(0.03);
    expect(out.alert).toBe(out.chunks.some((c) => c.alert));
    expect(out.thresholds.accuracy.lower).toBeLessThan(out.thresholds.accuracy.upper as number);
  });

  it('chunks by size without labels; a partly labelled chunk gets realized values on its labelled rows', async () => {
    const data = env().data;
    const reference = await table(data, REFERENCE);
    const { model } = await train(logisticRegressionNode, env(), reference, { target: 'label', features: ['x'] });
    const unlabelled = await table(data, `SELECT i, x FROM (${CURRENT}) WHERE i < 5000`);
    const out = (await runNode(estimatePerformanceNode, env(), { model, reference, current: unlabelled }, { chunk_size: 300, metrics: ['accuracy'] })).metrics as EstimatedPerformance;
    expect(out.chunks.map((c) => [c.chunk, c.n])).toEqual([[1, 300], [2, 300], [3, 300], [4, 100]]);
    expect(out.chunks.every((c) => c.realized === undefined && Object.keys(c.estimated).join() === 'accuracy')).toBe(true);
    const partly = await table(data, `SELECT * REPLACE (CASE WHEN i % 2 = 0 THEN NULL ELSE label END AS label) FROM (${CURRENT}) WHERE i < 5000`);
    const half = (await runNode(estimatePerformanceNode, env(), { model, reference, current: partly }, { chunk_size: 300, metrics: ['accuracy'] })).metrics as EstimatedPerformance;
    expect(half.chunks.map((c) => c.n_labelled)).toEqual([150, 150, 150, 50]);
    expect(half.chunks[0].estimated.accuracy).toBe(out.chunks[0].estimated.accuracy);
  });

  it('DLE for a regressor whose errors grow with |x|: MAE / RMSE bands cover the realized values', async () => {
    const data = env().data;
    const source = (from: number, to: number, shift: string) => `
      SELECT i, i // 300 AS part, x, 2 * x + (0.2 + abs(x)) * ${normal('17')} AS y
      FROM (SELECT i, ${normal('5')} + ${shift} AS x FROM range(${from}, ${to}) t(i))`;
    const reference = await table(data, source(0, 3000, '0'));
    const current = await table(data, source(3000, 9000, '(i // 300 - 10) * 0.1'));
    const { model } = await train(linearRegressionNode, env(), reference, { target: 'y', features: ['x'] });
    const out = (await runNode(estimatePerformanceNode, env(), { model, reference, current }, { batch_column: 'part' })).metrics as EstimatedPerformance;
    expect(out.method).toBe('dle');
    expect(out.metrics).toEqual(['mae', 'rmse']);
    expect(out.chunks.length).toBe(20);
    for (const metric of ['mae', 'rmse']) {
      const inside = out.chunks.filter((c) => (c.realized![metric] as number) >= (c.lower[metric] as number) && (c.realized![metric] as number) <= (c.upper[metric] as number));
      expect(inside.length / 20).toBeGreaterThanOrEqual(0.9);
    }
    expect(out.chunks[19].alerts).toContain('mae');
  });

  it('names bad params and missing labels in the reference', async () => {
    const data = env().data;
    const reference = await table(data, REFERENCE);
    const { model } = await train(logisticRegressionNode, env(), reference, { target: 'label', features: ['x'] });
    await expect(runNode(estimatePerformanceNode, env(), { model, reference, current: reference }, { metrics: ['mae'] })).rejects.toThrow(/mae cannot be estimated for a classification model/);
    const noLabels = await table(data, `SELECT x FROM (${REFERENCE})`);
    await expect(runNode(estimatePerformanceNode, env(), { model, reference: noLabels, current: reference }, {})).rejects.toThrow(/'reference' needs the target column 'label'/);
    await expect(runNode(estimatePerformanceNode, env(), { model, reference, current: reference }, { batch_column: 'nope' })).rejects.toThrow(/nope/);
  });
});
