// evaluate.regression: the SPEC §6 metrics (rmse, mae, r2 with scikit-learn's conventions) and a
// seeded sample of at most 5000 {y, yhat} points for the residual plot.

import { invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import { r2Score, regressionSums } from './regression-sums.js';

export interface RegressionMetrics {
  rmse: number;
  mae: number;
  r2: number;
  n: number;
  residuals: { y: number; yhat: number }[];
}

export const MAX_RESIDUAL_POINTS = 5000;

export function regressionMetrics(y: Float64Array, yhat: Float64Array, seed: number): RegressionMetrics {
  const n = y.length;
  if (n === 0) throw invalidInput('cannot evaluate a model on zero rows');
  if (yhat.length !== n) throw invalidInput(`expected ${n} predictions, got ${yhat.length}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw invalidInput(`row ${i + 1}: the true value is missing or infinite`);
    if (!Number.isFinite(yhat[i])) throw invalidInput(`row ${i + 1}: the prediction is missing or infinite`);
  }
  const sums = regressionSums(y, yhat);
  const { sse, sae } = sums;
  const r2 = r2Score(sums);
  return { rmse: Math.sqrt(sse / n), mae: sae / n, r2, n, residuals: residualSample(y, yhat, seed) };
}

/** All points when there are at most 5000, else 5000 distinct rows drawn with the seed, in row order. */
export function residualSample(y: Float64Array, yhat: Float64Array, seed: number): { y: number; yhat: number }[] {
  const n = y.length;
  let rows: Int32Array;
  if (n <= MAX_RESIDUAL_POINTS) {
    rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
  } else {
    rows = new Random(seed).sample(n, MAX_RESIDUAL_POINTS).sort();
  }
  return Array.from(rows, (i) => ({ y: y[i], yhat: yhat[i] }));
}
