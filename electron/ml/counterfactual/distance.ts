// DiCE's proximity (Mothilal et al., FAT* 2020): L1 distance with each numeric feature divided by its median
// absolute deviation in the reference rows (1 when the MAD is 0) and 1 per categorical mismatch.
import type { FeatureMatrix } from '../types.js';

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Per feature, its MAD over the finite reference values (numeric features), or null (categorical). */
export function madScales(background: FeatureMatrix): (number | null)[] {
  return background.columns.map((column, j) => {
    if (background.levels[j]) return null;
    const finite = Float64Array.from(column.filter((v) => Number.isFinite(v))).sort();
    const m = median(finite);
    const mad = median(Float64Array.from(finite, (v) => Math.abs(v - m)).sort());
    return Number.isFinite(mad) && mad > 0 ? mad : 1;
  });
}

/** Distance of one feature's change: |a − b| / MAD, or 0/1 for a categorical (missing equals missing only). */
export function featureDistance(a: number, b: number, scale: number | null): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : 1;
  if (scale === null) return a === b ? 0 : 1;
  return Math.abs(a - b) / scale;
}

export function distance(a: ArrayLike<number>, b: ArrayLike<number>, scales: (number | null)[]): number {
  let d = 0;
  for (let j = 0; j < scales.length; j++) d += featureDistance(a[j], b[j], scales[j]);
  return d;
}
