// Path-dependent TreeSHAP: XGBoost's pred_contribs, local accuracy on random ensembles, brute-force Shapley
// values of the tree-expectation game, and agreement of the two exact algorithms.

import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../../shared/errors.js';
import type { TreeEnsemble } from '../../../../../electron/ml/tree/types.js';
import { importXgboostJson } from '../../../../../electron/ml/xgboost/import.js';
import { ensembleMargin } from '../../../../../electron/ml/xgboost/margin.js';
import { treeShap, type TreeShapResult } from '../../../../../electron/ml/explain/tree-shap.js';
import { gaussLegendre01 } from '../../../../../electron/ml/explain/tree-shap-quadrature.js';
import { exactShapley, pathDependentGame } from '../../../../../electron/ml/explain/shapley-oracle.js';
import { fixtureNames, loadXgbFixture } from '../xgboost/fixture-files.js';
import { randomColumns, randomEnsemble, rowOf, seededRandom, type RandomEnsembleSpec } from './random-ensemble.js';

const algorithms = ['classic', 'quadrature', 'tables'] as const;
const at = (res: TreeShapResult, k: number, r: number, j: number) => res.values[(k * res.nRows + r) * res.nFeatures + j];

function expectLocalAccuracy(ensemble: TreeEnsemble, columns: Float64Array[], res: TreeShapResult, rel: number): void {
  const margin = ensembleMargin(ensemble, columns);
  for (let k = 0; k < res.nOutputs; k++) {
    for (let r = 0; r < res.nRows; r++) {
      let sum = res.baseValue[k];
      for (let j = 0; j < res.nFeatures; j++) sum += at(res, k, r, j);
      const truth = margin[k * res.nRows + r];
      expect(Math.abs(sum - truth)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(truth)));
    }
  }
}

describe('treeShap on XGBoost 1.7.4 reference models (pred_contribs)', () => {
  for (const name of fixtureNames) {
    for (const algorithm of algorithms) {
      it(`${name}, ${algorithm}: values and bias match contribs*.csv`, () => {
        const fixture = loadXgbFixture(name);
        const { ensemble } = importXgboostJson(fixture.json);
        const res = treeShap(ensemble, fixture.columns, undefined, { algorithm });
        const m = ensemble.nFeatures;
        let worst = 0;
        for (let k = 0; k < ensemble.nOutputs; k++) {
          for (let r = 0; r < fixture.nRows; r++) {
            const ref = fixture.contribs[k][r];
            // XGBoost computes in float32: 1e-5 absolute, relative for values beyond 1 (regression reaches 250).
            for (let j = 0; j < m; j++) worst = Math.max(worst, Math.abs(at(res, k, r, j) - ref[j]) / Math.max(1, Math.abs(ref[j])));
            expect(Math.abs(res.baseValue[k] - ref[m])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref[m])));
          }
        }
        expect(worst).toBeLessThanOrEqual(1e-5);
        expectLocalAccuracy(ensemble, fixture.columns, res, 1e-9);
      });
    }
  }

  it('explains a subset of rows in the order given', () => {
    const fixture = loadXgbFixture('xgb_multiclass');
    const { ensemble } = importXgboostJson(fixture.json);
    // 'auto' may pick another exact kernel for 3 rows than for all of them, so compare each kernel with itself
    for (const algorithm of algorithms) {
      const all = treeShap(ensemble, fixture.columns, undefined, { algorithm });
      const some = treeShap(ensemble, fixture.columns, [7, 3, 7], { algorithm });
      expect(some.nRows).toBe(3);
      [7, 3, 7].forEach((row, i) => {
        for (let k = 0; k < 3; k++) for (let j = 0; j < ensemble.nFeatures; j++) expect(at(some, k, i, j)).toBe(at(all, k, row, j));
      });
    }
  });

  it("with 'auto' and the total planned, shares of the rows give exactly the values of all rows at once", () => {
    const fixture = loadXgbFixture('xgb_multiclass');
    const { ensemble } = importXgboostJson(fixture.json);
    const n = fixture.columns[0].length;
    const all = treeShap(ensemble, fixture.columns, undefined, { threads: 1 });
    const cut = Math.floor(n / 3);
    const shares = [Array.from({ length: cut }, (_, i) => i), Array.from({ length: n - cut }, (_, i) => cut + i)];
    const parts = shares.map((rows) => treeShap(ensemble, fixture.columns, rows, { threads: 1, plannedRows: n }));
    shares.forEach((rows, s) =>
      rows.forEach((row, i) => {
        for (let k = 0; k < ensemble.nOutputs; k++) for (let j = 0; j < ensemble.nFeatures; j++) expect(at(parts[s], k, i, j)).toBe(at(all, k, row, j));
      }),
    );
  });
});

