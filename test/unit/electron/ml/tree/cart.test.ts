// Exact CART: hand-checkable trees, brute-force best splits for gini / entropy / squared error,
// learned missing-value directions, stopping rules, determinism and the JSON round trip.

import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../../shared/errors.js';
import { Random } from '../../../../../electron/ml/random.js';
import * as cart from '../../../../../electron/ml/tree/cart.js';
import { modelFromJson, modelToJson } from '../../../../../electron/ml/tree/model.js';
import type { Tree } from '../../../../../electron/ml/tree/types.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { classes, matrix, values } from './fixtures.js';

const leaves = (t: Tree) => Array.from(t.feature.keys()).filter((i) => t.feature[i] < 0);
const depthOf = (t: Tree): number => {
  const d = (i: number): number => (t.feature[i] < 0 ? 0 : 1 + Math.max(d(t.left[i]), d(t.right[i])));
  return d(0);
};

function randomData(n: number, p: number, K: number, seed: number): { X: FeatureMatrix; y: Target } {
  const r = new Random(seed);
  // few distinct values so that thresholds and ties both occur
  const cols = Array.from({ length: p }, () => Array.from({ length: n }, () => r.int(12) / 4));
  const y = cols[0].map((v, i) => (v + cols[1][i] + r.int(3) > 3 ? 1 : 0) + (K > 2 && r.uniform() < 0.3 ? 1 : 0));
  return { X: matrix(cols), y: classes(y, K) };
}

/** Smallest weighted child impurity over every (feature, midpoint) split, by definition. */
function bruteForceBest(X: FeatureMatrix, y: number[], impurity: (ys: number[]) => number, minLeaf = 1): number {
  let best = Infinity;
  for (const col of X.columns) {
    const distinct = [...new Set(col)].sort((a, b) => a - b);
    for (let j = 0; j + 1 < distinct.length; j++) {
      const t = (distinct[j] + distinct[j + 1]) / 2;
      const l = y.filter((_, i) => col[i] <= t);
      const r = y.filter((_, i) => col[i] > t);
      if (l.length < minLeaf || r.length < minLeaf) continue;
      best = Math.min(best, (l.length * impurity(l) + r.length * impurity(r)) / y.length);
    }
  }
  return best;
}

const shares = (ys: number[]) => {
  const c = new Map<number, number>();
  for (const v of ys) c.set(v, (c.get(v) ?? 0) + 1);
  return [...c.values()].map((k) => k / ys.length);
};
const gini = (ys: number[]) => 1 - shares(ys).reduce((a, p) => a + p * p, 0);
const entropy = (ys: number[]) => -shares(ys).reduce((a, p) => a + p * Math.log2(p), 0);
const mse = (ys: number[]) => {
  const m = ys.reduce((a, b) => a + b, 0) / ys.length;
  return ys.reduce((a, b) => a + (b - m) ** 2, 0) / ys.length;
};

/** Weighted impurity of the root's two children in our tree, from the rows that reach them. */
function rootChildrenImpurity(tree: Tree, X: FeatureMatrix, y: number[], impurity: (ys: number[]) => number): number {
  const col = X.columns[tree.feature[0]];
  const l = y.filter((_, i) => col[i] <= tree.threshold[0]);
  const r = y.filter((_, i) => col[i] > tree.threshold[0]);
  return (l.length * impurity(l) + r.length * impurity(r)) / y.length;
}

