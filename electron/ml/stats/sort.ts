// Sorting numeric samples fast: a value-bucketed distribution sort (two linear passes for any smooth data,
// recursing into crowded buckets, so skewed data stays near-linear too). Only finite values are kept.

const SMALL = 64;
const MAX_DEPTH = 4;

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

/**
 * Moves the finite values of src[lo, hi) into dst[lo, …) grouped by bucket of [min, max], and returns
 * the bucket boundaries. (x − min) · scale is monotone in x, so bucket order is value order.
 */
function distribute(src: Float64Array, lo: number, hi: number, dst: Float64Array, dstLo: number, count: number, min: number, scale: number): Int32Array {
  const buckets = Math.max(2, count >> 1);
  const last = buckets - 1;
  const starts = new Int32Array(buckets + 1);
  for (let i = lo; i < hi; i++) {
    const x = src[i];
    if (x - x !== 0) continue;
    // truncation is floor here: the product is ≥ 0 and below 2^31
    const b = ((x - min) * scale) | 0;
    starts[(b > last ? last : b) + 1]++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  const next = starts.slice(0, buckets);
  for (let i = lo; i < hi; i++) {
    const x = src[i];
    if (x - x !== 0) continue;
    const b = ((x - min) * scale) | 0;
    dst[dstLo + next[b > last ? last : b]++] = x;
  }
  return starts;
}

function bucketScale(count: number, min: number, max: number): number {
  return Math.max(2, count >> 1) / (max - min);
}

/** Sorts every bucket of a[base + starts[b], base + starts[b+1]) in place. */
function sortBuckets(a: Float64Array, base: number, starts: Int32Array, depth: number, scratch: () => Float64Array): void {
  for (let b = 0; b + 1 < starts.length; b++) {
    const s = base + starts[b];
    const e = base + starts[b + 1];
    if (e - s > 1) sortRange(a, s, e, depth, scratch);
  }
}

function sortRange(a: Float64Array, s: number, e: number, depth: number, scratch: () => Float64Array): void {
  const n = e - s;
  if (n <= SMALL) {
    insertionSort(a, s, e);
    return;
  }
  let min = a[s];
  let max = min;
  for (let i = s + 1; i < e; i++) {
    const x = a[i];
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  if (min === max) return;
  const scale = bucketScale(n, min, max);
  // Spans near the subnormal range overflow the scale; deep recursion means pathological data.
  if (depth >= MAX_DEPTH || !Number.isFinite(scale)) {
    a.subarray(s, e).sort();
    return;
  }
  const tmp = scratch();
  tmp.set(a.subarray(s, e), s);
  const starts = distribute(tmp, s, e, a, s, n, min, scale);
  sortBuckets(a, s, starts, depth + 1, scratch);
}

/** Count, min and max of the finite values. */
export interface FiniteSummary {
  count: number;
  min: number;
  max: number;
}

export function summarizeFinite(values: Float64Array): FiniteSummary {
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x - x === 0) {
      count++;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return { count, min, max };
}

/**
 * The finite values of `values` (NaN and ±∞ dropped), ascending; −0 and 0 count as equal. `summary`
 * saves a pass when the caller already has it.
 */
export function sortedValues(values: Float64Array, summary: FiniteSummary = summarizeFinite(values)): Float64Array {
  const { count, min, max } = summary;
  const out = new Float64Array(count);
  if (count === 0) return out;
  const scale = bucketScale(count, min, max);
  if (!(max > min) || !Number.isFinite(max - min) || !Number.isFinite(scale)) {
    let j = 0;
    for (let i = 0; i < values.length; i++) if (values[i] - values[i] === 0) out[j++] = values[i];
    return max > min ? out.sort() : out;
  }
  let scratchBuffer: Float64Array | undefined;
  const scratch = () => (scratchBuffer ??= new Float64Array(count));
  const starts = distribute(values, 0, values.length, out, 0, count, min, scale);
  sortBuckets(out, 0, starts, 1, scratch);
  return out;
}
