// Method `exact`: batched coalition values solved by enumeration must equal the unbatched brute force,
// with weighted backgrounds, dummy features, several outputs and local accuracy.

import { describe, expect, it } from 'vitest';
import { coalitionValues, exactShapleyValues, varyingFeatures } from '../../../../../electron/ml/explain/exact-shapley.js';
import { bruteForceShapley, interacting, matrixOf, normalColumns, rowModel } from '../../../../fixtures/ml/explain/models.js';

const rowOf = (columns: Float64Array[], i: number) => Float64Array.from(columns, (c) => c[i]);

describe('exactShapleyValues', () => {
  it('equals the unbatched brute force for every row and output (weighted background)', () => {
    for (const m of [1, 4, 7, 9]) {
      const columns = normalColumns(m + 1, m, 3);
      const background = normalColumns(m + 40, m, 6);
      const weights = Float64Array.of(2, 1, 1, 0, 3, 1);
      const res = exactShapleyValues(rowModel(2, interacting), matrixOf(columns), { columns: background, weights });
      for (let r = 0; r < 3; r++) {
        const fx = interacting(rowOf(columns, r));
        for (let k = 0; k < 2; k++) {
          const oracle = bruteForceShapley(interacting, rowOf(columns, r), background, k, weights);
          expect(res.baseValue[k]).toBeCloseTo(oracle.base, 12);
          let sum = res.baseValue[k];
          for (let j = 0; j < m; j++) {
            const v = res.values[(k * 3 + r) * m + j];
            expect(v).toBeCloseTo(oracle.phi[j], 10);
            sum += v;
          }
          expect(sum).toBeCloseTo(fx[k], 10);
        }
      }
    }
  });

  it('refuses more than 12 features', () => {
    const columns = normalColumns(1, 13, 2);
    expect(() => exactShapleyValues(rowModel(1, (x) => [x[0]]), matrixOf(columns), { columns })).toThrow(/at most 12/);
  });

  it('coalition values: v(∅) = E[f], v(all) = f(x), other features keep the background value', () => {
    const f = (x: Float64Array) => [x[0] + 10 * x[1] + 100 * x[2]];
    const background = { columns: [Float64Array.of(1, 3), Float64Array.of(0, 2), Float64Array.of(5, 5)], weights: Float64Array.of(1, 3) };
    const x = Float64Array.of(7, 8, 9);
    const shares = Float64Array.of(0.25, 0.75);
    // Players are features 0 and 1 only; feature 2 is always from the background.
    const masks = Uint8Array.of(0, 0, 1, 0, 0, 1, 1, 1);
    const v = coalitionValues(rowModel(1, f), matrixOf([x.slice(0, 1), x.slice(1, 2), x.slice(2)]), x, background, shares, [0, 1], masks);
    const e0 = 0.25 * 1 + 0.75 * 3;
    const e1 = 0.25 * 0 + 0.75 * 2;
    expect(Array.from(v)).toEqual([e0 + 10 * e1 + 500, 7 + 10 * e1 + 500, e0 + 80 + 500, 7 + 80 + 500]);
    expect(varyingFeatures(x, background)).toEqual([0, 1, 2]);
    expect(varyingFeatures(Float64Array.of(1, NaN, 5), { columns: [Float64Array.of(1, 1), Float64Array.of(NaN, NaN), Float64Array.of(5, 5)] })).toEqual([]);
  });
});
