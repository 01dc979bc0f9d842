// Isotonic regression (increasing, pool-adjacent-violators) with scikit-learn's IsotonicRegression semantics:
// equal x are pooled first (weighted mean), prediction interpolates linearly between the fitted points and clips
// outside them (out_of_bounds='clip'), as NannyML's calibrator uses it.

export interface IsotonicFit {
  /** distinct x, increasing */
  x: Float64Array;
  /** fitted non-decreasing value at each x */
  y: Float64Array;
}

export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>): IsotonicFit {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const xs: number[] = [];
  const sums: number[] = [];
  const weights: number[] = [];
  for (const i of order) {
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === x[i]) {
      sums[last] += y[i];
      weights[last]++;
    } else {
      xs.push(x[i]);
      sums.push(y[i]);
      weights.push(1);
    }
  }
  // PAVA over blocks: each block keeps its total and weight; merge backwards while the order is violated.
  const blockSum: number[] = [];
  const blockWeight: number[] = [];
  const blockEnd: number[] = [];
  for (let k = 0; k < xs.length; k++) {
    blockSum.push(sums[k]);
    blockWeight.push(weights[k]);
    blockEnd.push(k);
    while (blockSum.length > 1) {
      const b = blockSum.length - 1;
      if (blockSum[b - 1] / blockWeight[b - 1] <= blockSum[b] / blockWeight[b]) break;
      blockSum[b - 1] += blockSum[b];
      blockWeight[b - 1] += blockWeight[b];
      blockEnd[b - 1] = blockEnd[b];
      blockSum.pop();
      blockWeight.pop();
      blockEnd.pop();
    }
  }
  const fitted = new Float64Array(xs.length);
  let start = 0;
  blockEnd.forEach((end, b) => {
    fitted.fill(blockSum[b] / blockWeight[b], start, end + 1);
    start = end + 1;
  });
  return { x: Float64Array.from(xs), y: fitted };
}

/** numpy.interp on the fitted points: linear between them, the end values beyond them. */
export function predictIsotonic(fit: IsotonicFit, v: number): number {
  const { x, y } = fit;
  const n = x.length;
  if (n === 0) return NaN;
  if (v <= x[0]) return y[0];
  if (v >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= v) lo = mid;
    else hi = mid;
  }
  return y[lo] + ((v - x[lo]) * (y[hi] - y[lo])) / (x[hi] - x[lo]);
}
