// Ensemble prediction on hand-built trees: both split rules at the exact threshold, missing routing,
// sum vs mean aggregation, the links, and the JSON round trip.

import { describe, expect, it } from 'vitest';
import { ensembleFromJson, ensembleToJson } from '../../../../../electron/ml/tree/json.js';
import { applyLink, ensembleMargin, ensemblePredict, findLeaf } from '../../../../../electron/ml/tree/predict.js';
import type { Tree, TreeEnsemble } from '../../../../../electron/ml/tree/types.js';
import { matrix } from './fixtures.js';

/** A stump on feature f: x <= t (or < t) goes to leaf 1 with value a, else leaf 2 with value b. */
function stump(f: number, t: number, a: number[], b: number[], missingLeft: boolean): Tree {
  const V = a.length;
  return {
    feature: Int32Array.of(f, -1, -1),
    threshold: Float64Array.of(t, 0, 0),
    left: Int32Array.of(1, -1, -1),
    right: Int32Array.of(2, -1, -1),
    missingLeft: Uint8Array.of(missingLeft ? 1 : 0, 0, 0),
    cover: Float64Array.of(2, 1, 1),
    value: Float64Array.from([...a.map((v, k) => (v + b[k]) / 2), ...a, ...b]),
    nValues: V,
  };
}

function ensemble(trees: Tree[], over: Partial<TreeEnsemble> = {}): TreeEnsemble {
  return {
    trees,
    treeOutput: new Int32Array(trees.length),
    nOutputs: 1,
    baseMargin: new Float64Array(1),
    splitRule: 'le',
    aggregation: 'sum',
    link: 'identity',
    nFeatures: 2,
    ...over,
  };
}

describe('ensembleMargin', () => {
  const X = matrix([
    [0.5, 1, 1.5, NaN, 0.1],
    [0, 0, 0, 0, 0],
  ]);

  it("'le' sends x == threshold left; 'lt_f32' sends it right; NaN follows missingLeft", () => {
    const le = ensembleMargin(ensemble([stump(0, 1, [10], [20], true)]), X);
    expect(Array.from(le)).toEqual([10, 10, 20, 10, 10]);
    const lt = ensembleMargin(ensemble([stump(0, 1, [10], [20], false)], { splitRule: 'lt_f32' }), X);
    expect(Array.from(lt)).toEqual([10, 20, 20, 20, 10]);
  });

  it("'lt_f32' compares the float32 value of x (XGBoost): 0.1 rounds up to just above float32(0.1)", () => {
    const t = Math.fround(0.1);
    // x = 0.1 as a double is below float32(0.1), but fround(x) == t, so x is not < t and goes right
    const tree = stump(0, t, [1], [2], false);
    expect(ensembleMargin(ensemble([tree], { splitRule: 'lt_f32' }), X)[4]).toBe(2);
    expect(ensembleMargin(ensemble([tree], { splitRule: 'le' }), X)[4]).toBe(1);
  });

  it('sums trees into their output column, adds the base margin, or averages for forests', () => {
    const trees = [stump(0, 1, [1], [2], true), stump(0, 1, [10], [20], true), stump(0, 0.7, [100], [200], true)];
    const sum = ensembleMargin(ensemble(trees, { nOutputs: 2, treeOutput: Int32Array.of(0, 1, 1), baseMargin: Float64Array.of(0.5, -1) }), X);
    // rows 0 (x=0.5) and 2 (x=1.5)
    expect([sum[0], sum[1]]).toEqual([1.5, 10 + 100 - 1]);
    expect([sum[4], sum[5]]).toEqual([2.5, 20 + 200 - 1]);
    const mean = ensembleMargin(ensemble(trees.slice(0, 2), { aggregation: 'mean' }), X);
    expect(mean[0]).toBe(5.5);
    expect(mean[2]).toBe(11);
  });

  it('adds vector leaves (class shares) and averages them', () => {
    const trees = [stump(0, 1, [1, 0], [0.25, 0.75], true), stump(0, 0.7, [0, 1], [0.5, 0.5], true)];
    const m = ensembleMargin(ensemble(trees, { nOutputs: 2, baseMargin: new Float64Array(2), aggregation: 'mean' }), X);
    expect(Array.from(m.subarray(0, 2))).toEqual([0.5, 0.5]);
    expect(Array.from(m.subarray(2, 4))).toEqual([0.75, 0.25]);
  });

  it('findLeaf walks to the same leaf as prediction', () => {
    const tree = stump(0, 1, [1], [2], false);
    expect([0, 1, 2, 3].map((i) => findLeaf(tree, X.columns, i, 'le'))).toEqual([1, 1, 2, 2]);
  });

  it('refuses data with fewer features than the model', () => {
    expect(() => ensembleMargin(ensemble([stump(1, 0, [1], [2], true)], { nFeatures: 3 }), X)).toThrow(/3 features/);
  });
});

describe('links', () => {
  it('logistic and softmax', () => {
    const q = applyLink(Float64Array.of(0, Math.log(3), -800), 1, 'logistic');
    expect(q[0]).toBe(0.5);
    expect(q[1]).toBeCloseTo(0.75, 15);
    expect(q[2]).toBeGreaterThanOrEqual(0);
    const p = applyLink(Float64Array.of(0, Math.log(2), Math.log(5), 1000, 1000, 0), 3, 'softmax');
    expect(p[0]).toBeCloseTo(1 / 8, 15);
    expect(p[1]).toBeCloseTo(2 / 8, 15);
    expect(p[2]).toBeCloseTo(5 / 8, 15);
    expect(Array.from(p.subarray(3))).toEqual([0.5, 0.5, expect.closeTo(0, 300)]);
    const e = ensemble([stump(0, 1, [Math.log(3)], [0], true)], { link: 'logistic' });
    expect(ensemblePredict(e, matrix([[0], [0]]))[0]).toBeCloseTo(0.75, 15);
  });
});

describe('ensembleToJson / ensembleFromJson', () => {
  it('round-trips through JSON text exactly, including an infinite threshold', () => {
    const tree = stump(0, Infinity, [0.1 + 0.2], [-1e-300], false);
    const e = ensemble([tree, stump(1, -0.3, [1 / 3], [2 / 3], true)], { treeOutput: Int32Array.of(0, 0), baseMargin: Float64Array.of(-0.7) });
    const back = ensembleFromJson(JSON.parse(JSON.stringify(ensembleToJson(e))));
    expect(back).toEqual(e);
    expect(back.trees[0].threshold).toBeInstanceOf(Float64Array);
    expect(back.trees[0].threshold[0]).toBe(Infinity);
  });
});
