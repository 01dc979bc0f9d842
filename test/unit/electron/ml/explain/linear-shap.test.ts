// LinearSHAP: the closed form w·(x − E[x]) per term, one-hot terms summed to their feature, local accuracy in
// margin space, and agreement with exact KernelSHAP on the same model and background.

import { describe, expect, it } from 'vitest';
import { kernelShap } from '../../../../../electron/ml/explain/kernel-shap.js';
import { linearShap, termMeans, trainingTermMeans } from '../../../../../electron/ml/explain/linear-shap.js';
import { fitLinearRegression, fitLogisticRegression, linearMargins, logisticMargins } from '../../../../../electron/ml/linear/index.js';
import { Random } from '../../../../../electron/ml/random.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';

/** Two numeric features (one with NaNs) and a 3-level categorical one. */
function data(seed: number, n: number): FeatureMatrix {
  const rng = new Random(seed);
  const a = Float64Array.from({ length: n }, () => rng.normal() * 2 + 1);
  const b = Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? NaN : rng.uniform() * 10));
  const c = Float64Array.from({ length: n }, () => rng.int(3));
  return { nRows: n, columns: [a, b, c], names: ['a', 'b', 'color'], levels: [null, null, ['red', 'green', 'blue']] };
}

const subset = (X: FeatureMatrix, from: number, to: number): FeatureMatrix => ({ ...X, nRows: to - from, columns: X.columns.map((c) => c.slice(from, to)) });

describe('linearShap', () => {
  const X = data(1, 200);
  const yValues = Float64Array.from({ length: 200 }, (_, i) => {
    const b = X.columns[1][i];
    return 3 * X.columns[0][i] - 0.5 * (b === b ? b : 5) + [0, 2, -1][X.columns[2][i]] + 0.1 * Math.sin(i);
  });
  const model = fitLinearRegression(X, { task: 'regression', values: yValues });

  it('equals w (x − E[x]) per numeric feature and Σ over levels for the categorical one', () => {
    const background = subset(X, 0, 50);
    const explained = subset(X, 100, 110);
    const expected = termMeans(model, background);
    const res = linearShap(model, explained, expected);
    const { weights, terms } = model.coefficients;
    const w = weights[0];
    expect(terms).toEqual(['a', 'b', 'color=red', 'color=green', 'color=blue']);
    const mean = (col: Float64Array, fill: number) => col.reduce((s, v) => s + (v === v ? v : fill), 0) / col.length;
    const fillB = model.encoding.fill[1];
    for (let r = 0; r < 10; r++) {
      const a = explained.columns[0][r];
      const b = explained.columns[1][r];
      const c = explained.columns[2][r];
      expect(res.values[r * 3]).toBeCloseTo(w[0] * (a - mean(background.columns[0], 0)), 10);
      expect(res.values[r * 3 + 1]).toBeCloseTo(w[1] * ((b === b ? b : fillB) - mean(background.columns[1], fillB)), 10);
      let phiColor = 0;
      for (let l = 0; l < 3; l++) phiColor += w[2 + l] * ((c === l ? 1 : 0) - background.columns[2].filter((v) => v === l).length / 50);
      expect(res.values[r * 3 + 2]).toBeCloseTo(phiColor, 10);
    }
    // Local accuracy against the model's own margins.
    const margins = linearMargins(model.encoding, model.coefficients, explained);
    for (let r = 0; r < 10; r++) expect(res.baseValue[0] + res.values[r * 3] + res.values[r * 3 + 1] + res.values[r * 3 + 2]).toBeCloseTo(margins[r], 10);
  });

  it('equals exact KernelSHAP of the linear model over the same background', () => {
    const background = subset(X, 0, 12);
    const explained = subset(X, 150, 156);
    const linear = linearShap(model, explained, termMeans(model, background));
    const kernel = kernelShap(
      { nOutputs: 1, predict: (M) => linearMargins(model.encoding, model.coefficients, M) },
      explained,
      { columns: background.columns },
    );
    expect(kernel.baseValue[0]).toBeCloseTo(linear.baseValue[0], 10);
    for (let i = 0; i < linear.values.length; i++) expect(kernel.values[i]).toBeCloseTo(linear.values[i], 8);
  });

  it('explains multinomial logistic regression per class in margin space, with weighted backgrounds', () => {
    const codes = Int32Array.from({ length: 200 }, (_, i) => (X.columns[0][i] > 2 ? 2 : X.columns[2][i] === 1 ? 1 : 0));
    const logistic = fitLogisticRegression(X, { task: 'classification', codes, classes: ['p', 'q', 'r'] });
    const background = subset(X, 0, 30);
    const weights = Float64Array.from({ length: 30 }, (_, i) => 1 + (i % 4));
    const explained = subset(X, 40, 48);
    const res = linearShap(logistic, explained, termMeans(logistic, background, weights), [1, 3, 5]);
    expect(res.nOutputs).toBe(3);
    expect(res.nRows).toBe(3);
    const margins = logisticMargins(logistic, explained);
    const bgMargins = logisticMargins(logistic, background);
    const totalWeight = weights.reduce((s, v) => s + v, 0);
    for (let k = 0; k < 3; k++) {
      // The base value is the weighted mean margin over the background (the model is linear in the terms).
      let base = 0;
      for (let i = 0; i < 30; i++) base += (weights[i] * bgMargins[i * 3 + k]) / totalWeight;
      expect(res.baseValue[k]).toBeCloseTo(base, 10);
      [1, 3, 5].forEach((row, r) => {
        let sum = res.baseValue[k];
        for (let j = 0; j < 3; j++) sum += res.values[(k * 3 + r) * 3 + j];
        expect(sum).toBeCloseTo(margins[row * 3 + k], 10);
      });
    }
  });

  it('uses the training means saved in the encoding when every feature is numeric', () => {
    const numeric: FeatureMatrix = { ...X, columns: X.columns.slice(0, 2), names: ['a', 'b'], levels: [null, null] };
    const m = fitLinearRegression(numeric, { task: 'regression', values: yValues });
    const means = trainingTermMeans(m)!;
    const trainMean = numeric.columns[0].reduce((s, v) => s + v, 0) / 200;
    expect(means[0]).toBeCloseTo(trainMean, 12);
    expect(trainingTermMeans(model)).toBeNull();
    const res = linearShap(m, numeric, means);
    // Over the training rows the mean SHAP value of each feature is 0 (E[φ_j] = w (E[x] − E[x])).
    for (let j = 0; j < 2; j++) {
      let s = 0;
      for (let r = 0; r < 200; r++) s += res.values[r * 2 + j];
      expect(Math.abs(s / 200)).toBeLessThan(1e-9);
    }
  });
});