const specs: [string, RandomEnsembleSpec][] = [
  ['sum, le', { nFeatures: 6, nTrees: 5, maxDepth: 5 }],
  ['sum, lt_f32', { nFeatures: 6, nTrees: 5, maxDepth: 5, splitRule: 'lt_f32' }],
  ['GBM multiclass (per-output trees)', { nFeatures: 5, nTrees: 9, maxDepth: 4, nOutputs: 3 }],
  ['forest: vector leaves, mean', { nFeatures: 6, nTrees: 6, maxDepth: 5, nValues: 3, aggregation: 'mean' }],
  ['forest: scalar leaves, mean, lt_f32', { nFeatures: 5, nTrees: 4, maxDepth: 4, aggregation: 'mean', splitRule: 'lt_f32' }],
  ['zero-cover branches', { nFeatures: 5, nTrees: 6, maxDepth: 6, zeroCover: 0.3 }],
  ['deep, few features (many repeats)', { nFeatures: 3, nTrees: 3, maxDepth: 12 }],
];

describe('treeShap on random ensembles', () => {
  for (const [label, spec] of specs) {
    it(`${label}: local accuracy, classic = quadrature, and equal to brute-force Shapley values`, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const random = seededRandom(seed * 7919 + spec.nFeatures);
        const ensemble = randomEnsemble(random, spec);
        const columns = randomColumns(random, spec.nFeatures, 12);
        const classic = treeShap(ensemble, columns, undefined, { algorithm: 'classic' });
        const fast = treeShap(ensemble, columns);
        expectLocalAccuracy(ensemble, columns, classic, 1e-9);
        for (const other of [fast, treeShap(ensemble, columns, undefined, { algorithm: 'tables' })]) {
          expectLocalAccuracy(ensemble, columns, other, 1e-9);
          expect(Array.from(other.baseValue)).toEqual(Array.from(classic.baseValue));
          for (let i = 0; i < other.values.length; i++) expect(Math.abs(other.values[i] - classic.values[i])).toBeLessThan(1e-9);
        }

        for (let r = 0; r < 12; r++) {
          const x = rowOf(columns, r);
          for (let k = 0; k < ensemble.nOutputs; k++) {
            const oracle = exactShapley(spec.nFeatures, pathDependentGame(ensemble, x, k));
            expect(Math.abs(oracle.base - fast.baseValue[k])).toBeLessThan(1e-9);
            for (let j = 0; j < spec.nFeatures; j++) expect(Math.abs(at(fast, k, r, j) - oracle.phi[j])).toBeLessThan(1e-9);
          }
        }
      }
    });
  }

  it('a 60-deep one-sided tree (large quadrature rule): classic = quadrature and local accuracy', () => {
    const random = seededRandom(21);
    const depth = 60;
    const n = 2 * depth + 1;
    const tree = {
      feature: new Int32Array(n).fill(-1),
      threshold: new Float64Array(n),
      left: new Int32Array(n).fill(-1),
      right: new Int32Array(n).fill(-1),
      missingLeft: new Uint8Array(n),
      cover: new Float64Array(n),
      value: new Float64Array(n),
      nValues: 1,
    };
    let cover = 1000;
    for (let d = 0; d < depth; d++) {
      const id = 2 * d;
      tree.feature[id] = Math.floor(random() * 25);
      tree.threshold[id] = random() * 2 - 1;
      tree.missingLeft[id] = random() < 0.5 ? 1 : 0;
      tree.left[id] = id + 1;
      tree.right[id] = id + 2;
      tree.cover[id] = cover;
      tree.cover[id + 1] = cover * 0.3;
      tree.value[id + 1] = random() * 2 - 1;
      cover *= 0.7;
    }
    tree.cover[n - 1] = cover;
    tree.value[n - 1] = 5;
    const ensemble: TreeEnsemble = { trees: [tree], treeOutput: Int32Array.of(0), nOutputs: 1, baseMargin: Float64Array.of(0), splitRule: 'le', aggregation: 'sum', link: 'identity', nFeatures: 25 };
    const columns = randomColumns(random, 25, 40, 0.05);
    const classic = treeShap(ensemble, columns, undefined, { algorithm: 'classic' });
    const fast = treeShap(ensemble, columns);
    expectLocalAccuracy(ensemble, columns, classic, 1e-12);
    expectLocalAccuracy(ensemble, columns, fast, 1e-12);
    for (let i = 0; i < fast.values.length; i++) expect(Math.abs(fast.values[i] - classic.values[i])).toBeLessThan(1e-12);

    // too deep for a leaf table: with tables asked for, this tree falls back to quadrature while shallow ones use theirs
    const shallow = randomEnsemble(random, { nFeatures: 25, nTrees: 3, maxDepth: 5 });
    const mixed: TreeEnsemble = { ...ensemble, trees: [...shallow.trees, tree], treeOutput: new Int32Array(4) };
    const mixedClassic = treeShap(mixed, columns, undefined, { algorithm: 'classic' });
    const mixedTables = treeShap(mixed, columns, undefined, { algorithm: 'tables' });
    expectLocalAccuracy(mixed, columns, mixedTables, 1e-12);
    for (let i = 0; i < mixedTables.values.length; i++) expect(Math.abs(mixedTables.values[i] - mixedClassic.values[i])).toBeLessThan(1e-12);
  });

  it('gives exactly zero to features no tree splits on', () => {
    const random = seededRandom(99);
    const ensemble = randomEnsemble(random, { nFeatures: 7, usedFeatures: 4, nTrees: 8, maxDepth: 6 });
    const columns = randomColumns(random, 7, 30);
    for (const algorithm of algorithms) {
      const res = treeShap(ensemble, columns, undefined, { algorithm });
      for (let r = 0; r < 30; r++) for (let j = 4; j < 7; j++) expect(at(res, 0, r, j)).toBe(0);
    }
  });

  it('handles a tree that is a single leaf (it only moves the base value)', () => {
    const random = seededRandom(5);
    const ensemble = randomEnsemble(random, { nFeatures: 3, nTrees: 2, maxDepth: 3 });
    const leaf = { feature: Int32Array.of(-1), threshold: Float64Array.of(0), left: Int32Array.of(-1), right: Int32Array.of(-1), missingLeft: Uint8Array.of(0), cover: Float64Array.of(5), value: Float64Array.of(3.25), nValues: 1 };
    const withLeaf: TreeEnsemble = { ...ensemble, trees: [...ensemble.trees, leaf], treeOutput: Int32Array.of(0, 0, 0) };
    const columns = randomColumns(random, 3, 5);
    const before = treeShap(ensemble, columns);
    const after = treeShap(withLeaf, columns);
    expect(after.baseValue[0]).toBeCloseTo(before.baseValue[0] + 3.25, 12);
    expect(Array.from(after.values)).toEqual(Array.from(before.values));
  });
});

