// LIME's surrogate fits: scikit-learn Ridge with sample weights and an intercept (minimize Σ w (y − b − x·β)² + α|β|²),
// on any subset of the columns, from one weighted, centered Gram matrix; plus lime's two feature-selection rules.

import { cholesky, choleskySolve, leastSquares, matrix } from '../linalg.js';

/** Weighted moments of the data: everything a ridge fit on a column subset needs. */
export interface WeightedMoments {
  p: number;
  /** weighted column means and target mean */
  xMean: Float64Array;
  yMean: number;
  /** Σ w (x − x̄)(x − x̄)ᵀ, p × p column-major */
  xx: Float64Array;
  /** Σ w (x − x̄)(y − ȳ) */
  xy: Float64Array;
  /** Σ w (y − ȳ)² */
  yy: number;
}

/** `data` is n × p row-major. */
export function weightedMoments(data: ArrayLike<number>, n: number, p: number, y: ArrayLike<number>, w: ArrayLike<number>): WeightedMoments {
  const xMean = new Float64Array(p);
  let yMean = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += w[i];
    yMean += w[i] * y[i];
    for (let j = 0; j < p; j++) xMean[j] += w[i] * data[i * p + j];
  }
  yMean /= total;
  for (let j = 0; j < p; j++) xMean[j] /= total;
  const xx = new Float64Array(p * p);
  const xy = new Float64Array(p);
  let yy = 0;
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const dy = y[i] - yMean;
    yy += wi * dy * dy;
    for (let j = 0; j < p; j++) row[j] = data[i * p + j] - xMean[j];
    for (let j = 0; j < p; j++) {
      const a = wi * row[j];
      if (a === 0) continue;
      xy[j] += a * dy;
      for (let k = 0; k <= j; k++) xx[j * p + k] += a * row[k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xx[k * p + j] = xx[j * p + k];
  return { p, xMean, yMean, xx, xy, yy };
}

export interface RidgeFit {
  columns: number[];
  coef: Float64Array;
  intercept: number;
  /** weighted R² on the fitted data */
  score: number;
}

/** Ridge(alpha) on `columns` (a singular system with alpha 0 gets the minimum-norm solution, like sklearn's fallback). */
export function ridgeFit(moments: WeightedMoments, columns: readonly number[], alpha: number): RidgeFit {
  const q = columns.length;
  const { p, xx, xy, yy } = moments;
  const a = matrix(q, q);
  const b = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    b[i] = xy[columns[i]];
    for (let j = 0; j < q; j++) a.data[i + j * q] = xx[columns[i] * p + columns[j]];
    a.data[i + i * q] += alpha;
  }
  const factor = q > 0 ? cholesky(a) : null;
  const coef = q === 0 ? new Float64Array(0) : factor ? choleskySolve(factor, b) : leastSquares(a, b).x;
  let intercept = moments.yMean;
  for (let i = 0; i < q; i++) intercept -= coef[i] * moments.xMean[columns[i]];
  // SSE = yy − 2 βᵀ c + βᵀ C β on the centered, weighted data.
  let sse = yy;
  for (let i = 0; i < q; i++) {
    sse -= 2 * coef[i] * b[i];
    for (let j = 0; j < q; j++) sse += coef[i] * coef[j] * xx[columns[i] * p + columns[j]];
  }
  const score = yy > 0 ? 1 - Math.max(0, sse) / yy : sse <= 1e-300 ? 1 : 0;
  return { columns: columns.slice(), coef, intercept, score };
}

/** lime's forward_selection: greedily add the column whose Ridge(alpha=0) fit has the best weighted R² (first wins ties). */
export function forwardSelection(moments: WeightedMoments, count: number): number[] {
  const used: number[] = [];
  for (let step = 0; step < Math.min(count, moments.p); step++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < moments.p; j++) {
      if (used.includes(j)) continue;
      const score = ridgeFit(moments, [...used, j], 0).score;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    used.push(best);
  }
  return used;
}

/**
 * lime's highest_weights: Ridge(alpha=0.01) on every column, keep the `count` largest |coef × x₀| (x₀ = the explained
 * row, all ones in LIME's binary space), ties in column order.
 */
export function highestWeights(moments: WeightedMoments, count: number, x0: ArrayLike<number>): number[] {
  const all = Array.from({ length: moments.p }, (_, j) => j);
  const { coef } = ridgeFit(moments, all, 0.01);
  return all
    .map((j) => ({ j, v: Math.abs(coef[j] * x0[j]) }))
    .sort((a, b) => b.v - a.v || a.j - b.j)
    .slice(0, count)
    .map((e) => e.j);
}
