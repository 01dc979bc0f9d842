// The explain nodes end to end on trained models: SPEC §6 formats, local accuracy against the model's own margins
// and probabilities, group_encoded sums, method choice and errors, and the LIME / permutation / PDP outputs.
import { describe, expect, it } from 'vitest';
import { predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import { limeNode } from '../../../../../electron/nodes/explain/lime.js';
import { pdpNode, type PdpFeature } from '../../../../../electron/nodes/explain/pdp.js';
import { permutationImportanceNode, type FeatureImportance } from '../../../../../electron/nodes/explain/permutation_importance.js';
import type { ShapExplanation } from '../../../../../electron/nodes/explain/explanation-json.js';
import { shapNode } from '../../../../../electron/nodes/explain/shap.js';
import { gradientBoostingNode } from '../../../../../electron/nodes/model/gradient_boosting.js';
import { knnNode } from '../../../../../electron/nodes/model/knn.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { naiveBayesNode } from '../../../../../electron/nodes/model/naive_bayes.js';
import { randomForestNode } from '../../../../../electron/nodes/model/random_forest.js';
import { rows, runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';

const { env } = sharedEnv();

// a, b numeric; color one-hot encoded as data.encode would ("color=red", …); label depends on a and color.
const DATA = `
  SELECT a, b, (c = 0)::INTEGER AS "color=red", (c = 1)::INTEGER AS "color=green", (c = 2)::INTEGER AS "color=blue",
         CASE WHEN a + (c = 1)::INTEGER * 0.6 > 0.8 THEN 'yes' ELSE 'no' END AS label,
         3 * a - 2 * b + (c = 2)::INTEGER + 0.1 * ((hash(i) % 10) / 10.0) AS y,
         CASE WHEN a > 0.66 THEN 'hi' WHEN b > 0.5 THEN 'mid' ELSE 'lo' END AS tier
  FROM (SELECT i, (hash(i) % 1000) / 1000.0 AS a, (hash(i + 7919) % 1000) / 1000.0 AS b, i % 3 AS c FROM range(240) t(i))`;

async function features(data: TableRef, model: PlumbModelFile): Promise<FeatureMatrix> {
  const all = await rows(env().data, data);
  return {
    nRows: all.length,
    columns: model.features.map((name) => Float64Array.from(all, (r) => Number(r[name]))),
    names: model.features,
    levels: model.features.map(() => null),
  };
}

const shapOf = async (inputs: Record<string, unknown>, params: Record<string, unknown> = {}) =>
  (await runNode(shapNode, env(), inputs, params)).explanation as ShapExplanation;

describe('explain.shap', () => {
  it('TreeSHAP of a boosted binary classifier: SPEC format, raw log-odds, base + Σ values = margin', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'label', features: ['a', 'b', 'color=red', 'color=green', 'color=blue'], max_iter: 20 });
    const out = await shapOf({ model: throughJson(model), data }, { max_rows: 50, group_encoded: false });
    expect(Object.keys(out).slice(0, 5)).toEqual(['method', 'output', 'feature_names', 'base_value', 'values']);
    expect(out.method).toBe('tree');
    expect(out.output).toBe('raw');
    expect(out.classes).toEqual(['yes']);
    expect(out.feature_names).toEqual(model.features);
    expect(out.rows.length).toBe(50);
    expect([...out.rows].sort((x, y) => x - y)).toEqual(out.rows);
    const X = await features(data, model);
    const margin = predictWithModel(model, X).margin!;
    const values = out.values as number[][];
    out.rows.forEach((row, r) => {
      const sum = (out.base_value as number) + values[r].reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - margin[row])).toBeLessThan(1e-6 * Math.max(1, Math.abs(margin[row])));
      expect(out.data[r][0]).toBe(X.columns[0][row]);
    });
  });

  it('group_encoded folds color=… into color with exactly the summed values', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(randomForestNode, env(), data, { target: 'label', features: ['a', 'b', 'color=red', 'color=green', 'color=blue'], n_estimators: 10 });
    const grouped = await shapOf({ model, data }, { max_rows: 30 });
    const plain = await shapOf({ model, data }, { max_rows: 30, group_encoded: false });
    expect(grouped.feature_names).toEqual(['a', 'b', 'color']);
    const g = grouped.values as number[][];
    const p = plain.values as number[][];
    g.forEach((row, r) => {
      expect(row[0]).toBe(p[r][0]);
      expect(row[2]).toBeCloseTo(p[r][2] + p[r][3] + p[r][4], 12);
    });
    // The color cell shows the level that is set.
    const all = await rows(env().data, data);
    grouped.rows.forEach((row, r) => {
      const level = all[row]['color=red'] ? 'red' : all[row]['color=green'] ? 'green' : 'blue';
      expect(grouped.data[r][2]).toBe(level);
    });
  });

  it('LinearSHAP of a multinomial logistic regression: per-class margins, background means', async () => {
    const data = await table(env().data, DATA);
    const background = await table(env().data, `SELECT * FROM (${DATA}) LIMIT 60`);
    const { model } = await train(logisticRegressionNode, env(), data, { target: 'tier', features: ['a', 'b', 'color=red', 'color=green', 'color=blue'] });
    const out = await shapOf({ model, data, background }, { max_rows: 20 });
    expect(out.method).toBe('linear');
    expect(out.output).toBe('raw');
    expect(out.classes).toEqual(['hi', 'lo', 'mid']);
    const base = out.base_value as number[];
    const values = out.values as number[][][];
    expect(values.length).toBe(3);
    const X = await features(data, model);
    const margin = predictWithModel(model, X).margin!;
    const bgMargin = predictWithModel(model, await features(background, model)).margin!;
    for (let k = 0; k < 3; k++) {
      // E[margin] over the background is the base value (the model is linear).
      let mean = 0;
      for (let i = 0; i < 60; i++) mean += bgMargin[i * 3 + k] / 60;
      expect(base[k]).toBeCloseTo(mean, 9);
      out.rows.forEach((row, r) => expect(base[k] + values[k][r].reduce((s, v) => s + v, 0)).toBeCloseTo(margin[row * 3 + k], 9));
    }
  });

  it('KernelSHAP of kNN explains the positive class probability; exact agrees (M = 5, every coalition, k-means background)', async () => {
    const data = await table(env().data, DATA);
    // 120 rows: summarized to 50 weighted k-means centers, the same ones for both methods (same seed).
    const background = await table(env().data, `SELECT * FROM (${DATA}) LIMIT 120`);
    const { model } = await train(knnNode, env(), data, { target: 'label', features: ['a', 'b', 'color=red', 'color=green', 'color=blue'] });
    const kernel = await shapOf({ model, data, background }, { max_rows: 8, group_encoded: false });
    const exact = await shapOf({ model, data, background }, { max_rows: 8, group_encoded: false, method: 'exact' });
    expect(kernel.method).toBe('kernel');
    expect(kernel.output).toBe('probability');
    expect(exact.method).toBe('exact');
    const X = await features(data, model);
    const proba = predictWithModel(model, X).proba!;
    const k = kernel.values as number[][];
    const e = exact.values as number[][];
    kernel.rows.forEach((row, r) => {
      expect((kernel.base_value as number) + k[r].reduce((s, v) => s + v, 0)).toBeCloseTo(proba[row * 2 + 1], 9);
      k[r].forEach((v, j) => expect(v).toBeCloseTo(e[r][j], 6));
    });
  });

  it('interventional TreeSHAP uses the background: base value = mean margin over it', async () => {
    const data = await table(env().data, DATA);
    const background = await table(env().data, `SELECT * FROM (${DATA}) LIMIT 40`);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'y', features: ['a', 'b'], max_iter: 10 });
    const out = await shapOf({ model, data, background }, { max_rows: 10, feature_perturbation: 'interventional' });
    const bg = predictWithModel(model, await features(background, model)).margin!;
    expect(out.base_value as number).toBeCloseTo(bg.reduce((s, v) => s + v, 0) / 40, 9);
    const margin = predictWithModel(model, await features(data, model)).margin!;
    out.rows.forEach((row, r) => expect((out.base_value as number) + (out.values as number[][])[r].reduce((s, v) => s + v, 0)).toBeCloseTo(margin[row], 9));
  });

  it('refuses a method the model cannot use', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(naiveBayesNode, env(), data, { target: 'label', features: ['a', 'b'] });
    await expect(runNode(shapNode, env(), { model, data }, { method: 'tree' })).rejects.toMatchObject({ kind: 'invalid_input', where: { param: 'method' } });
    await expect(runNode(shapNode, env(), { model, data }, { method: 'linear' })).rejects.toMatchObject({ kind: 'invalid_input' });
  });
});

