// Sturges edges against numpy (drift.json), histogram edge rules against a brute-force count, and
// Evidently's zero filling.
import { describe, expect, it } from 'vitest';
import { fillEmptyShares, histogram, sturgesEdges } from '../../../../../electron/ml/drift/binning.js';
import { monitorFixture } from '../stats/samples.js';

const fixture = monitorFixture<{ edges: { min: number; max: number; n: number; edges: number[] }[] }>('drift.json');

describe('sturgesEdges', () => {
  it.each(fixture.edges.map((e) => [e.n, e] as const))('matches np.histogram_bin_edges for n = %i', (_n, e) => {
    expect(Array.from(sturgesEdges(e.min, e.max, e.n))).toEqual(e.edges);
  });
});

describe('histogram', () => {
  it('counts [edge_i, edge_i+1) with the last bin closed, skipping missing and outside values (brute force)', () => {
    const edges = sturgesEdges(0, 1, 100);
    const values = Float64Array.from([...Array.from(edges), ...Array.from({ length: 500 }, (_, i) => ((i * 0.6180339887) % 1)), Number.NaN, -0.1, 1.1, Number.POSITIVE_INFINITY]);
    const brute = Array.from({ length: edges.length - 1 }, (_, b) =>
      Array.from(values).filter((x) => x >= edges[b] && (b === edges.length - 2 ? x <= edges[b + 1] : x < edges[b + 1])).length,
    );
    expect(Array.from(histogram(values, edges))).toEqual(brute);
    expect(brute.reduce((a, b) => a + b, 0)).toBe(edges.length + 500);
  });
});

describe('fillEmptyShares', () => {
  it('fills 0.0001, or the smallest share / 1e6 when that is at most 0.0001', () => {
    expect(Array.from(fillEmptyShares(Float64Array.from([0.5, 0, 0.5])))).toEqual([0.5, 0.0001, 0.5]);
    expect(Array.from(fillEmptyShares(Float64Array.from([0.99995, 0, 0.00005])))).toEqual([0.99995, 0.00005 / 1e6, 0.00005]);
  });
});
