// KernelSHAP (Lundberg & Lee 2017) with shap's KernelExplainer semantics, for any model: interventional game over a
// weighted background, Shapley-kernel weighted coalitions (all of them when the budget allows, which makes the result
// exact), constrained least squares so that base + Σφ = f(x). No L1 feature selection (shap's l1_reg=False).

import { invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import type { FeatureMatrix } from '../types.js';
import {
  backgroundShares,
  checkBackground,
  coalitionValueSteps,
  expectedOutputSteps,
  rowOf,
  varyingFeatures,
  type ExplainControl,
  type ExplainedModel,
  type ShapValues,
} from './exact-shapley.js';
import { coalitionBudget, shapleyCoalitions } from './kernel-shap-coalitions.js';
import { solveKernelShap } from './kernel-shap-solve.js';
import type { WeightedRows } from './kmeans.js';
import { runWith, type Predicting } from './predicting.js';

export interface KernelShapOptions {
  /** rows of X to explain (all when omitted) */
  rows?: ArrayLike<number>;
  /** coalitions per row: 'auto' = 2M + 2048, at most 2^M − 2 */
  nsamples?: number | 'auto';
  seed?: number;
}

export interface KernelShapResult extends ShapValues {
  /** per explained row: true when all coalitions were enumerated (exact Shapley values) */
  exact: boolean[];
}

/**
 * KernelSHAP values of `rows` of X against `background` (use summarizeBackground first for large ones). Each row
 * gets its own seeded generator (seed, row position), so splitting rows across workers gives the same numbers.
 */
export function kernelShap(
  model: ExplainedModel,
  X: FeatureMatrix,
  background: WeightedRows,
  options: KernelShapOptions = {},
  control: ExplainControl = {},
): KernelShapResult {
  return runWith(kernelShapSteps(model.nOutputs, X, background, options, control), (rows) => model.predict(rows));
}

/** kernelShap as steps (see predicting.ts), for a model with `k` outputs: each row's coalitions go in one batch. */
export function* kernelShapSteps(
  k: number,
  X: FeatureMatrix,
  background: WeightedRows,
  options: KernelShapOptions = {},
  control: ExplainControl = {},
): Predicting<KernelShapResult> {
  checkBackground(X, background);
  const nsamples = options.nsamples ?? 'auto';
  if (nsamples !== 'auto' && !(Number.isFinite(nsamples) && nsamples >= 1)) throw invalidInput('nsamples must be auto or a positive integer', { param: 'nsamples' });
  const shares = backgroundShares(background);
  const fnull = yield* expectedOutputSteps(k, X, background, shares);
  const rows = options.rows ?? Int32Array.from({ length: X.nRows }, (_, i) => i);
  const nRows = rows.length;
  const m = X.columns.length;
  const values = new Float64Array(k * nRows * m);
  const exact: boolean[] = [];
  const seed = options.seed ?? 0;

  for (let r = 0; r < nRows; r++) {
    const x = rowOf(X.columns, rows[r]);
    const fx = yield { nRows: 1, columns: x.length ? Array.from(x, (v) => Float64Array.of(v)) : [], names: X.names, levels: X.levels };
    const players = varyingFeatures(x, background);
    const p = players.length;
    if (p <= 1) {
      for (let o = 0; o < k; o++) if (p === 1) values[(o * nRows + r) * m + players[0]] = fx[o] - fnull[o];
      exact.push(true);
      control.onProgress?.((r + 1) / nRows);
      continue;
    }
    const coalitions = shapleyCoalitions(p, coalitionBudget(p, nsamples), new Random(seed * 1000003 + rows[r]));
    const v = yield* coalitionValueSteps(k, X, x, background, shares, players, coalitions.masks, control);
    const y = new Float64Array(coalitions.count);
    for (let o = 0; o < k; o++) {
      for (let c = 0; c < coalitions.count; c++) y[c] = v[c * k + o] - fnull[o];
      const phi = solveKernelShap(coalitions.masks, coalitions.weights, y, p, fx[o] - fnull[o]);
      for (let i = 0; i < p; i++) values[(o * nRows + r) * m + players[i]] = phi[i];
    }
    exact.push(coalitions.complete);
    control.onProgress?.((r + 1) / nRows);
  }
  return { baseValue: fnull, values, nOutputs: k, nRows, nFeatures: m, exact };
}