describe('explain.lime', () => {
  it('writes one explanation per row in the SPEC format, for the positive class', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(logisticRegressionNode, env(), data, { target: 'label', features: ['a', 'b', 'color=red', 'color=green', 'color=blue'] });
    const out = (await runNode(limeNode, env(), { model, data, background: data }, { max_rows: 4, num_samples: 800, num_features: 3 })).explanation as {
      rows: { row: number; label: string; intercept: number; prediction: number; local_prediction: number; score: number; weights: { feature: string; condition: string; weight: number }[] }[];
    };
    expect(out.rows.length).toBe(4);
    const X = await features(data, model);
    const proba = predictWithModel(model, X).proba!;
    for (const e of out.rows) {
      expect(Object.keys(e)).toEqual(['row', 'label', 'intercept', 'prediction', 'local_prediction', 'score', 'weights']);
      expect(e.label).toBe('yes');
      expect(e.prediction).toBeCloseTo(proba[e.row * 2 + 1], 12);
      expect(e.weights.length).toBe(3);
      expect(e.local_prediction).toBeCloseTo(e.intercept + e.weights.reduce((s, w) => s + w.weight, 0), 12);
      for (const w of e.weights) expect(w.condition).toMatch(/^(a|b) (<=|>) \d|^\d+\.\d\d < (a|b) <= |^color(=|!=)(red|green|blue)$/);
    }
    // label = yes when a + 0.6·green > 0.8: a low a or not being green pushes the probability down, and vice versa.
    const signs = new Map<RegExp, number>([[/^a <= /, -1], [/^a > /, 1], [/^color=green$/, 1], [/^color!=green$/, -1]]);
    let checked = 0;
    for (const w of out.rows.flatMap((e) => e.weights)) {
      for (const [pattern, sign] of signs) {
        if (!pattern.test(w.condition)) continue;
        expect(Math.sign(w.weight)).toBe(sign);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

describe('explain.permutation_importance', () => {
  it('ranks the informative feature first and reports metric, mean and std per original column', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(linearRegressionNode, env(), data, { target: 'y', features: ['a', 'b', 'color=red', 'color=green', 'color=blue'] });
    const out = (await runNode(permutationImportanceNode, env(), { model, data }, { n_repeats: 3 })).explanation as {
      metric: string;
      baseline: number;
      features: FeatureImportance[];
    };
    expect(out.metric).toBe('r2');
    expect(out.baseline).toBeGreaterThan(0.95);
    expect(out.features.map((f) => f.feature)).toEqual(['a', 'b', 'color']);
    for (const f of out.features) {
      expect(Object.keys(f).slice(0, 3)).toEqual(['feature', 'mean', 'std']);
      expect(f.importances.length).toBe(3);
    }
    await expect(runNode(permutationImportanceNode, env(), { model, data }, { metric: 'accuracy' })).rejects.toMatchObject({ kind: 'invalid_input' });
  });
});

describe('explain.pdp', () => {
  it('a linear regression has a straight PDP with the coefficient as slope; one-hot columns form one feature', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(linearRegressionNode, env(), data, { target: 'y', features: ['a', 'b', 'color=red', 'color=green', 'color=blue'] });
    const out = (await runNode(pdpNode, env(), { model, data }, { features: ['a', 'color'], grid_resolution: 10, ice_samples: 3 })).explanation as {
      output: string;
      features: PdpFeature[];
    };
    expect(out.output).toBe('prediction');
    const [a, color] = out.features;
    expect(a.kind).toBe('numeric');
    expect(a.grid.length).toBe(10);
    const grid = a.grid as number[];
    const average = a.average as number[];
    const weights = (model as Extract<PlumbModelFile, { type: 'linear_regression' }>).model.coefficients.weights[0];
    for (let g = 1; g < 10; g++) expect((average[g] - average[0]) / (grid[g] - grid[0])).toBeCloseTo(weights[0], 9);
    expect(a.ice.length).toBe(3);
    expect(a.ice_rows.length).toBe(3);
    expect(color).toMatchObject({ feature: 'color', kind: 'categorical', grid: ['red', 'green', 'blue'] });
    const c = color.average as number[];
    expect(c[2] - c[0]).toBeCloseTo(weights[4] - weights[2], 9);
  });

  it('gives per-class curves for a multiclass model and refuses unknown features', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(naiveBayesNode, env(), data, { target: 'tier', features: ['a', 'b'] });
    const out = (await runNode(pdpNode, env(), { model, data }, { features: ['b'], grid_resolution: 5, ice_samples: 2 })).explanation as {
      classes: string[];
      features: PdpFeature[];
    };
    expect(out.classes).toEqual(['hi', 'lo', 'mid']);
    const avg = out.features[0].average as number[][];
    expect(avg.length).toBe(3);
    for (let g = 0; g < 5; g++) expect(avg[0][g] + avg[1][g] + avg[2][g]).toBeCloseTo(1, 9);
    expect((out.features[0].ice as number[][][])[0].length).toBe(2);
    await expect(runNode(pdpNode, env(), { model, data }, { features: ['nope'] })).rejects.toMatchObject({ kind: 'invalid_input', where: { param: 'features' } });
  });
});
