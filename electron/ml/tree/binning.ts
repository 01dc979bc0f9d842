// Feature binning done once before histogram-based training (random forest, gradient boosting):
// at most 255 bins per feature with real-valued upper edges, plus bin 255 for missing values.

import type { Random } from '../random.js';
import { ColumnSorter } from './presort.js';

export const MISSING_BIN = 255;
/** scikit-learn bins on a random subsample of this many rows when there are more */
const BINNING_SUBSAMPLE = 200_000;

export interface BinnedColumns {
  nRows: number;
  /** column-major: bins[f * nRows + i]; MISSING_BIN for NaN */
  bins: Uint8Array;
  /** per feature the ascending upper edges of bins 0..edges.length-1 (x <= edges[b] means bin <= b); the last bin is open */
  edges: Float64Array[];
}

/**
 * Bin upper edges like scikit-learn's _BinMapper: midpoints between distinct values when there are at most
 * maxBins of them, otherwise the (maxBins - 1) interior percentiles with numpy's 'midpoint' method.
 */
export function findBinEdges(column: Float64Array, maxBins: number, rows?: ArrayLike<number>): Float64Array {
  const n = rows ? rows.length : column.length;
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = column[rows ? rows[i] : i];
    if (x === x) sorted[m++] = x;
  }
  return edgesFromSorted(sorted.subarray(0, m).sort(), maxBins);
}

/** findBinEdges on values already sorted ascending (no NaN). */
function edgesFromSorted(values: Float64Array, maxBins: number): Float64Array {
  const m = values.length;
  let distinct = 0;
  for (let i = 0; i < m; i++) if (i === 0 || values[i] !== values[i - 1]) distinct++;
  if (distinct <= maxBins) {
    const edges = new Float64Array(Math.max(0, distinct - 1));
    let e = 0;
    for (let i = 1; i < m; i++) if (values[i] !== values[i - 1]) edges[e++] = midpoint(values[i - 1], values[i]);
    return edges;
  }
  const edges = new Float64Array(maxBins - 1);
  for (let j = 1; j < maxBins; j++) {
    const pos = (j / maxBins) * (m - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    edges[j - 1] = lo === hi ? values[lo] : midpoint(values[lo], values[hi]);
  }
  return edges;
}

function midpoint(a: number, b: number): number {
  const mid = (a + b) * 0.5;
  return Number.isFinite(mid) ? mid : a * 0.5 + b * 0.5;
}

/** Edges for every feature, fitted on `rows` (or all rows); samples 200k rows first on larger data, like scikit-learn. */
export function fitBinEdges(columns: Float64Array[], maxBins: number, rng: Random, rows?: Int32Array): Float64Array[] {
  let fitRows: ArrayLike<number> | undefined = rows;
  const n = rows ? rows.length : columns[0].length;
  if (n > BINNING_SUBSAMPLE) {
    const pick = rng.sample(n, BINNING_SUBSAMPLE).sort();
    fitRows = rows ? pick.map((i) => rows[i]) : pick;
  }
  return columns.map((c) => findBinEdges(c, maxBins, fitRows));
}

/** Maps the given rows (or all) of each column to bins. */
export function binColumns(columns: Float64Array[], edges: Float64Array[], rows?: Int32Array): BinnedColumns {
  const n = rows ? rows.length : columns[0]?.length ?? 0;
  const bins = new Uint8Array(columns.length * n);
  // edges padded to 256 with +Infinity, for a fixed 8-step binary search without data-dependent branches
  const padded = new Float64Array(256);
  columns.forEach((col, f) => {
    const e = edges[f];
    padded.fill(Infinity);
    padded.set(e);
    const out = bins.subarray(f * n, (f + 1) * n);
    for (let i = 0; i < n; i++) {
      const x = col[rows ? rows[i] : i];
      let b = 0;
      b += padded[b + 127] < x ? 128 : 0;
      b += padded[b + 63] < x ? 64 : 0;
      b += padded[b + 31] < x ? 32 : 0;
      b += padded[b + 15] < x ? 16 : 0;
      b += padded[b + 7] < x ? 8 : 0;
      b += padded[b + 3] < x ? 4 : 0;
      b += padded[b + 1] < x ? 2 : 0;
      b += padded[b] < x ? 1 : 0;
      out[i] = x === x ? b : MISSING_BIN;
    }
  });
  return { nRows: n, bins, edges };
}

/** First bin whose upper edge is >= x (scikit-learn's searchsorted 'left'). */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Real threshold for the split "bin <= b": the bin's upper edge, or +Infinity for the open last bin. */
export function binThreshold(edges: Float64Array, b: number): number {
  return b < edges.length ? edges[b] : Infinity;
}

/**
 * fitBinEdges + binColumns in one go for the training rows: one argsort per column gives both the sorted
 * values (for the edges) and each row's bin (by walking the sorted order), with no binary searches.
 */
export function binTrainingColumns(columns: Float64Array[], maxBins: number, rng: Random, rows?: Int32Array): BinnedColumns {
  const n = rows ? rows.length : columns[0].length;
  if (n > BINNING_SUBSAMPLE) return binColumns(columns, fitBinEdges(columns, maxBins, rng, rows), rows);
  const sorter = new ColumnSorter(n);
  const values = new Float64Array(n);
  const sortedValues = new Float64Array(n);
  const order = new Int32Array(n);
  const bins = new Uint8Array(columns.length * n);
  const edges = columns.map((col, f) => {
    for (let i = 0; i < n; i++) values[i] = col[rows ? rows[i] : i];
    sorter.argsort(values, order);
    let m = 0;
    while (m < n && values[order[m]] === values[order[m]]) {
      sortedValues[m] = values[order[m]];
      m++;
    }
    const e = edgesFromSorted(sortedValues.subarray(0, m), maxBins);
    const out = bins.subarray(f * n, (f + 1) * n);
    let b = 0;
    for (let k = 0; k < m; k++) {
      const x = sortedValues[k];
      while (b < e.length && e[b] < x) b++;
      out[order[k]] = b;
    }
    for (let k = m; k < n; k++) out[order[k]] = MISSING_BIN;
    return e;
  });
  return { nRows: n, bins, edges };
}
