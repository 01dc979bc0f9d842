// What the drift view draws per column: reference and current counts over shared bins (numbers) or
// categories, small enough to send to the UI whatever the table size.
import { histogram, histogramOfSorted, sturgesEdges } from './binning.js';
import { distinctInBoth, numericValueCounts, type NumericSample } from './column-data.js';
import type { DriftDistribution } from './types.js';

/** Numbers with at most this many distinct values are shown value by value. */
const VALUE_BARS_MAX = 20;
/** At most this many categories are shown; the rest are summed into `other`. */
export const CATEGORY_BARS_MAX = 50;

export function numericDistribution(reference: NumericSample, current: NumericSample): DriftDistribution {
  if (distinctInBoth(reference, current) <= VALUE_BARS_MAX) {
    const counts = numericValueCounts(reference, current);
    return { type: 'categories', categories: Array.from(counts.values, String), reference: Array.from(counts.reference), current: Array.from(counts.current) };
  }
  const n = reference.count + current.count;
  const edges = sturgesEdges(Math.min(reference.min, current.min), Math.max(reference.max, current.max), n);
  return {
    type: 'bins',
    edges: Array.from(edges),
    reference: Array.from(binCounts(reference, edges)),
    current: Array.from(binCounts(current, edges)),
  };
}

/** Counts per bin, from the sorted sample when a test already sorted it. */
export function binCounts(sample: NumericSample, edges: Float64Array): Float64Array {
  return sample.hasSorted() ? histogramOfSorted(sample.sorted(), edges) : histogram(sample.values, edges);
}

export function categoryDistribution(labels: readonly string[], reference: Float64Array, current: Float64Array): DriftDistribution {
  if (labels.length <= CATEGORY_BARS_MAX) {
    return { type: 'categories', categories: [...labels], reference: Array.from(reference), current: Array.from(current) };
  }
  const order = labels.map((_, i) => i).sort((a, b) => reference[b] + current[b] - (reference[a] + current[a]) || a - b);
  const kept = order.slice(0, CATEGORY_BARS_MAX).sort((a, b) => a - b);
  const keptSet = new Set(kept);
  const other = { reference: 0, current: 0 };
  labels.forEach((_, i) => {
    if (keptSet.has(i)) return;
    other.reference += reference[i];
    other.current += current[i];
  });
  return {
    type: 'categories',
    categories: kept.map((i) => labels[i]),
    reference: kept.map((i) => reference[i]),
    current: kept.map((i) => current[i]),
    other,
  };
}
