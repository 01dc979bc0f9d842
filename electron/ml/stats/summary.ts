// Small summaries that must match numpy: compensated sums, mean and population std, linear percentiles.

/** Σ values with Neumaier's compensation (error independent of length, unlike a running sum). */
export function accurateSum(values: ArrayLike<number>): number {
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = sum + x;
    carry += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  // With an infinite term the compensation is NaN; the plain sum is the answer then.
  return Number.isFinite(sum) ? sum + carry : sum;
}

export function mean(values: ArrayLike<number>): number {
  return accurateSum(values) / values.length;
}

/** Standard deviation with ddof 0 (numpy's default), two-pass. */
export function populationStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const m = mean(values);
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - m;
    const x = d * d;
    const t = sum + x;
    carry += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  return Math.sqrt((sum + carry) / n);
}

/** numpy.percentile(values, q) with the default linear interpolation; `sorted` must be ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (q / 100) * (n - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, n - 1);
  const fraction = position - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // numpy's _lerp: a + (b − a)·t, switched to b − (b − a)·(1 − t) past the midpoint for monotonicity
  const diff = b - a;
  return fraction >= 0.5 ? b - diff * (1 - fraction) : a + diff * fraction;
}
