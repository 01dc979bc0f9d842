// Presorting for exact CART: the radix path (large inputs) and the comparison path (small ones) both give
// the stable ascending order with NaN last, checked against a plain stable sort.

import { describe, expect, it } from 'vitest';
import { Random } from '../../../../../electron/ml/random.js';
import { presort } from '../../../../../electron/ml/tree/presort.js';

function reference(col: Float64Array): number[] {
  const idx = Array.from(col.keys());
  const key = (v: number) => (Number.isNaN(v) ? Infinity : v);
  // stable: ties (and -0 / +0, and NaN among themselves) keep row order; NaN after +Infinity
  return idx.sort((a, b) => {
    const x = col[a];
    const y = col[b];
    if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
    return key(x) - key(y) || a - b;
  });
}

function awkwardColumn(n: number, seed: number): Float64Array {
  const r = new Random(seed);
  const specials = [NaN, -NaN, Infinity, -Infinity, 0, 1e-300, -1e-300, 5e-324, -5e-324, 1.5, -1.5, 2 ** 60, -(2 ** 60)];
  return Float64Array.from({ length: n }, () => {
    const u = r.uniform();
    if (u < 0.1) return specials[r.int(specials.length)];
    if (u < 0.4) return r.int(20) - 10;
    return r.normal() * 10 ** (r.int(10) - 5);
  });
}

describe('presort', () => {
  it.each([10, 300, 5000, 20000])('matches a stable reference sort on %i awkward values', (n) => {
    const col = awkwardColumn(n, n);
    const order = presort([col], n);
    // -0 and +0 compare equal, so only the sequence of values (and NaN placement) must match exactly
    const ref = reference(col);
    const values = (o: ArrayLike<number>) => Array.from(o, (i) => (Number.isNaN(col[i]) ? 'NaN' : col[i] === 0 ? 0 : col[i]));
    expect(values(order)).toEqual(values(ref));
    // ties keep row order except where -0 and +0 meet
    const nonZero = (o: ArrayLike<number>) => Array.from(o).filter((i) => col[i] !== 0);
    expect(nonZero(order)).toEqual(nonZero(ref));
  });

  it('sorts each feature independently', () => {
    const a = Float64Array.from({ length: 6000 }, (_, i) => (i * 7919) % 6000);
    const b = Float64Array.from({ length: 6000 }, (_, i) => -i);
    const order = presort([a, b], 6000);
    for (let k = 1; k < 6000; k++) expect(a[order[k]]).toBeGreaterThan(a[order[k - 1]]);
    expect(Array.from(order.subarray(6000, 6003))).toEqual([5999, 5998, 5997]);
  });
});
