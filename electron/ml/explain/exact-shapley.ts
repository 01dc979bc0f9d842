// The model-agnostic interventional Shapley game and its brute-force solution (method `exact`): v(S) = weighted mean
// over background rows b of f(x_S, b_rest), evaluated in batches, solved over all 2^M coalitions (M ≤ 12).

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import type { FeatureMatrix, FitControl } from '../types.js';
import type { WeightedRows } from './kmeans.js';
import { runWith, type Predicting } from './predicting.js';
import { exactShapley, maxOraclePlayers } from './shapley-oracle.js';
import type { TreeShapResult } from './tree-shap-common.js';

/** A model as the explainers see it: a batch function from feature rows to its outputs in the explained space. */
export interface ExplainedModel {
  nOutputs: number;
  /** outputs of every row of X, row-major: nRows × nOutputs */
  predict(X: FeatureMatrix): Float64Array;
  /** the same, for a model that answers asynchronously (an ONNX model): explainers driven by runWithAsync use it */
  predictAsync?(X: FeatureMatrix): Promise<Float64Array>;
}

/** SHAP values of any method: values[(k * nRows + r) * nFeatures + j], base value per output. */
export type ShapValues = TreeShapResult;

export type ExplainControl = Pick<FitControl, 'onProgress' | 'isCancelled'>;

/** Above this many synthetic rows, one coalition batch is split into several model calls. */
const MAX_BATCH_ROWS = 1 << 16;

/** Background weights normalized to sum 1 (equal when absent). */
export function backgroundShares(background: WeightedRows): Float64Array {
  const n = background.columns.length > 0 ? background.columns[0].length : 0;
  if (n === 0) throw invalidInput('the background has no rows');
  const shares = new Float64Array(n);
  const w = background.weights;
  if (w && w.length !== n) throw invalidInput(`the background has ${n} rows but ${w.length} weights`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = w ? w[i] : 1;
    if (!(v >= 0) || !Number.isFinite(v)) throw invalidInput(`background weight ${i} must be a finite number >= 0`);
    shares[i] = v;
    total += v;
  }
  if (!(total > 0)) throw invalidInput('the background weights sum to 0');
  for (let i = 0; i < n; i++) shares[i] /= total;
  return shares;
}

/** One feature row out of column-major data. */
export function rowOf(columns: Float64Array[], row: number): Float64Array {
  return Float64Array.from(columns, (c) => c[row]);
}

/** Weighted mean model output over the background: E[f], the base value of interventional SHAP. */
export function expectedOutput(model: ExplainedModel, like: FeatureMatrix, background: WeightedRows, shares: Float64Array): Float64Array {
  return runWith(expectedOutputSteps(model.nOutputs, like, background, shares), (X) => model.predict(X));
}

/** expectedOutput as steps (see predicting.ts). */
export function* expectedOutputSteps(k: number, like: FeatureMatrix, background: WeightedRows, shares: Float64Array): Predicting<Float64Array> {
  const n = shares.length;
  const out = yield { nRows: n, columns: background.columns, names: like.names, levels: like.levels };
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let o = 0; o < k; o++) mean[o] += shares[i] * out[i * k + o];
  return mean;
}

/** The features of x that differ from some background row: the others are dummies with φ = 0. */
export function varyingFeatures(x: Float64Array, background: WeightedRows): number[] {
  const varying: number[] = [];
  for (let j = 0; j < x.length; j++) {
    const col = background.columns[j];
    const v = x[j];
    for (let i = 0; i < col.length; i++) {
      const b = col[i];
      if (b !== v && !(b !== b && v !== v)) {
        varying.push(j);
        break;
      }
    }
  }
  return varying;
}

/**
 * v(S) for many coalitions of one row: `masks` holds nCoalitions × players bytes (1 = the player takes x's value),
 * `players[p]` is the feature column of player p; features that are not players keep the background's value.
 * Returns nCoalitions × nOutputs, row-major.
 */
export function coalitionValues(
  model: ExplainedModel,
  like: FeatureMatrix,
  x: Float64Array,
  background: WeightedRows,
  shares: Float64Array,
  players: readonly number[],
  masks: Uint8Array,
  control: ExplainControl = {},
): Float64Array {
  return runWith(coalitionValueSteps(model.nOutputs, like, x, background, shares, players, masks, control), (X) => model.predict(X));
}

