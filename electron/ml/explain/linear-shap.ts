// LinearSHAP for linear and logistic regression, in margin space, assuming independent features: per design term
// φ = w·(z(x) − E[z]), and the one-hot terms of a categorical feature are summed back to that feature.

import { invalidInput } from '../../../shared/errors.js';
import type { LinearCoefficients } from '../linear/coefficients.js';
import { designColumns, type FeatureEncoding } from '../standardize.js';
import type { FeatureMatrix } from '../types.js';
import type { ShapValues } from './exact-shapley.js';

/** What LinearSHAP needs from a fitted linear or logistic regression. */
export interface LinearTerms {
  encoding: FeatureEncoding;
  coefficients: LinearCoefficients;
}

/**
 * E[z] per design term over `rows` (weighted; equal weights when omitted), in the original units the coefficients
 * use. Missing numeric values count as the training mean, as the model itself fills them.
 */
export function termMeans(model: LinearTerms, rows: FeatureMatrix, weights?: ArrayLike<number>): Float64Array {
  const cols = designColumns(model.encoding, rows, 'original');
  const n = rows.nRows;
  if (n === 0) throw invalidInput('LinearSHAP needs at least one background row');
  let total = 0;
  for (let i = 0; i < n; i++) total += weights ? weights[i] : 1;
  if (!(total > 0)) throw invalidInput('the background weights sum to 0');
  return Float64Array.from(cols, (col) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (weights ? weights[i] : 1) * col[i];
    return s / total;
  });
}

/**
 * E[z] from the training statistics saved in the encoding (the training mean of each numeric feature). Null when the
 * model has one-hot terms: their training shares are not part of the encoding, so a background is needed.
 */
export function trainingTermMeans(model: LinearTerms): Float64Array | null {
  const enc = model.encoding;
  if (enc.level.some((l) => l >= 0)) return null;
  return Float64Array.from(enc.feature, (j) => enc.fill[j]);
}

/** SHAP values of `rows` of X (all when omitted) given E[z] per term; base = intercept + Σ w·E[z] per output. */
export function linearShap(model: LinearTerms, X: FeatureMatrix, expected: ArrayLike<number>, rows?: ArrayLike<number>): ShapValues {
  const { encoding, coefficients } = model;
  const nTerms = encoding.feature.length;
  if (expected.length !== nTerms) throw invalidInput(`LinearSHAP expected ${nTerms} term means, got ${expected.length}`);
  const cols = designColumns(encoding, X, 'original');
  const m = X.columns.length;
  const k = coefficients.weights.length;
  const nRows = rows ? rows.length : X.nRows;
  const baseValue = new Float64Array(k);
  const values = new Float64Array(k * nRows * m);
  for (let o = 0; o < k; o++) {
    const w = coefficients.weights[o];
    let base = coefficients.intercept[o];
    for (let c = 0; c < nTerms; c++) base += w[c] * expected[c];
    baseValue[o] = base;
    for (let c = 0; c < nTerms; c++) {
      const wc = w[c];
      if (wc === 0) continue;
      const col = cols[c];
      const e = expected[c];
      const j = encoding.feature[c];
      for (let r = 0; r < nRows; r++) values[(o * nRows + r) * m + j] += wc * (col[rows ? rows[r] : r] - e);
    }
  }
  return { baseValue, values, nOutputs: k, nRows, nFeatures: m };
}
