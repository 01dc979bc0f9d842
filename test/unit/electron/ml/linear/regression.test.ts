// Linear regression: exact recovery, the ridge closed form (with an independent inverse),
// scikit-learn fixtures (Ridge pipeline, rank-deficient one-hot OLS), missing values, save/load.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitLinearRegression, predictLinearRegression, type LinearRegressionModel } from '../../../../../electron/ml/linear/index.js';
import { fromJson, fromRows, type MatrixJson } from '../fixture-matrix.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/ml/linear');

interface RegressionCase {
  name: string;
  params: { alpha: number; standardize: boolean };
  train: MatrixJson;
  y: number[];
  test: MatrixJson;
  expected: { coef: number[]; intercept: number; predict_test: number[] };
}
const fixture = JSON.parse(readFileSync(join(dir, 'linear.json'), 'utf8')) as { regression: RegressionCase[] };

const regression = (values: number[]) => ({ task: 'regression' as const, values: Float64Array.from(values) });

/** Gauss-Jordan inverse with full pivoting, written here so the test does not trust linalg.ts. */
function inverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

describe('linear regression, exact cases', () => {
  const rows = [
    [1, 2],
    [2, -1],
    [3, 0.5],
    [-1, 4],
    [0, 0],
    [5, 3],
  ];
  const y = rows.map(([a, b]) => 2 * a - 3 * b + 5);

  for (const standardize of [true, false]) {
    it(`recovers y = 2·x1 − 3·x2 + 5 exactly (standardize ${standardize})`, () => {
      const model = fitLinearRegression(fromRows(rows), regression(y), { standardize });
      expect(model.solver).toBe('cholesky');
      expect(model.coefficients.weights[0][0]).toBeCloseTo(2, 12);
      expect(model.coefficients.weights[0][1]).toBeCloseTo(-3, 12);
      expect(model.coefficients.intercept[0]).toBeCloseTo(5, 12);
      const pred = predictLinearRegression(model, fromRows([[10, 10]]));
      expect(pred[0]).toBeCloseTo(2 * 10 - 3 * 10 + 5, 11);
    });
  }

  it('ridge equals the closed form w = (XcᵀXc + αI)⁻¹ Xcᵀyc, b = ȳ − x̄·w (intercept unpenalized)', () => {
    const noisy = y.map((v, i) => v + [0.3, -0.2, 0.1, 0.4, -0.5, 0.2][i]);
    const alpha = 2.5;
    const model = fitLinearRegression(fromRows(rows), regression(noisy), { alpha, standardize: false });
    const n = rows.length;
    const xm = [0, 1].map((j) => rows.reduce((s, r) => s + r[j], 0) / n);
    const ym = noisy.reduce((s, v) => s + v, 0) / n;
    const xc = rows.map((r) => r.map((v, j) => v - xm[j]));
    const gram = [0, 1].map((a) => [0, 1].map((b) => xc.reduce((s, r) => s + r[a] * r[b], 0) + (a === b ? alpha : 0)));
    const rhs = [0, 1].map((a) => xc.reduce((s, r, i) => s + r[a] * (noisy[i] - ym), 0));
    const inv = inverse(gram);
    const w = [0, 1].map((a) => inv[a][0] * rhs[0] + inv[a][1] * rhs[1]);
    expect(model.coefficients.weights[0][0]).toBeCloseTo(w[0], 12);
    expect(model.coefficients.weights[0][1]).toBeCloseTo(w[1], 12);
    expect(model.coefficients.intercept[0]).toBeCloseTo(ym - xm[0] * w[0] - xm[1] * w[1], 12);
  });

  it('standardized ridge penalizes standardized coefficients: the closed form on z-scores, mapped back', () => {
    const noisy = y.map((v, i) => v + [0.3, -0.2, 0.1, 0.4, -0.5, 0.2][i]);
    const alpha = 1.5;
    const model = fitLinearRegression(fromRows(rows), regression(noisy), { alpha });
    const n = rows.length;
    const mean = [0, 1].map((j) => rows.reduce((s, r) => s + r[j], 0) / n);
    const sd = [0, 1].map((j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n));
    const z = rows.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
    const ym = noisy.reduce((s, v) => s + v, 0) / n;
    const gram = [0, 1].map((a) => [0, 1].map((b) => z.reduce((s, r) => s + r[a] * r[b], 0) + (a === b ? alpha : 0)));
    const rhs = [0, 1].map((a) => z.reduce((s, r, i) => s + r[a] * (noisy[i] - ym), 0));
    const inv = inverse(gram);
    const wz = [0, 1].map((a) => inv[a][0] * rhs[0] + inv[a][1] * rhs[1]);
    expect(model.coefficients.weights[0][0]).toBeCloseTo(wz[0] / sd[0], 12);
    expect(model.coefficients.weights[0][1]).toBeCloseTo(wz[1] / sd[1], 12);
    expect(model.coefficients.intercept[0]).toBeCloseTo(ym - (wz[0] * mean[0]) / sd[0] - (wz[1] * mean[1]) / sd[1], 12);
  });

  it('falls back to minimum-norm least squares for a duplicated column', () => {
    // x2 = x1: any split of the slope 4 fits; the minimum-norm one gives 2 and 2.
    const X = fromRows([[1, 1], [2, 2], [3, 3], [4, 4]]);
    const model = fitLinearRegression(X, regression([5, 9, 13, 17]), { standardize: false });
    expect(model.solver).toBe('lstsq');
    expect(model.rank).toBe(1);
    expect(model.coefficients.weights[0][0]).toBeCloseTo(2, 10);
    expect(model.coefficients.weights[0][1]).toBeCloseTo(2, 10);
    expect(model.coefficients.intercept[0]).toBeCloseTo(1, 10);
  });

  it('fits more features than rows (minimum-norm, interpolating)', () => {
    const X = fromRows([[1, 0, 2], [0, 1, 1]]);
    const model = fitLinearRegression(X, regression([3, 1]), { standardize: false });
    expect(model.solver).toBe('lstsq');
    const pred = predictLinearRegression(model, X);
    expect(pred[0]).toBeCloseTo(3, 12);
    expect(pred[1]).toBeCloseTo(1, 12);
  });

  it('gives a constant column a zero weight and predicts the mean with no features', () => {
    const model = fitLinearRegression(fromRows([[1, 7], [2, 7], [3, 7]]), regression([2, 4, 6]));
    expect(model.coefficients.weights[0][1]).toBeCloseTo(0, 12);
    expect(model.coefficients.weights[0][0]).toBeCloseTo(2, 12);
    const none = fitLinearRegression({ nRows: 3, columns: [], names: [], levels: [] }, regression([1, 2, 6]));
    expect(Array.from(predictLinearRegression(none, { nRows: 1, columns: [], names: [], levels: [] }))).toEqual([3]);
  });

  it('imputes a missing numeric value with the training mean and records it', () => {
    const X = fromRows([[1], [NaN], [3], [5]]);
    const model = fitLinearRegression(X, regression([1, 2, 3, 5]), { standardize: false });
    expect(model.encoding.fill).toEqual([3]);
    const at = (v: number) => predictLinearRegression(model, fromRows([[v]]))[0];
    expect(at(NaN)).toBeCloseTo(at(3), 12);
  });
});