describe('decision tree (CART)', () => {
  it('learns XOR on four points: two levels, thresholds at 0.5, pure leaves', () => {
    const X = matrix([
      [0, 0, 1, 1],
      [0, 1, 0, 1],
    ]);
    const y = classes([0, 1, 1, 0]);
    const model = cart.fitDecisionTree(X, y, {}, { seed: 3 });
    const tree = model.ensemble.trees[0];
    expect(depthOf(tree)).toBe(2);
    expect(leaves(tree).length).toBe(4);
    for (let i = 0; i < tree.feature.length; i++) if (tree.feature[i] >= 0) expect(tree.threshold[i]).toBe(0.5);
    expect(Array.from(cart.predict(model, X))).toEqual([0, 1, 1, 0]);
    expect(Array.from(cart.predictProba(model, X))).toEqual([1, 0, 0, 1, 0, 1, 1, 0]);
  });

  it('finds a 1-D step exactly, with the threshold at the midpoint between neighbours', () => {
    const xs = [0.3, 2.2, 0.9, 1.7, 1.25, 0.05, 1.95];
    const model = cart.fitDecisionTree(matrix([xs]), classes(xs.map((x) => (x > 1.4 ? 1 : 0))), {}, { seed: 0 });
    const tree = model.ensemble.trees[0];
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe((1.25 + 1.7) / 2);
    expect(leaves(tree).length).toBe(2);
    // regression: leaf values are the means of each side
    const ys = xs.map((x) => (x > 1 ? 8 : 3) + (x === 0.05 ? 1 : 0));
    const reg = cart.fitDecisionTree(matrix([xs]), values(ys), { max_depth: 1 }, { seed: 0 });
    const rt = reg.ensemble.trees[0];
    expect(rt.threshold[0]).toBe((0.9 + 1.25) / 2);
    expect(rt.value[rt.left[0]]).toBeCloseTo(10 / 3, 12);
    expect(rt.value[rt.right[0]]).toBe(8);
    expect(rt.cover[0]).toBe(7);
  });

  it.each([
    ['gini', gini],
    ['entropy', entropy],
  ] as const)('root split minimizes the weighted %s impurity (brute force over all splits)', (criterion, impurity) => {
    for (let seed = 0; seed < 12; seed++) {
      const { X, y } = randomData(40, 3, seed % 2 ? 3 : 2, seed);
      const codes = Array.from((y as Target & { task: 'classification' }).codes);
      const tree = cart.fitDecisionTree(X, y, { criterion, max_depth: 1 }, { seed }).ensemble.trees[0];
      if (tree.feature[0] < 0) continue;
      expect(rootChildrenImpurity(tree, X, codes, impurity)).toBeCloseTo(bruteForceBest(X, codes, impurity), 12);
    }
  });

  it('root split minimizes the squared error, also under min_samples_leaf', () => {
    for (let seed = 0; seed < 8; seed++) {
      const r = new Random(100 + seed);
      const cols = Array.from({ length: 3 }, () => Array.from({ length: 30 }, () => Math.round(r.normal() * 5) / 2));
      const ys = cols[0].map((v, i) => v * v - cols[2][i] + r.normal());
      const X = matrix(cols);
      const tree = cart.fitDecisionTree(X, values(ys), { max_depth: 1, min_samples_leaf: 5 }, { seed }).ensemble.trees[0];
      expect(rootChildrenImpurity(tree, X, ys, mse)).toBeCloseTo(bruteForceBest(X, ys, mse, 5), 10);
      for (const leaf of leaves(tree)) expect(tree.cover[leaf]).toBeGreaterThanOrEqual(5);
    }
  });

  it('gini and entropy values of the leaves are class shares that sum to 1', () => {
    const { X, y } = randomData(200, 4, 3, 9);
    for (const criterion of ['gini', 'entropy'] as const) {
      const tree = cart.fitDecisionTree(X, y, { criterion, max_depth: 4 }, { seed: 1 }).ensemble.trees[0];
      for (let i = 0; i < tree.feature.length; i++) {
        const v = Array.from(tree.value.subarray(i * 3, i * 3 + 3));
        expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
      expect(depthOf(tree)).toBeLessThanOrEqual(4);
    }
  });

  it('learns where missing values go: with the class they look like', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, NaN, NaN, NaN];
    // missing rows are class 1 like the high values: they must go right
    let model = cart.fitDecisionTree(matrix([x]), classes([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]), {}, { seed: 0 });
    let tree = model.ensemble.trees[0];
    expect(tree.threshold[0]).toBe(4.5);
    expect(tree.missingLeft[0]).toBe(0);
    expect(leaves(tree).length).toBe(2);
    // missing rows are class 0 like the low values: they must go left
    model = cart.fitDecisionTree(matrix([x]), classes([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]), {}, { seed: 0 });
    tree = model.ensemble.trees[0];
    expect(tree.threshold[0]).toBe(4.5);
    expect(tree.missingLeft[0]).toBe(1);
    expect(Array.from(cart.predict(model, matrix([[NaN, 2, 7]])))).toEqual([0, 0, 1]);
  });

  it('splits missing from non-missing when that is all a feature tells (threshold +Infinity)', () => {
    const model = cart.fitDecisionTree(matrix([[1, 1, 1, NaN, NaN]]), values([0, 0, 0, 5, 5]), {}, { seed: 0 });
    const tree = model.ensemble.trees[0];
    expect(tree.threshold[0]).toBe(Infinity);
    expect(tree.missingLeft[0]).toBe(0);
    expect(Array.from(cart.predict(model, matrix([[NaN, 1, 1e300]])))).toEqual([5, 0, 0]);
  });

  it('sends missing values to the larger child when none were seen at a split', () => {
    const tree = cart.fitDecisionTree(matrix([[1, 2, 3, 4, 5]]), classes([0, 1, 1, 1, 1]), {}, { seed: 0 }).ensemble.trees[0];
    expect(tree.threshold[0]).toBe(1.5);
    expect(tree.missingLeft[0]).toBe(0);
  });

  it('obeys max_depth, min_samples_leaf and min_samples_split', () => {
    const { X, y } = randomData(300, 4, 2, 5);
    const t1 = cart.fitDecisionTree(X, y, { max_depth: 3 }, { seed: 0 }).ensemble.trees[0];
    expect(depthOf(t1)).toBeLessThanOrEqual(3);
    const t2 = cart.fitDecisionTree(X, y, { min_samples_leaf: 20 }, { seed: 0 }).ensemble.trees[0];
    for (const leaf of leaves(t2)) expect(t2.cover[leaf]).toBeGreaterThanOrEqual(20);
    const t3 = cart.fitDecisionTree(X, y, { min_samples_split: 50 }, { seed: 0 }).ensemble.trees[0];
    for (let i = 0; i < t3.feature.length; i++) if (t3.feature[i] >= 0) expect(t3.cover[i]).toBeGreaterThanOrEqual(50);
  });

  it('is deterministic per seed; max_features makes seeds matter', () => {
    const { X, y } = randomData(300, 8, 3, 6);
    const json = (seed: number) => JSON.stringify(modelToJson(cart.fitDecisionTree(X, y, { max_features: 'sqrt' }, { seed })));
    expect(json(4)).toBe(json(4));
    expect(json(4)).not.toBe(json(5));
  });

  it('saves and loads: the reloaded model predicts identically', () => {
    const { X, y } = randomData(300, 5, 3, 7);
    const model = cart.fitDecisionTree(X, y, {}, { seed: 0 });
    const back = modelFromJson<cart.DecisionTreeModel>(JSON.parse(JSON.stringify(modelToJson(model))));
    expect(cart.predictProba(back, X)).toEqual(cart.predictProba(model, X));
    expect(back.params).toEqual(model.params);
  });

  it('throws cancelled when cancelled mid-fit, and invalid_input for a wrong criterion', () => {
    const { X, y } = randomData(5000, 3, 2, 8);
    let calls = 0;
    const fitting = () => cart.fitDecisionTree(X, y, {}, { seed: 0, isCancelled: () => ++calls > 1 });
    expect(fitting).toThrow(PlumbError);
    expect(() => fitting()).toThrow(expect.objectContaining({ kind: 'cancelled' }));
    expect(() => cart.fitDecisionTree(X, y, { criterion: 'squared_error' }, { seed: 0 })).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
  });
});
