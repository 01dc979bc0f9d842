// The brute-force Shapley oracle itself, on games with closed-form values, and its two tree games on a
// hand-computed tree.

import { describe, expect, it } from 'vitest';
import type { TreeEnsemble } from '../../../../../electron/ml/tree/types.js';
import { exactShapley, interventionalGame, pathDependentGame } from '../../../../../electron/ml/explain/shapley-oracle.js';
import { seededRandom } from './random-ensemble.js';

describe('exactShapley', () => {
  it('additive game: each player gets its own term', () => {
    const a = [3, -1, 0.5, 2, 7];
    const res = exactShapley(5, (mask) => 10 + a.reduce((s, v, j) => s + (mask & (1 << j) ? v : 0), 0));
    expect(res.base).toBe(10);
    a.forEach((v, j) => expect(res.phi[j]).toBeCloseTo(v, 12));
  });

  it('unanimity game on T: 1/|T| to members of T, 0 to the rest', () => {
    const members = 0b0101101; // players 0, 2, 3, 5
    const res = exactShapley(7, (mask) => ((mask & members) === members ? 1 : 0));
    expect(Array.from(res.phi).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.25, 0, 0.25, 0.25, 0, 0.25, 0]);
  });

  it('glove game with 1 left and 2 right gloves: (2/3, 1/6, 1/6)', () => {
    const res = exactShapley(3, (mask) => Math.min(mask & 1, ((mask >> 1) & 1) + ((mask >> 2) & 1)));
    expect(res.phi[0]).toBeCloseTo(2 / 3, 12);
    expect(res.phi[1]).toBeCloseTo(1 / 6, 12);
    expect(res.phi[2]).toBeCloseTo(1 / 6, 12);
  });

  it('random game: values add up to v(all) − v(∅)', () => {
    const random = seededRandom(4);
    const table = Float64Array.from({ length: 1 << 9 }, () => random());
    const res = exactShapley(9, (mask) => table[mask]);
    expect(res.phi.reduce((s, v) => s + v, 0)).toBeCloseTo(table[511] - table[0], 12);
  });

  it('refuses more than 12 players', () => {
    expect(() => exactShapley(13, () => 0)).toThrow(/0\.\.12 players/);
  });
});

describe('tree games on a hand-computed tree', () => {
  // root: x0 <= 0 ? (x1 <= 0 ? 1 : 3) : 5, covers 10 → 6 (→ 2, 4) and 4.
  const ensemble: TreeEnsemble = {
    trees: [
      {
        feature: Int32Array.of(0, 1, -1, -1, -1),
        threshold: Float64Array.of(0, 0, 0, 0, 0),
        left: Int32Array.of(1, 2, -1, -1, -1),
        right: Int32Array.of(4, 3, -1, -1, -1),
        missingLeft: Uint8Array.of(1, 0, 0, 0, 0),
        cover: Float64Array.of(10, 6, 2, 4, 4),
        value: Float64Array.of(0, 0, 1, 3, 5),
        nValues: 1,
      },
    ],
    treeOutput: Int32Array.of(0),
    nOutputs: 1,
    baseMargin: Float64Array.of(0),
    splitRule: 'le',
    aggregation: 'sum',
    link: 'identity',
    nFeatures: 2,
  };

  it('path-dependent game follows covers for absent features', () => {
    const v = pathDependentGame(ensemble, [-1, 1], 0);
    expect(v(0b00)).toBeCloseTo(0.6 * (1 / 3 + (2 / 3) * 3) + 0.4 * 5, 12); // 3.4
    expect(v(0b01)).toBeCloseTo(1 / 3 + (2 / 3) * 3, 12); // x0 known: left
    expect(v(0b10)).toBeCloseTo(0.6 * 3 + 0.4 * 5, 12); // x1 known: 3 on the left
    expect(v(0b11)).toBe(3);
    // Missing x0 goes left by default.
    expect(pathDependentGame(ensemble, [Number.NaN, -1], 0)(0b11)).toBe(1);
  });

  it('interventional game averages f(x_S, b_rest) over the background', () => {
    const v = interventionalGame(ensemble, [-1, 1], [[1, -1], [-1, -1]], 0);
    expect(v(0b00)).toBeCloseTo((5 + 1) / 2, 12);
    expect(v(0b01)).toBeCloseTo((1 + 1) / 2, 12);
    expect(v(0b10)).toBeCloseTo((5 + 3) / 2, 12);
    expect(v(0b11)).toBe(3);
  });
});