describe('linear regression vs scikit-learn', () => {
  for (const c of fixture.regression) {
    it(c.name, () => {
      const model = fitLinearRegression(fromJson(c.train), regression(c.y), c.params);
      const scale = Math.max(...c.expected.coef.map(Math.abs));
      c.expected.coef.forEach((v, j) => expect(Math.abs(model.coefficients.weights[0][j] - v)).toBeLessThan(1e-9 * scale));
      expect(Math.abs(model.coefficients.intercept[0] - c.expected.intercept)).toBeLessThan(1e-9 * scale);
      const pred = predictLinearRegression(model, fromJson(c.test));
      c.expected.predict_test.forEach((v, i) => expect(Math.abs(pred[i] - v)).toBeLessThan(1e-9 * (1 + Math.abs(v))));
      expect(model.coefficients.terms).toHaveLength(c.expected.coef.length);
    });
  }

  it('uses the fallback exactly when the one-hot block makes the design rank-deficient', () => {
    const solver = (name: string) => {
      const c = fixture.regression.find((x) => x.name === name)!;
      return fitLinearRegression(fromJson(c.train), regression(c.y), c.params).solver;
    };
    expect(solver('ols_onehot_rank_deficient')).toBe('lstsq');
    expect(solver('ridge_standardized_mixed')).toBe('cholesky');
  });
});

describe('linear regression model object', () => {
  const c = fixture.regression[0];

  it('survives JSON save and load with identical predictions, and is deterministic', () => {
    const model = fitLinearRegression(fromJson(c.train), regression(c.y), c.params);
    const again = fitLinearRegression(fromJson(c.train), regression(c.y), c.params);
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    const loaded = JSON.parse(JSON.stringify(model)) as LinearRegressionModel;
    const X = fromJson(c.test);
    expect(Array.from(predictLinearRegression(loaded, X))).toEqual(Array.from(predictLinearRegression(model, X)));
  });

  it('names its terms in the original feature space', () => {
    const model = fitLinearRegression(fromJson(c.train), regression(c.y), c.params);
    expect(model.coefficients.terms).toEqual(['x1', 'x2=blue', 'x2=green', 'x2=red', 'x3', 'x4=L', 'x4=M', 'x4=S', 'x4=XL']);
  });

  it('rejects a categorical target, a negative alpha and a missing target value', () => {
    const X = fromRows([[1], [2]]);
    expect(() => fitLinearRegression(X, { task: 'classification', codes: Int32Array.from([0, 1]), classes: ['a', 'b'] })).toThrow(/numeric target/);
    expect(() => fitLinearRegression(X, regression([1, 2]), { alpha: -1 })).toThrow(/alpha/);
    expect(() => fitLinearRegression(X, regression([1, NaN]))).toThrow(/missing/);
  });

  it('streams one training-loss point (the training MSE)', () => {
    const steps: { step: number; train_loss?: number }[] = [];
    fitLinearRegression(fromRows([[0], [1], [2]]), regression([0, 1, 5]), { standardize: false }, { seed: 0, onStep: (s) => steps.push(s) });
    // Best line through (0,0) (1,1) (2,5): slope 2.5, intercept −0.5; residuals 0.5, −1, 0.5.
    expect(steps).toHaveLength(1);
    expect(steps[0].train_loss).toBeCloseTo(0.5, 12);
  });
});