describe('hand-checked values', () => {
  it('a stump: φ = leaf reached − cover-weighted mean', () => {
    const ensemble: TreeEnsemble = {
      trees: [{ feature: Int32Array.of(0, -1, -1), threshold: Float64Array.of(1, 0, 0), left: Int32Array.of(1, -1, -1), right: Int32Array.of(2, -1, -1), missingLeft: Uint8Array.of(0, 0, 0), cover: Float64Array.of(4, 3, 1), value: Float64Array.of(0, 2, 6), nValues: 1 }],
      treeOutput: Int32Array.of(0),
      nOutputs: 1,
      baseMargin: Float64Array.of(0.5),
      splitRule: 'le',
      aggregation: 'sum',
      link: 'identity',
      nFeatures: 2,
    };
    for (const algorithm of algorithms) {
      const res = treeShap(ensemble, [Float64Array.of(1, 1.5, NaN), Float64Array.of(0, 0, 0)], undefined, { algorithm });
      expect(res.baseValue[0]).toBeCloseTo(0.5 + (3 * 2 + 6) / 4, 14); // 3.5
      expect(Array.from(res.values)).toEqual([2 - 3, 0, 6 - 3, 0, 6 - 3, 0]); // x = 1 goes left (<=), NaN right
    }
  });

  it('Gauss-Legendre rules integrate polynomials of degree 2n-1 exactly on [0, 1]', () => {
    for (let n = 1; n <= 40; n++) {
      const { nodes, weights } = gaussLegendre01(n);
      for (let d = 0; d <= 2 * n - 1; d++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += weights[i] * nodes[i] ** d;
        expect(Math.abs(sum - 1 / (d + 1))).toBeLessThan(1e-13 / (d + 1));
      }
    }
  });
});

describe('treeShap input checks', () => {
  it('refuses too few columns and bad row indices', () => {
    const random = seededRandom(3);
    const ensemble = randomEnsemble(random, { nFeatures: 4, nTrees: 2, maxDepth: 3 });
    const columns = randomColumns(random, 4, 5);
    expect(() => treeShap(ensemble, columns.slice(0, 3))).toThrow(PlumbError);
    expect(() => treeShap(ensemble, columns, [5])).toThrow(/row index 5/);
  });
});
