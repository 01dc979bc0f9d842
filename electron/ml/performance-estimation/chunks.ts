// Shared pieces of CBPE and DLE: rows per chunk, alert thresholds from the reference chunks (NannyML's standard
// deviation threshold: mean ± 3 std of the realized metric over reference chunks) and the per-chunk result shape.
import type { MetricValues } from './cbpe.js';

export interface Chunking {
  /** chunk index per row */
  chunkOf: Int32Array;
  nChunks: number;
}

export interface ChunkEstimate {
  n: number;
  estimated: MetricValues;
  /** estimate − 3 sampling errors, per metric */
  lower: MetricValues;
  /** estimate + 3 sampling errors, per metric */
  upper: MetricValues;
  sampling_error: MetricValues;
  /** present when the chunk has labelled rows: the metric on them */
  realized?: MetricValues;
  n_labelled?: number;
  /** metrics whose estimate is outside the reference thresholds */
  alerts: string[];
}

export interface EstimationResult {
  method: 'cbpe' | 'dle';
  metrics: string[];
  /** classification: whether an isotonic calibration was applied to some class's scores */
  calibrated?: boolean;
  thresholds: Record<string, Threshold>;
  /** the realized metric on each reference chunk, from which the thresholds come */
  reference_chunks: MetricValues[];
  chunks: ChunkEstimate[];
}

export interface Threshold {
  lower: number | null;
  upper: number | null;
}

export function rowsByChunk(c: Chunking): Int32Array[] {
  const counts = new Int32Array(c.nChunks);
  for (const k of c.chunkOf) counts[k]++;
  const out = Array.from(counts, (m) => new Int32Array(m));
  const at = new Int32Array(c.nChunks);
  c.chunkOf.forEach((k, i) => {
    out[k][at[k]++] = i;
  });
  return out;
}

/** mean ± 3 std (population) of the defined values, clipped to [lo, hi]; null bounds with fewer than 2 values. */
export function referenceThreshold(values: (number | null | undefined)[], lo: number, hi: number): Threshold {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (v.length < 2) return { lower: null, upper: null };
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  return { lower: Math.max(lo, mean - 3 * sd), upper: Math.min(hi, mean + 3 * sd) };
}

export function outside(value: number | null | undefined, t: Threshold): boolean {
  if (typeof value !== 'number') return false;
  return (t.lower !== null && value < t.lower) || (t.upper !== null && value > t.upper);
}

export const gather = (values: ArrayLike<number>, rows: Int32Array): Float64Array => Float64Array.from(rows, (i) => values[i]);
export const gatherInt = (values: ArrayLike<number>, rows: Int32Array): Int32Array => Int32Array.from(rows, (i) => values[i]);

/** The K-wide rows of a row-major matrix. */
export function gatherRows(matrix: Float64Array, K: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * K);
  rows.forEach((i, r) => out.set(matrix.subarray(i * K, (i + 1) * K), r * K));
  return out;
}

/** estimate ± 3 se per metric. */
export function band(estimated: MetricValues, se: MetricValues, lo: number, hi: number): { lower: MetricValues; upper: MetricValues } {
  const lower: MetricValues = {};
  const upper: MetricValues = {};
  for (const [metric, v] of Object.entries(estimated)) {
    const s = se[metric];
    const ok = typeof v === 'number' && typeof s === 'number' && Number.isFinite(s);
    lower[metric] = ok ? Math.max(lo, v - 3 * s) : null;
    upper[metric] = ok ? Math.min(hi, v + 3 * s) : null;
  }
  return { lower, upper };
}
