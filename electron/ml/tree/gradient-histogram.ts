// The boosting hot loop: per-feature histograms of gradient sum, hessian sum and row count over a node's rows.
// Features are done four at a time so each row's gradient is loaded once per four features (about 2× faster
// in V8 than one feature per pass); the hessian-free variants serve squared error, where every hessian is 1.

export const HIST_BINS = 256;
/** per bin: gradient sum, hessian sum, row count */
export const HIST_STRIDE = 3;
const FEATURE_SIZE = HIST_BINS * HIST_STRIDE;

/**
 * Adds rows to `hist` (zeroed by the caller; feature f's bins start at f * 256 * 3).
 * `rows` null: rows 0..count-1, with g/h indexed by row. Otherwise rows[start..start+count), with g/h
 * already gathered in that order (g[i] belongs to rows[start + i]). `h` null means every hessian is 1.
 */
export function addToHistogram(
  hist: Float64Array,
  columns: Uint8Array[],
  rows: Int32Array | null,
  start: number,
  count: number,
  g: Float64Array,
  h: Float64Array | null,
): void {
  addToHistogramFeatures(hist, columns, 0, columns.length, rows, start, count, g, h);
}

/** addToHistogram for features f0..f1-1 only (a block of a parallel pass; each feature's sums are the same). */
export function addToHistogramFeatures(
  hist: Float64Array,
  columns: Uint8Array[],
  f0: number,
  f1: number,
  rows: Int32Array | null,
  start: number,
  count: number,
  g: Float64Array,
  h: Float64Array | null,
): void {
  const F = f1;
  let f = f0;
  for (; f + 4 <= F; f += 4) {
    if (rows) {
      if (h) rowsFour(hist, columns, f, rows, start, count, g, h);
      else rowsFourUnitHessian(hist, columns, f, rows, start, count, g);
    } else if (h) allFour(hist, columns, f, count, g, h);
    else allFourUnitHessian(hist, columns, f, count, g);
  }
  for (; f < F; f++) {
    const col = columns[f];
    const base = f * FEATURE_SIZE;
    for (let i = 0; i < count; i++) {
      const o = base + col[rows ? rows[start + i] : i] * HIST_STRIDE;
      hist[o] += g[i];
      hist[o + 1] += h ? h[i] : 1;
      hist[o + 2] += 1;
    }
  }
}

function allFour(hist: Float64Array, columns: Uint8Array[], f: number, count: number, g: Float64Array, h: Float64Array): void {
  const c0 = columns[f];
  const c1 = columns[f + 1];
  const c2 = columns[f + 2];
  const c3 = columns[f + 3];
  const b0 = f * FEATURE_SIZE;
  const b1 = b0 + FEATURE_SIZE;
  const b2 = b1 + FEATURE_SIZE;
  const b3 = b2 + FEATURE_SIZE;
  for (let i = 0; i < count; i++) {
    const gi = g[i];
    const hi = h[i];
    let o = b0 + c0[i] * 3;
    hist[o] += gi;
    hist[o + 1] += hi;
    hist[o + 2] += 1;
    o = b1 + c1[i] * 3;
    hist[o] += gi;
    hist[o + 1] += hi;
    hist[o + 2] += 1;
    o = b2 + c2[i] * 3;
    hist[o] += gi;
    hist[o + 1] += hi;
    hist[o + 2] += 1;
    o = b3 + c3[i] * 3;
    hist[o] += gi;
    hist[o + 1] += hi;
    hist[o + 2] += 1;
  }
}

function allFourUnitHessian(hist: Float64Array, columns: Uint8Array[], f: number, count: number, g: Float64Array): void {
  const c0 = columns[f];
  const c1 = columns[f + 1];
  const c2 = columns[f + 2];
  const c3 = columns[f + 3];
  const b0 = f * FEATURE_SIZE;
  const b1 = b0 + FEATURE_SIZE;
  const b2 = b1 + FEATURE_SIZE;
  const b3 = b2 + FEATURE_SIZE;
  for (let i = 0; i < count; i++) {
    const gi = g[i];
    let o = b0 + c0[i] * 3;
    hist[o] += gi;
    hist[o + 2] += 1;
    o = b1 + c1[i] * 3;
    hist[o] += gi;
    hist[o + 2] += 1;
    o = b2 + c2[i] * 3;
    hist[o] += gi;
    hist[o + 2] += 1;
    o = b3 + c3[i] * 3;
    hist[o] += gi;
    hist[o + 2] += 1;
  }
  copyCountsToHessians(hist, f, 4);
}

function rowsFour(hist: Float64Array, columns: Uint8Array[], f: number, rows: Int32Array, start: number, count: number, g: Float64Array, h: Float64Array): void {
  const c0 = columns[f];
  const c1 = columns[f + 1];
  const c2 = columns[f + 2];
  const c3 = columns[f + 3];
  const b0 = f * FEATURE_SIZE;
  const b1 = b0 + FEATURE_SIZE;
  const b2 = b1 + FEATURE_SIZE;
  const b3 = b2 + FEATURE_SIZE;
  for (let i = 0; i < count; i++) {
    const r = rows[start + i];
    const gi = g[i];
    const hi = h[i];
    let o = b0 + c0[r] * 3;
    hist[o] += gi;
    hist[o + 1] += hi;
    hist[o + 2] += 1;
    o = b1 + c1[r] * 3;
    hist[o] += gi;
    hist[o + 1] += hi;
    hist[o + 2] += 1;
    o = b2 + c2[r] * 3;
    hist[o] += gi;
    hist[o + 1] += hi;
    hist[o + 2] += 1;
    o = b3 + c3[r] * 3;
    hist[o] += gi;
    hist[o + 1] += hi;
    hist[o + 2] += 1;
  }
}

function rowsFourUnitHessian(hist: Float64Array, columns: Uint8Array[], f: number, rows: Int32Array, start: number, count: number, g: Float64Array): void {
  const c0 = columns[f];
  const c1 = columns[f + 1];
  const c2 = columns[f + 2];
  const c3 = columns[f + 3];
  const b0 = f * FEATURE_SIZE;
  const b1 = b0 + FEATURE_SIZE;
  const b2 = b1 + FEATURE_SIZE;
  const b3 = b2 + FEATURE_SIZE;
  for (let i = 0; i < count; i++) {
    const r = rows[start + i];
    const gi = g[i];
    let o = b0 + c0[r] * 3;
    hist[o] += gi;
    hist[o + 2] += 1;
    o = b1 + c1[r] * 3;
    hist[o] += gi;
    hist[o + 2] += 1;
    o = b2 + c2[r] * 3;
    hist[o] += gi;
    hist[o + 2] += 1;
    o = b3 + c3[r] * 3;
    hist[o] += gi;
    hist[o + 2] += 1;
  }
  copyCountsToHessians(hist, f, 4);
}

function copyCountsToHessians(hist: Float64Array, f: number, nFeatures: number): void {
  const end = (f + nFeatures) * FEATURE_SIZE;
  for (let o = f * FEATURE_SIZE; o < end; o += HIST_STRIDE) hist[o + 1] = hist[o + 2];
}
