// Background summaries for model-agnostic SHAP, like shap.kmeans: seeded k-means (k-means++ starts, Lloyd steps,
// best of n_init), centers moved to real column values, each center weighted by its cluster size.

import { invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';

export interface WeightedRows {
  /** one column per feature, same layout as FeatureMatrix.columns */
  columns: Float64Array[];
  /** one weight per row (need not sum to 1); equal weights when omitted */
  weights?: Float64Array;
}

export interface KmeansOptions {
  seed: number;
  /** independent restarts; the one with the lowest inertia wins (sklearn's n_init) */
  nInit?: number;
  maxIter?: number;
  /** stop when centers move less than tol × mean feature variance (sklearn's relative tol) */
  tol?: number;
  /** move every center coordinate to the nearest value seen in that column (shap's round_values) */
  roundValues?: boolean;
}

export interface KmeansResult {
  centers: Float64Array[];
  /** number of rows in each center's cluster */
  weights: Float64Array;
  /** cluster of every input row */
  labels: Int32Array;
  inertia: number;
}

/**
 * k-means on the rows of `columns` (NaNs replaced by their column mean first, as shap does). Columns are used as
 * given: no scaling, so summarize in the space the model sees.
 */
export function kmeans(columns: Float64Array[], k: number, options: KmeansOptions): KmeansResult {
  const m = columns.length;
  const n = m > 0 ? columns[0].length : 0;
  if (!Number.isInteger(k) || k < 1) throw invalidInput(`k-means needs k >= 1, got ${k}`);
  if (n === 0) throw invalidInput('k-means needs at least one row');
  const clusters = Math.min(k, n);
  const nInit = options.nInit ?? 10;
  const maxIter = options.maxIter ?? 300;

  // Row-major copy with NaNs imputed: the distance loops then run over contiguous memory.
  const data = new Float64Array(n * m);
  let meanVariance = 0;
  for (let j = 0; j < m; j++) {
    const col = columns[j];
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (col[i] !== col[i]) continue;
      sum += col[i];
      count++;
    }
    const mean = count > 0 ? sum / count : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] === col[i] ? col[i] : mean;
      data[i * m + j] = v;
      ss += (v - mean) * (v - mean);
    }
    meanVariance += ss / n / Math.max(1, m);
  }
  const tol = (options.tol ?? 1e-4) * meanVariance;

  const rng = new Random(options.seed);
  let best: { centers: Float64Array; labels: Int32Array; inertia: number } | null = null;
  for (let run = 0; run < nInit; run++) {
    const result = lloyd(data, n, m, clusters, plusPlusStart(data, n, m, clusters, rng.fork()), maxIter, tol);
    if (!best || result.inertia < best.inertia) best = result;
  }
  const { centers, labels, inertia } = best!;

  const weights = new Float64Array(clusters);
  for (let i = 0; i < n; i++) weights[labels[i]]++;
  if (options.roundValues ?? true) roundToSeenValues(centers, clusters, m, data, n);
  const out = Array.from({ length: m }, (_, j) => Float64Array.from({ length: clusters }, (_, c) => centers[c * m + j]));
  return { centers: out, weights, labels, inertia };
}

/** Larger backgrounds are sampled (seeded) down to this many rows before clustering: cluster shares barely move. */
export const KMEANS_MAX_INPUT_ROWS = 10_000;

/**
 * The background an explainer works with: as given when it has at most `maxRows` rows, else the weighted k-means
 * summary (the SPEC's "seeded summary"). shap.kmeans runs sklearn's 10 restarts on every row; 3 restarts on at most
 * 10,000 rows keep this to about a second for 10 features. Row weights of the input are not used.
 */
export function summarizeBackground(background: WeightedRows, maxRows: number, seed: number): WeightedRows & { summarized: boolean } {
  const n = background.columns.length > 0 ? background.columns[0].length : 0;
  if (n <= maxRows) return { ...background, summarized: false };
  let columns = background.columns;
  if (n > KMEANS_MAX_INPUT_ROWS) {
    const rows = new Random(seed).sample(n, KMEANS_MAX_INPUT_ROWS).sort();
    columns = columns.map((c) => Float64Array.from(rows, (r) => c[r]));
  }
  const result = kmeans(columns, maxRows, { seed, nInit: 3 });
  // Clusters that ended up empty (duplicate rows) carry no weight and would only cost model calls.
  const keep: number[] = [];
  for (let c = 0; c < result.weights.length; c++) if (result.weights[c] > 0) keep.push(c);
  return {
    columns: result.centers.map((col) => Float64Array.from(keep, (c) => col[c])),
    weights: Float64Array.from(keep, (c) => result.weights[c]),
    summarized: true,
  };
}

/** k-means++ seeding: each next center drawn with probability proportional to the squared distance to the nearest one. */
function plusPlusStart(data: Float64Array, n: number, m: number, k: number, rng: Random): Float64Array {
  const centers = new Float64Array(k * m);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    centers.set(data.subarray(pick * m, pick * m + m), c * m);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = squaredDistance(data, i * m, centers, c * m, m);
      if (d < nearest[i]) nearest[i] = d;
      total += nearest[i];
    }
    if (c === k - 1) break;
    if (!(total > 0)) {
      pick = rng.int(n);
      continue;
    }
    let u = rng.uniform() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= nearest[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
  }
  return centers;
}

function lloyd(data: Float64Array, n: number, m: number, k: number, centers: Float64Array, maxIter: number, tol: number) {
  const labels = new Int32Array(n);
  const sums = new Float64Array(k * m);
  const counts = new Float64Array(k);
  let inertia = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    inertia = assign(data, n, m, k, centers, labels);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let j = 0; j < m; j++) sums[c * m + j] += data[i * m + j];
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue; // an empty cluster keeps its center
      for (let j = 0; j < m; j++) {
        const v = sums[c * m + j] / counts[c];
        shift += (v - centers[c * m + j]) ** 2;
        centers[c * m + j] = v;
      }
    }
    if (shift <= tol) break;
  }
  inertia = assign(data, n, m, k, centers, labels);
  return { centers, labels, inertia };
}

function assign(data: Float64Array, n: number, m: number, k: number, centers: Float64Array, labels: Int32Array): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const d = squaredDistance(data, i * m, centers, c * m, m);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestD;
  }
  return inertia;
}

function squaredDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, m: number): number {
  let d = 0;
  for (let j = 0; j < m; j++) {
    const t = a[ai + j] - b[bi + j];
    d += t * t;
  }
  return d;
}

/** Category codes and 0/1 one-hot columns stay valid values this way. */
function roundToSeenValues(centers: Float64Array, k: number, m: number, data: Float64Array, n: number): void {
  const column = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) column[i] = data[i * m + j];
    column.sort();
    for (let c = 0; c < k; c++) {
      const v = centers[c * m + j];
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (column[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      let nearest = column[lo];
      if (lo > 0 && Math.abs(column[lo - 1] - v) <= Math.abs(nearest - v)) nearest = column[lo - 1];
      centers[c * m + j] = nearest;
    }
  }
}
