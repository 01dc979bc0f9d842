// Coefficients of a linear model in the original feature space (numeric features in their own
// units, one weight per category level), plus the margin they compute. LinearSHAP reads these.

import { designColumns, type FeatureEncoding } from '../standardize.js';
import type { FeatureMatrix } from '../types.js';

export interface LinearCoefficients {
  /** design column names: a numeric feature's name, or `feature=level` for a one-hot column */
  terms: string[];
  /** weights[output][term]: one output for regression and binary logistic (log-odds of the last class), K for multinomial */
  weights: number[][];
  intercept: number[];
}

/**
 * Turns weights fitted on the standardized design into original units:
 * b + Σ w·(x − center)/scale = (b − Σ w·center/scale) + Σ (w/scale)·x.
 */
export function toOriginalUnits(enc: FeatureEncoding, fittedWeights: Float64Array[], fittedIntercept: number[]): LinearCoefficients {
  const weights: number[][] = [];
  const intercept: number[] = [];
  for (let k = 0; k < fittedWeights.length; k++) {
    const w = fittedWeights[k];
    const row: number[] = [];
    let b = fittedIntercept[k];
    for (let c = 0; c < w.length; c++) {
      const wc = w[c] / enc.scale[c];
      row.push(wc);
      b -= wc * enc.center[c];
    }
    weights.push(row);
    intercept.push(b);
  }
  return { terms: enc.names.slice(), weights, intercept };
}

/** Margins (n × outputs, row-major) = intercept + weights · original-space design. */
export function linearMargins(enc: FeatureEncoding, coef: LinearCoefficients, X: FeatureMatrix): Float64Array {
  const cols = designColumns(enc, X, 'original');
  const n = X.nRows;
  const K = coef.weights.length;
  const out = new Float64Array(n * K);
  for (let k = 0; k < K; k++) {
    const col = new Float64Array(n).fill(coef.intercept[k]);
    const w = coef.weights[k];
    for (let c = 0; c < cols.length; c++) {
      const wc = w[c];
      if (wc === 0) continue;
      const z = cols[c];
      for (let i = 0; i < n; i++) col[i] += wc * z[i];
    }
    for (let i = 0; i < n; i++) out[i * K + k] = col[i];
  }
  return out;
}