/** coalitionValues as steps (see predicting.ts): one model call per batch of coalitions, never one per row. */
export function* coalitionValueSteps(
  k: number,
  like: FeatureMatrix,
  x: Float64Array,
  background: WeightedRows,
  shares: Float64Array,
  players: readonly number[],
  masks: Uint8Array,
  control: ExplainControl = {},
): Predicting<Float64Array> {
  const p = players.length;
  const nCoalitions = p > 0 ? masks.length / p : 0;
  const nB = shares.length;
  const m = background.columns.length;
  const values = new Float64Array(nCoalitions * k);
  const perBatch = Math.max(1, Math.floor(MAX_BATCH_ROWS / nB));
  const isPlayer = new Int32Array(m).fill(-1);
  players.forEach((j, i) => (isPlayer[j] = i));

  for (let start = 0; start < nCoalitions; start += perBatch) {
    if (control.isCancelled?.()) throw cancelledError();
    const count = Math.min(perBatch, nCoalitions - start);
    const rows = count * nB;
    const columns: Float64Array[] = [];
    for (let j = 0; j < m; j++) {
      const col = new Float64Array(rows);
      const bg = background.columns[j];
      const player = isPlayer[j];
      for (let c = 0; c < count; c++) {
        const offset = c * nB;
        if (player >= 0 && masks[(start + c) * p + player]) col.fill(x[j], offset, offset + nB);
        else col.set(bg, offset);
      }
      columns.push(col);
    }
    const out = yield { nRows: rows, columns, names: like.names, levels: like.levels };
    for (let c = 0; c < count; c++) {
      for (let b = 0; b < nB; b++) {
        const w = shares[b];
        const base = (c * nB + b) * k;
        for (let o = 0; o < k; o++) values[(start + c) * k + o] += w * out[base + o];
      }
    }
  }
  return values;
}

export interface ExactShapleyOptions {
  /** rows of X to explain (all when omitted) */
  rows?: ArrayLike<number>;
}

/**
 * Exact interventional Shapley values of any model by enumerating every coalition (M ≤ 12 features).
 * Dummy features (equal to every background row) are left out of the game: their value is 0 either way.
 */
export function exactShapleyValues(
  model: ExplainedModel,
  X: FeatureMatrix,
  background: WeightedRows,
  options: ExactShapleyOptions = {},
  control: ExplainControl = {},
): ShapValues {
  return runWith(exactShapleySteps(model.nOutputs, X, background, options, control), (rows) => model.predict(rows));
}

/** exactShapleyValues as steps (see predicting.ts), for a model with `k` outputs. */
export function* exactShapleySteps(
  k: number,
  X: FeatureMatrix,
  background: WeightedRows,
  options: ExactShapleyOptions = {},
  control: ExplainControl = {},
): Predicting<ShapValues> {
  const m = X.columns.length;
  if (m > maxOraclePlayers) {
    throw invalidInput(`method 'exact' enumerates all coalitions and handles at most ${maxOraclePlayers} features; this model has ${m}`, { param: 'method' });
  }
  checkBackground(X, background);
  const shares = backgroundShares(background);
  const baseValue = yield* expectedOutputSteps(k, X, background, shares);
  const rows = options.rows ?? Int32Array.from({ length: X.nRows }, (_, i) => i);
  const nRows = rows.length;
  const values = new Float64Array(k * nRows * m);
  for (let r = 0; r < nRows; r++) {
    const x = rowOf(X.columns, rows[r]);
    const players = varyingFeatures(x, background);
    const p = players.length;
    const size = 1 << p;
    const masks = new Uint8Array(size * p);
    for (let mask = 0; mask < size; mask++) for (let i = 0; i < p; i++) masks[mask * p + i] = (mask >> i) & 1;
    const v = p > 0 ? yield* coalitionValueSteps(k, X, x, background, shares, players, masks, control) : new Float64Array(0);
    for (let o = 0; o < k; o++) {
      if (p === 0) continue;
      const { phi } = exactShapley(p, (mask) => v[mask * k + o]);
      for (let i = 0; i < p; i++) values[(o * nRows + r) * m + players[i]] = phi[i];
    }
    control.onProgress?.((r + 1) / nRows);
  }
  return { baseValue, values, nOutputs: k, nRows, nFeatures: m };
}

export function checkBackground(X: FeatureMatrix, background: WeightedRows): void {
  if (background.columns.length !== X.columns.length) {
    throw invalidInput(`the background has ${background.columns.length} feature columns, the data has ${X.columns.length}`);
  }
}
