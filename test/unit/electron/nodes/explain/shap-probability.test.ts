// explain.shap with output: probability, end to end on trained models: the values of each explained row sum to the
// model's own predicted probability minus the base value, and the base value is the mean probability over the
// background (shap's model_output="probability"); the method each model kind gets; errors name the param.
import { describe, expect, it } from 'vitest';
import { predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import type { ShapExplanation } from '../../../../../electron/nodes/explain/explanation-json.js';
import { shapNode } from '../../../../../electron/nodes/explain/shap.js';
import { gradientBoostingNode } from '../../../../../electron/nodes/model/gradient_boosting.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { randomForestNode } from '../../../../../electron/nodes/model/random_forest.js';
import { rows, runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';

const { env } = sharedEnv();

const DATA = `
  SELECT a, b, CASE WHEN a + 0.5 * b + 0.2 * ((hash(i) % 10) / 10.0) > 0.9 THEN 'yes' ELSE 'no' END AS label,
         CASE WHEN a > 0.66 THEN 'hi' WHEN b > 0.5 THEN 'mid' ELSE 'lo' END AS tier, 3 * a - 2 * b AS y
  FROM (SELECT i, (hash(i) % 1000) / 1000.0 AS a, (hash(i + 7919) % 1000) / 1000.0 AS b FROM range(200) t(i))`;
const FEATURES = ['a', 'b'];

async function features(data: TableRef, model: PlumbModelFile): Promise<FeatureMatrix> {
  const all = await rows(env().data, data);
  return { nRows: all.length, columns: model.features.map((name) => Float64Array.from(all, (r) => Number(r[name]))), names: model.features, levels: model.features.map(() => null) };
}

const shapOf = async (inputs: Record<string, unknown>, params: Record<string, unknown>) => (await runNode(shapNode, env(), inputs, params)).explanation as ShapExplanation;

/** Local accuracy in probability space for the explained class `k` of `width` probability columns. */
async function expectProbabilitySums(out: ShapExplanation, model: PlumbModelFile, data: TableRef, background: TableRef, tolerance: number) {
  const proba = predictWithModel(model, await features(data, model)).proba!;
  const bgProba = predictWithModel(model, await features(background, model)).proba!;
  const K = model.classes.length;
  const explained = K === 2 ? [1] : Array.from({ length: K }, (_, k) => k);
  const nBackground = bgProba.length / K;
  explained.forEach((cls, i) => {
    const base = Array.isArray(out.base_value) ? out.base_value[i] : out.base_value;
    const values = (K === 2 ? out.values : (out.values as number[][][])[i]) as number[][];
    let mean = 0;
    for (let b = 0; b < nBackground; b++) mean += bgProba[b * K + cls] / nBackground;
    // The kernel's background is summarized by k-means when larger than 50 rows; these tests keep it at ≤ 50.
    expect(Math.abs(base - mean)).toBeLessThan(tolerance);
    out.rows.forEach((row, r) => expect(Math.abs(base + values[r].reduce((s, v) => s + v, 0) - proba[row * K + cls])).toBeLessThan(tolerance));
  });
}

describe('explain.shap output: probability', () => {
  it('boosted binary classifier: interventional TreeSHAP of P(yes), sums to the probability', async () => {
    const data = await table(env().data, DATA);
    const background = await table(env().data, `SELECT * FROM (${DATA}) LIMIT 40`);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'label', features: FEATURES, max_iter: 15 });
    const out = await shapOf({ model: throughJson(model), data, background }, { output: 'probability', max_rows: 30 });
    expect(out.method).toBe('tree');
    expect(out.output).toBe('probability');
    expect(out.classes).toEqual(['yes']);
    await expectProbabilitySums(out, model, data, background, 1e-9);
    // Probabilities stay within [0, 1]: every explained value is bounded by 1 in absolute value.
    expect((out.values as number[][]).flat().every((v) => Math.abs(v) <= 1)).toBe(true);
  });

  it('random forest: its margins are the probabilities, the default background is the explained rows', async () => {
    const data = await table(env().data, `SELECT * FROM (${DATA}) LIMIT 60`);
    const { model } = await train(randomForestNode, env(), data, { target: 'label', features: FEATURES, n_estimators: 8 });
    const out = await shapOf({ model, data }, { output: 'probability' });
    expect(out.method).toBe('tree');
    await expectProbabilitySums(out, model, data, data, 1e-9);
  });

  it('logistic regression goes to KernelSHAP on the probability (LinearSHAP is margin-only)', async () => {
    const data = await table(env().data, DATA);
    const background = await table(env().data, `SELECT * FROM (${DATA}) LIMIT 30`);
    const { model } = await train(logisticRegressionNode, env(), data, { target: 'label', features: FEATURES });
    const out = await shapOf({ model, data, background }, { output: 'probability', max_rows: 10 });
    expect(out.method).toBe('kernel');
    expect(out.output).toBe('probability');
    await expectProbabilitySums(out, model, data, background, 1e-9);
    await expect(runNode(shapNode, env(), { model, data }, { output: 'probability', method: 'linear' })).rejects.toMatchObject({ kind: 'invalid_input', where: { param: 'method' } });
  });

  it('multiclass boosting (softmax) is explained per class by KernelSHAP', async () => {
    const data = await table(env().data, DATA);
    const background = await table(env().data, `SELECT * FROM (${DATA}) LIMIT 25`);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'tier', features: FEATURES, max_iter: 10 });
    const out = await shapOf({ model, data, background }, { output: 'probability', max_rows: 8 });
    expect(out.method).toBe('kernel');
    expect(out.classes).toEqual(['hi', 'lo', 'mid']);
    await expectProbabilitySums(out, model, data, background, 1e-9);
    await expect(runNode(shapNode, env(), { model, data }, { output: 'probability', method: 'tree' })).rejects.toMatchObject({ kind: 'invalid_input', where: { param: 'method' } });
  });

  it('refuses probability output for a regressor, naming the output param', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(linearRegressionNode, env(), data, { target: 'y', features: FEATURES });
    await expect(runNode(shapNode, env(), { model, data }, { output: 'probability' })).rejects.toMatchObject({ kind: 'invalid_input', where: { param: 'output' } });
  });
});
