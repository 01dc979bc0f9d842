// Bins shared by the reference and the current sample: numpy's Sturges edges over both, histogram counts
// with numpy's edge rules, and Evidently's replacement of empty shares for PSI and KL.

/**
 * np.histogram_bin_edges(concat, 'sturges') for n finite values spanning [min, max]:
 * width = ptp / (log2 n + 1), ceil(ptp / width) equal bins, edges = linspace(min, max).
 */
export function sturgesEdges(min: number, max: number, n: number): Float64Array {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const ptp = max - min;
  const width = ptp / (Math.log2(n) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const edges = new Float64Array(bins + 1);
  const step = (last - first) / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/**
 * Counts per bin as np.histogram(values, edges): bin i holds edges[i] ≤ x < edges[i+1], the last bin
 * also its right edge; values outside the edges and non-finite values are not counted.
 */
export function histogram(values: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  const first = edges[0];
  const last = edges[bins];
  const scale = bins / (last - first);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!(x >= first && x <= last)) continue;
    let b = Math.floor((x - first) * scale);
    if (b >= bins) b = bins - 1;
    // The guess can be one off where an edge was rounded; the edges themselves decide.
    while (b > 0 && x < edges[b]) b--;
    while (b < bins - 1 && x >= edges[b + 1]) b++;
    counts[b]++;
  }
  return counts;
}

/** counts / total */
export function shares(counts: Float64Array, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}

/**
 * Evidently's `feel_zeroes`: empty shares become 0.0001, or the smallest non-zero share / 1e6 when that
 * share is itself ≤ 0.0001, so PSI and KL stay finite.
 */
export function fillEmptyShares(values: Float64Array): Float64Array {
  let smallest = Number.POSITIVE_INFINITY;
  for (const v of values) if (v !== 0 && v < smallest) smallest = v;
  const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  return values.map((v) => (v === 0 ? fill : v));
}

/** First index whose value is ≥ x (`strict`: > x) in an ascending array. */
function search(sorted: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? sorted[mid] <= x : sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** histogram() of an already sorted sample by binary search at each edge (numpy's own method). */
export function histogramOfSorted(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  let previous = search(sorted, edges[0], false);
  for (let b = 0; b < bins; b++) {
    const next = search(sorted, edges[b + 1], b === bins - 1);
    counts[b] = next - previous;
    previous = next;
  }
  return counts;
}
