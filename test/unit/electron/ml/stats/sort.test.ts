// sortedValues equals the native sort of the finite values, for smooth, skewed, tied and hostile inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedValues } from '../../../../../electron/ml/stats/sort.js';

const reference = (values: Float64Array) => Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();

/** Index of the first difference (−1 when equal); vitest's deep equality is slow on 200k elements. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('sortedValues', () => {
  it('sorts large smooth, skewed and tied samples exactly like the native sort', () => {
    let seed = 12345;
    const u = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const n = 200_000;
    const shapes = {
      uniform: () => u(),
      lognormal: () => Math.exp(6 * (u() + u() + u() - 1.5)),
      ties: () => Math.floor(u() * 50),
      outlier: () => (u() < 0.001 ? 1e12 : u()),
      tiny: () => u() * 1e-300,
    };
    for (const [name, draw] of Object.entries(shapes)) {
      const values = Float64Array.from({ length: n }, draw);
      expect(firstDifference(sortedValues(values), reference(values)), name).toBe(-1);
    }
  });

  it('drops NaN and ±∞ and handles empty, constant and extreme-range input', () => {
    expect(Array.from(sortedValues(Float64Array.from([3, Number.NaN, -1, Number.POSITIVE_INFINITY, 2, Number.NEGATIVE_INFINITY])))).toEqual([-1, 2, 3]);
    expect(sortedValues(new Float64Array(0))).toHaveLength(0);
    expect(Array.from(sortedValues(new Float64Array(100).fill(4)))).toEqual(Array(100).fill(4));
    expect(Array.from(sortedValues(Float64Array.from([1e308, -1e308, 0, ...Array(40).fill(5)])))).toEqual([-1e308, 0, ...Array(40).fill(5), 1e308]);
  });

  it('agrees with the native sort on arbitrary doubles (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 400 }), (xs) => {
        const values = Float64Array.from(xs);
        const got = Array.from(sortedValues(values));
        const want = Array.from(reference(values));
        // −0 and 0 may come out in either order
        expect(got.map((x) => x + 0)).toEqual(want.map((x) => x + 0));
      }),
      { numRuns: 300 },
    );
  });
});
