// Bin edges like scikit-learn's _BinMapper, and the bin <-> threshold agreement prediction relies on.

import { describe, expect, it } from 'vitest';
import { Random } from '../../../../../electron/ml/random.js';
import { binColumns, binOf, binThreshold, binTrainingColumns, findBinEdges, fitBinEdges, MISSING_BIN } from '../../../../../electron/ml/tree/binning.js';

describe('findBinEdges', () => {
  it('uses midpoints between distinct values when there are few, ignoring NaN', () => {
    expect(Array.from(findBinEdges(Float64Array.of(3, 1, NaN, 2, 2, 1), 255))).toEqual([1.5, 2.5]);
    expect(findBinEdges(Float64Array.of(7, 7, NaN), 255).length).toBe(0);
  });

  it("uses numpy's 'midpoint' percentiles when there are more distinct values than bins", () => {
    // values 0..999 and 4 bins: percentiles 25, 50, 75 sit at positions 249.75, 499.5, 749.25
    const col = Float64Array.from({ length: 1000 }, (_, i) => 999 - i);
    expect(Array.from(findBinEdges(col, 4))).toEqual([249.5, 499.5, 749.5]);
    // np.percentile(np.arange(10.), [20, 40, 60, 80], method='midpoint'): positions 1.8, 3.6, 5.4, 7.2
    expect(Array.from(findBinEdges(Float64Array.from({ length: 10 }, (_, i) => i), 5))).toEqual([1.5, 3.5, 5.5, 7.5]);
  });

  it('maps x to the first bin whose edge is >= x, so x <= edge[b] exactly when bin <= b', () => {
    const edges = Float64Array.of(1.5, 2.5, 4);
    const xs = [-5, 1.5, 1.6, 2.5, 3, 4, 4.0001, 100];
    expect(xs.map((x) => binOf(edges, x))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    for (const x of xs) for (let b = 0; b <= edges.length; b++) expect(x <= binThreshold(edges, b)).toBe(binOf(edges, x) <= b);
    const binned = binColumns([Float64Array.of(1, NaN, 3)], [edges]);
    expect(Array.from(binned.bins)).toEqual([0, MISSING_BIN, 2]);
  });
});

describe('binTrainingColumns', () => {
  it.each([300, 6000])('gives the same edges and bins as fitBinEdges + binColumns (%i rows, with a row subset)', (n) => {
    const r = new Random(n);
    const columns = [
      Float64Array.from({ length: n }, () => r.normal()),
      Float64Array.from({ length: n }, () => (r.uniform() < 0.2 ? NaN : r.int(30) - 15)),
      Float64Array.from({ length: n }, () => (r.uniform() < 0.5 ? -0 : 0)),
      new Float64Array(n).fill(NaN),
    ];
    const rows = Int32Array.from({ length: Math.floor(n / 3) }, (_, i) => 3 * i + 1);
    for (const subset of [undefined, rows]) {
      const fast = binTrainingColumns(columns, 255, new Random(0), subset);
      const edges = fitBinEdges(columns, 255, new Random(0), subset);
      expect(fast.edges).toEqual(edges);
      expect(fast.bins).toEqual(binColumns(columns, edges, subset).bins);
      expect(fast.nRows).toBe(subset ? subset.length : n);
    }
  });
});
