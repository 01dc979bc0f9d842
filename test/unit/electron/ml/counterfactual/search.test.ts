// Counterfactual search on a known decision rule: the nearest counterfactual equals a brute-force scan, every
// generated one flips the decision and keeps every constraint, predictions come in batches, MAD scales by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distance, madScales } from '../../../../../electron/ml/counterfactual/distance.js';
import { allowed, counterfactualsForRow, rowOf, type Constraints, type PredictClasses } from '../../../../../electron/ml/counterfactual/search.js';
import { Random } from '../../../../../electron/ml/random.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';

// income, debt (numeric), region (categorical: 0 north, 1 south, 2 east); approve (1) when income − 2·debt + (region = 2) > 3
let calls = 0;
const predict: PredictClasses = (X) => {
  calls++;
  return Int32Array.from({ length: X.nRows }, (_, i) => (X.columns[0][i] - 2 * X.columns[1][i] + (X.columns[2][i] === 2 ? 1 : 0) > 3 ? 1 : 0));
};

function background(seed: number, n = 200): FeatureMatrix {
  const rng = new Random(seed);
  return {
    nRows: n,
    columns: [Float64Array.from({ length: n }, () => Math.round(rng.uniform() * 100) / 10), Float64Array.from({ length: n }, () => Math.round(rng.uniform() * 40) / 10), Float64Array.from({ length: n }, () => rng.int(3))],
    names: ['income', 'debt', 'region'],
    levels: [null, null, ['north', 'south', 'east']],
  };
}

const none: Constraints = { immutable: new Set(), ranges: new Map(), directions: new Map() };

describe('counterfactuals', () => {
  it('MAD scales by hand and DiCE distance', () => {
    const X: FeatureMatrix = { nRows: 5, columns: [Float64Array.of(1, 2, 3, 4, 100), Float64Array.of(5, 5, 5, 5, 5), Float64Array.of(0, 1, 0, 1, 2)], names: ['a', 'b', 'c'], levels: [null, null, ['x', 'y', 'z']] };
    // a: median 3, |deviations| 2,1,0,1,97 → MAD 1; b: MAD 0 → 1; c categorical
    expect(madScales(X)).toEqual([1, 1, null]);
    expect(distance([1, 5, 0], [3.5, 7, 2], [2, 1, null])).toBe(1.25 + 2 + 1);
  });

  it('nearest equals brute force; generated ones flip and keep immutable / range / direction constraints', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 199 }), fc.constantFrom<'up' | 'down' | null>('up', 'down', null), fc.boolean(), (seed, r, dir, fixRegion) => {
        const bg = background(seed);
        const bgPred = predict(bg);
        const x = rowOf(bg, r);
        const c: Constraints = {
          immutable: fixRegion ? new Set([2]) : new Set(),
          ranges: new Map([[1, [0, 3] as [number, number]]]),
          directions: dir ? new Map([[0, dir]]) : new Map(),
        };
        const out = counterfactualsForRow(x, bg, bgPred, predict, c, { k: 3, seed: 1 });
        const scales = madScales(bg);
        let best = Infinity;
        for (let i = 0; i < bg.nRows; i++) if (bgPred[i] !== out.prediction) best = Math.min(best, distance(x, rowOf(bg, i), scales));
        if (best === Infinity) expect(out.nearest).toBeNull();
        else expect(out.nearest!.distance).toBe(best);
        expect(out.generated.length).toBeLessThanOrEqual(3);
        for (const g of out.generated) {
          expect(g.valid).toBe(true);
          expect(predict({ ...bg, nRows: 1, columns: Array.from(g.values, (v) => Float64Array.of(v)) })[0]).not.toBe(out.prediction);
          for (let j = 0; j < 3; j++) expect(allowed(c, j, x[j], g.values[j])).toBe(true);
          expect(g.sparsity).toBe(g.changed.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('changes one feature when one suffices, offers different features, and predicts in few batches', () => {
    const bg = background(4);
    const x = Float64Array.of(4, 1, 0); // 4 − 2 = 2 ≤ 3: denied
    calls = 0;
    const out = counterfactualsForRow(x, bg, predict(bg), predict, none, { k: 3, seed: 0 });
    expect(out.prediction).toBe(0);
    expect(out.generated.length).toBe(3);
    expect(out.generated[0].sparsity).toBe(1);
    expect(new Set(out.generated.map((g) => g.changed.join())).size).toBeGreaterThanOrEqual(2);
    // one call for the row, one per search level, one per tightening and one per final check
    expect(calls).toBeLessThan(12);
    // debt cannot go down and income cannot go up: only region can help, and it is not enough → nothing valid
    const stuck: Constraints = { immutable: new Set([2]), ranges: new Map(), directions: new Map([[0, 'down'], [1, 'up']]) };
    expect(counterfactualsForRow(x, bg, predict(bg), predict, stuck, { k: 3, seed: 0 }).generated).toEqual([]);
  });
});
