// explain.interactions through its node: rows of each matrix sum to explain.shap's TreeSHAP values of the same rows,
// the matrix is symmetric and sums to the margin; an additive model (depth-1 boosting) has no interactions, so its
// diagonal is the SHAP value; multiclass per class; non-tree models are refused.
import { describe, expect, it } from 'vitest';
import { predictWithModel } from '../../../../../electron/ml/model-file.js';
import type { ShapExplanation } from '../../../../../electron/nodes/explain/explanation-json.js';
import { interactionsNode, type InteractionExplanation } from '../../../../../electron/nodes/explain/interactions.js';
import { shapNode } from '../../../../../electron/nodes/explain/shap.js';
import { gradientBoostingNode } from '../../../../../electron/nodes/model/gradient_boosting.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { randomForestNode } from '../../../../../electron/nodes/model/random_forest.js';
import { modelRows } from '../monitor/model-rows.js';
import { runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';

const { env } = sharedEnv();

const DATA = `
  SELECT a, b, c,
         CASE WHEN a * b > 0.2 OR c > 0.9 THEN 'yes' ELSE 'no' END AS label,
         CASE WHEN a > 0.66 THEN 'hi' WHEN b > 0.5 THEN 'mid' ELSE 'lo' END AS tier
  FROM (SELECT (hash(i) % 1000) / 1000.0 AS a, (hash(i + 7919) % 1000) / 1000.0 AS b, (hash(i + 31) % 1000) / 1000.0 AS c FROM range(300) t(i))`;

const FEATURES = ['a', 'b', 'c'];

const rowSum = (m: number[][], i: number) => m[i].reduce((s, v) => s + v, 0);

describe('explain.interactions', () => {
  it('a boosted binary classifier: rows sum to TreeSHAP values, symmetric, base + Σ matrix = margin', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'label', features: FEATURES, max_iter: 15 });
    const file = throughJson(model);
    const out = (await runNode(interactionsNode, env(), { model: file, data }, { max_rows: 40, seed: 3 })).explanation as InteractionExplanation;
    const shap = (await runNode(shapNode, env(), { model: file, data }, { max_rows: 40, seed: 3, group_encoded: false, method: 'tree' })).explanation as ShapExplanation;
    expect(out.kind).toBe('shap_interactions');
    expect(out.feature_names).toEqual(FEATURES);
    expect(out.rows).toEqual(shap.rows);
    expect(out.base_value).toBeCloseTo(shap.base_value as number, 12);
    const { X } = await modelRows(env().data, data, model);
    const margin = predictWithModel(model, X).margin!;
    const values = out.values as number[][][];
    const phi = shap.values as number[][];
    let offDiagonal = 0;
    out.rows.forEach((row, r) => {
      const m = values[r];
      let total = out.base_value as number;
      for (let i = 0; i < 3; i++) {
        expect(rowSum(m, i)).toBeCloseTo(phi[r][i], 9);
        total += rowSum(m, i);
        for (let j = 0; j < 3; j++) {
          expect(m[i][j]).toBeCloseTo(m[j][i], 12);
          if (i !== j) offDiagonal = Math.max(offDiagonal, Math.abs(m[i][j]));
        }
      }
      expect(total).toBeCloseTo(margin[row], 9);
      expect(out.data[r][0]).toBe(X.columns[0][row]);
    });
    // a·b drives the label, so the model does interact
    expect(offDiagonal).toBeGreaterThan(1e-3);
  });

  it('an additive model (stumps) has zero interactions and main effects equal to the SHAP values', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'label', features: FEATURES, max_iter: 20, max_depth: 1 });
    const out = (await runNode(interactionsNode, env(), { model, data }, { max_rows: 25 })).explanation as InteractionExplanation;
    const shap = (await runNode(shapNode, env(), { model, data }, { max_rows: 25, group_encoded: false, method: 'tree' })).explanation as ShapExplanation;
    const values = out.values as number[][][];
    values.forEach((m, r) => {
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) if (i !== j) expect(Math.abs(m[i][j])).toBeLessThan(1e-12);
        expect(m[i][i]).toBeCloseTo((shap.values as number[][])[r][i], 10);
      }
    });
  });

  it('a multiclass forest: values[class][row][i][j], each class matrix summing to that class\'s SHAP values', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(randomForestNode, env(), data, { target: 'tier', features: FEATURES, n_estimators: 8, max_depth: 4 });
    const out = (await runNode(interactionsNode, env(), { model, data }, { max_rows: 12 })).explanation as InteractionExplanation;
    const shap = (await runNode(shapNode, env(), { model, data }, { max_rows: 12, group_encoded: false, method: 'tree' })).explanation as ShapExplanation;
    expect(out.classes).toEqual(['hi', 'lo', 'mid']);
    const values = out.values as number[][][][];
    const phi = shap.values as number[][][];
    expect(values.length).toBe(3);
    for (let k = 0; k < 3; k++) {
      expect((out.base_value as number[])[k]).toBeCloseTo((shap.base_value as number[])[k], 12);
      values[k].forEach((m, r) => m.forEach((_, i) => expect(rowSum(m, i)).toBeCloseTo(phi[k][r][i], 9)));
    }
  });

  it('refuses a model that is not made of trees, naming the model type', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(logisticRegressionNode, env(), data, { target: 'label', features: FEATURES });
    await expect(runNode(interactionsNode, env(), { model, data }, {})).rejects.toThrow(/need a tree model.*logistic_regression/);
  });
});
