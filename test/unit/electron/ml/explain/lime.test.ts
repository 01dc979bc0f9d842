// LIME: quartile bins and conditions, the sampled neighbourhood (row 0 = the row, draws follow the training bins),
// the weighted ridge against a direct least-squares solve, forward selection against brute force, and on a linear
// model the sign and order of the coefficients.

import { describe, expect, it } from 'vitest';
import { limeCondition, limeFeatures, percentile } from '../../../../../electron/ml/explain/lime-discretize.js';
import { forwardSelection, ridgeFit, weightedMoments } from '../../../../../electron/ml/explain/lime-ridge.js';
import { normalCdf, normalQuantile, truncatedNormal } from '../../../../../electron/ml/explain/lime-sampling.js';
import { limeTabular } from '../../../../../electron/ml/explain/lime.js';
import { leastSquares, matrix } from '../../../../../electron/ml/linalg.js';
import { Random } from '../../../../../electron/ml/random.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import { matrixOf, normalColumns, rowModel } from '../../../../fixtures/ml/explain/models.js';

describe('lime bins', () => {
  it('cuts numeric features at numpy-style quartiles and names bins like lime', () => {
    // 1..9: quartiles 3, 5, 7 (numpy linear interpolation).
    const values = Float64Array.of(9, 1, 5, 3, 7, 2, 8, 4, 6);
    const [f] = limeFeatures({ nRows: 9, columns: [values], names: ['age'], levels: [null] });
    expect(f.kind).toBe('quartile');
    expect(f.cuts).toEqual([3, 5, 7]);
    expect(f.conditions).toEqual(['age <= 3.00', '3.00 < age <= 5.00', '5.00 < age <= 7.00', 'age > 7.00', 'age is missing']);
    expect(f.frequencies).toEqual([3 / 9, 2 / 9, 2 / 9, 2 / 9, 0]);
    expect(f.min).toEqual([1, 3, 5, 7]);
    expect(f.max).toEqual([3, 5, 7, 9]);
    expect(f.mean[0]).toBe(2);
    expect(limeCondition(f, 3)).toBe('age <= 3.00');
    expect(limeCondition(f, 3.01)).toBe('3.00 < age <= 5.00');
    expect(limeCondition(f, 100)).toBe('age > 7.00');
    expect(limeCondition(f, NaN)).toBe('age is missing');
    expect(percentile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it('treats levels and two-valued columns as categories (one-hot columns read as color=red / color!=red)', () => {
    const X: FeatureMatrix = {
      nRows: 6,
      columns: [Float64Array.of(0, 1, 1, 2, NaN, 0), Float64Array.of(0, 1, 0, 0, 1, 0), Float64Array.of(2, 5, 5, 2, 2, 2)],
      names: ['color', 'color=red', 'k'],
      levels: [['red', 'green', 'blue', 'pink'], null, null],
    };
    const [color, red, k] = limeFeatures(X);
    expect(color.conditions).toEqual(['color=red', 'color=green', 'color=blue', 'color=pink', 'color is missing']);
    expect(color.frequencies).toEqual([2 / 6, 2 / 6, 1 / 6, 0, 1 / 6]);
    expect(limeCondition(red, 1)).toBe('color=red');
    expect(limeCondition(red, 0)).toBe('color!=red');
    expect(limeCondition(k, 5)).toBe('k=5');
    expect(limeCondition(k, 3)).toBe('k=3');
  });
});

describe('truncated normal draws', () => {
  it('stay inside the interval and have the analytic mean', () => {
    const rng = new Random(4);
    const pdf = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    for (const [lo, hi] of [[-1, 2], [0.5, 3], [-4, -2], [3, 3.5]]) {
      let sum = 0;
      const n = 20000;
      for (let i = 0; i < n; i++) {
        const v = truncatedNormal(10, 2, 10 + 2 * lo, 10 + 2 * hi, rng);
        expect(v).toBeGreaterThanOrEqual(10 + 2 * lo);
        expect(v).toBeLessThanOrEqual(10 + 2 * hi);
        sum += v;
      }
      const expected = 10 + (2 * (pdf(lo) - pdf(hi))) / (normalCdf(hi) - normalCdf(lo));
      expect(Math.abs(sum / n - expected)).toBeLessThan(0.02);
    }
    expect(normalQuantile(normalCdf(1.3))).toBeCloseTo(1.3, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });
});

describe('lime ridge', () => {
  const rng = new Random(8);
  const n = 60;
  const p = 4;
  const data = Float64Array.from({ length: n * p }, () => (rng.uniform() < 0.5 ? 1 : 0));
  const y = Float64Array.from({ length: n }, (_, i) => 2 * data[i * p] - data[i * p + 2] + 0.3 * rng.normal());
  const w = Float64Array.from({ length: n }, () => 0.1 + rng.uniform());
  const moments = weightedMoments(data, n, p, y, w);

  it('equals the least-squares solution of the √w-scaled system with the penalty rows appended', () => {
    const cols = [0, 2, 3];
    const alpha = 1;
    // Unknowns: intercept and the 3 coefficients; rows: √w·[1, x] and √α on each coefficient.
    const a = matrix(n + 3, 4);
    const b = new Float64Array(n + 3);
    for (let i = 0; i < n; i++) {
      const s = Math.sqrt(w[i]);
      a.data[i] = s;
      cols.forEach((c, k) => (a.data[i + (k + 1) * (n + 3)] = s * data[i * p + c]));
      b[i] = s * y[i];
    }
    for (let k = 0; k < 3; k++) a.data[n + k + (k + 1) * (n + 3)] = Math.sqrt(alpha);
    const direct = leastSquares(a, b).x;
    const fit = ridgeFit(moments, cols, alpha);
    expect(fit.intercept).toBeCloseTo(direct[0], 10);
    for (let k = 0; k < 3; k++) expect(fit.coef[k]).toBeCloseTo(direct[k + 1], 10);
    // Weighted R² from the residuals.
    let yMean = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      yMean += w[i] * y[i];
      total += w[i];
    }
    yMean /= total;
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < n; i++) {
      let pred = fit.intercept;
      cols.forEach((c, k) => (pred += fit.coef[k] * data[i * p + c]));
      sse += w[i] * (y[i] - pred) ** 2;
      sst += w[i] * (y[i] - yMean) ** 2;
    }
    expect(fit.score).toBeCloseTo(1 - sse / sst, 10);
  });

  it('forward selection picks the best single column first, then the best pair containing it', () => {
    const order = forwardSelection(moments, 2);
    const single = [0, 1, 2, 3].map((j) => ridgeFit(moments, [j], 0).score);
    expect(order[0]).toBe(single.indexOf(Math.max(...single)));
    const pairs = [0, 1, 2, 3].filter((j) => j !== order[0]).map((j) => ({ j, s: ridgeFit(moments, [order[0], j], 0).score }));
    pairs.sort((a, b) => b.s - a.s);
    expect(order[1]).toBe(pairs[0].j);
    expect(order).toEqual([0, 2]);
  });
});

describe('limeTabular', () => {
  const m = 5;
  const coef = [3, -2, 1, 0.5, 0];
  const training = matrixOf(normalColumns(1, m, 400));
  const linear = (x: Float64Array) => [coef.reduce((s, c, j) => s + c * x[j], 1)];

  it('recovers the sign and the order of a linear model\'s coefficients for a row in the top quartile of every feature', () => {
    const X = matrixOf(Array.from({ length: m }, () => Float64Array.of(2)));
    const [e] = limeTabular(rowModel(1, linear), training, X, { seed: 3 });
    expect(e.weights.map((w) => w.feature)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    expect(e.weights.slice(0, 4).map((w) => Math.sign(w.weight))).toEqual([1, -1, 1, 1]);
    expect(Math.abs(e.weights[4].weight)).toBeLessThan(0.05);
    const q3 = percentile(Float64Array.from(training.columns[0]).sort(), 0.75);
    expect(e.weights[0].condition).toBe(`x0 > ${q3.toFixed(2)}`);
    expect(e.prediction).toBeCloseTo(linear(Float64Array.of(2, 2, 2, 2, 2))[0], 12);
    // In binary space the row is all ones: local prediction = intercept + Σ weights.
    expect(e.local_prediction).toBeCloseTo(e.intercept + e.weights.reduce((s, w) => s + w.weight, 0), 12);
    // Binary features explain a linear model only in part (the spread inside the other bins stays unexplained).
    expect(e.score).toBeGreaterThan(0.4);
    expect(e.score).toBeLessThanOrEqual(1);
  });

  it('flips the sign for a row in the bottom quartile and keeps num_features of them', () => {
    const X = matrixOf(Array.from({ length: m }, () => Float64Array.of(-2)));
    const [e] = limeTabular(rowModel(1, linear), training, X, { seed: 3, numFeatures: 2 });
    expect(e.weights.map((w) => w.feature)).toEqual(['x0', 'x1']);
    expect(e.weights.map((w) => Math.sign(w.weight))).toEqual([-1, 1]);
  });

  it('samples a neighbourhood whose row 0 is the row and whose draws follow the training bins', () => {
    const seen: FeatureMatrix[] = [];
    const model = rowModel(1, linear);
    const spy = { nOutputs: 1, predict: (M: FeatureMatrix) => (seen.push(M), model.predict(M)) };
    const X = matrixOf(Array.from({ length: m }, (_, j) => Float64Array.of(0.1 * j)));
    limeTabular(spy, training, X, { seed: 1, numSamples: 4000 });
    const S = seen[0];
    expect(S.nRows).toBe(4000);
    for (let j = 0; j < m; j++) expect(S.columns[j][0]).toBe(0.1 * j);
    const f = limeFeatures(training)[0];
    const counts = [0, 0, 0, 0];
    for (let s = 1; s < 4000; s++) {
      const v = S.columns[0][s];
      expect(v).toBeGreaterThanOrEqual(f.min[0]);
      expect(v).toBeLessThanOrEqual(f.max[3]);
      counts[v <= f.cuts[0] ? 0 : v <= f.cuts[1] ? 1 : v <= f.cuts[2] ? 2 : 3]++;
    }
    for (const c of counts) expect(Math.abs(c / 3999 - 0.25)).toBeLessThan(0.03);
  });

  it('explains the top class of a classifier, is reproducible, and rows can be explained separately', () => {
    const softmax = (x: Float64Array) => {
      const z = [x[0], x[1], -x[0] - x[1]];
      const e = z.map(Math.exp);
      const s = e[0] + e[1] + e[2];
      return e.map((v) => v / s);
    };
    // Rows (2, −1, …), (−1, 2, …), (−1, −1, …): the top class is 0, 1, 2.
    const X = matrixOf([Float64Array.of(2, -1, -1), Float64Array.of(-1, 2, -1), Float64Array.of(0, 0, 0), Float64Array.of(1, 1, 1), Float64Array.of(0, 0, 0)]);
    const all = limeTabular(rowModel(3, softmax), training, X, { seed: 5, output: 'top', numSamples: 500 });
    expect(all.map((e) => e.output)).toEqual([0, 1, 2]);
    expect(all.map((e) => e.row)).toEqual([0, 1, 2]);
    const again = limeTabular(rowModel(3, softmax), training, X, { seed: 5, output: 'top', numSamples: 500 }, [1]);
    expect(again[0]).toEqual(all[1]);
  });
});
