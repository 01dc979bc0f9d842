// SHAP interaction values: the enumeration oracle on closed-form games, both algorithms against brute-force Shapley
// interaction indices of the tree-expectation game, rows summing to TreeSHAP's values, base + total = margin, and
// XGBoost's pred_interactions on imported models (fixtures made by test/fixtures/ml/xgb_interactions/generate.py).

import { describe, expect, it } from 'vitest';
import type { TreeEnsemble } from '../../../../../electron/ml/tree/types.js';
import { importXgboostJson } from '../../../../../electron/ml/xgboost/import.js';
import { ensembleMargin } from '../../../../../electron/ml/xgboost/margin.js';
import { treeShap } from '../../../../../electron/ml/explain/tree-shap.js';
import { treeShapInteractions, type TreeShapInteractions } from '../../../../../electron/ml/explain/tree-shap-interactions.js';
import { exactShapleyInteractions, pathDependentGame } from '../../../../../electron/ml/explain/shapley-oracle.js';
import { readInteractionFixtures } from './interaction-fixtures.js';
import { randomColumns, randomEnsemble, rowOf, seededRandom, type RandomEnsembleSpec } from './random-ensemble.js';

const algorithms = ['classic', 'quadrature', 'tables'] as const;
const at = (res: TreeShapInteractions, k: number, r: number, i: number, j: number) =>
  res.values[((k * res.nRows + r) * res.nFeatures + i) * res.nFeatures + j];

/** Largest |row sum − TreeSHAP value| and |base + Σ_ij − margin|, relative to max(1, |truth|). */
function additivityErrors(ensemble: TreeEnsemble, columns: Float64Array[], res: TreeShapInteractions): { rows: number; total: number } {
  const shap = treeShap(ensemble, columns);
  const margin = ensembleMargin(ensemble, columns);
  const m = res.nFeatures;
  let rows = 0;
  let total = 0;
  for (let k = 0; k < res.nOutputs; k++) {
    for (let r = 0; r < res.nRows; r++) {
      let sum = res.baseValue[k];
      for (let i = 0; i < m; i++) {
        let row = 0;
        for (let j = 0; j < m; j++) row += at(res, k, r, i, j);
        const phi = shap.values[(k * res.nRows + r) * m + i];
        rows = Math.max(rows, Math.abs(row - phi) / Math.max(1, Math.abs(phi)));
        sum += row;
      }
      const truth = margin[k * res.nRows + r];
      total = Math.max(total, Math.abs(sum - truth) / Math.max(1, Math.abs(truth)));
    }
  }
  return { rows, total };
}

describe('exactShapleyInteractions (the oracle)', () => {
  it('unanimity game on {0, 1, 2} of 4 players: pairs inside get 1/(2(|T|−1)) = 1/4, main effects −1/6', () => {
    const members = 0b0111;
    const res = exactShapleyInteractions(4, (mask) => ((mask & members) === members ? 1 : 0));
    const expected = [
      [-1 / 6, 1 / 4, 1 / 4, 0],
      [1 / 4, -1 / 6, 1 / 4, 0],
      [1 / 4, 1 / 4, -1 / 6, 0],
      [0, 0, 0, 0],
    ];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(res.interactions[i * 4 + j]).toBeCloseTo(expected[i][j], 12);
  });

  it('additive game: no interactions, the diagonal is each player\'s own term', () => {
    const a = [3, -1, 0.5];
    const res = exactShapleyInteractions(3, (mask) => a.reduce((s, v, j) => s + (mask & (1 << j) ? v : 0), 0));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(res.interactions[i * 3 + j]).toBeCloseTo(i === j ? a[i] : 0, 12);
  });
});

const specs: [string, RandomEnsembleSpec][] = [
  ['boosting, le', { nFeatures: 6, nTrees: 5, maxDepth: 5 }],
  ['boosting, lt_f32 (XGBoost rule)', { nFeatures: 6, nTrees: 5, maxDepth: 5, splitRule: 'lt_f32' }],
  ['GBM multiclass (per-output trees)', { nFeatures: 5, nTrees: 9, maxDepth: 4, nOutputs: 3 }],
  ['forest: vector leaves, mean', { nFeatures: 6, nTrees: 6, maxDepth: 5, nValues: 3, aggregation: 'mean' }],
  ['forest: scalar leaves, mean', { nFeatures: 5, nTrees: 4, maxDepth: 4, aggregation: 'mean' }],
  ['zero-cover branches', { nFeatures: 5, nTrees: 6, maxDepth: 6, zeroCover: 0.3 }],
  ['deep, few features (many repeats)', { nFeatures: 3, nTrees: 3, maxDepth: 12 }],
  ['single deep decision tree', { nFeatures: 7, nTrees: 1, maxDepth: 8 }],
];

describe('treeShapInteractions on random ensembles', () => {
  let worstOracle = 0;
  for (const [label, spec] of specs) {
    it(`${label}: classic = quadrature = brute-force Shapley interaction index; rows sum to φ; total = margin`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const random = seededRandom(seed * 104729 + spec.nFeatures);
        const ensemble = randomEnsemble(random, spec);
        const columns = randomColumns(random, spec.nFeatures, 10);
        const results = algorithms.map((algorithm) => treeShapInteractions(ensemble, columns, undefined, { algorithm }));
        for (const res of results) {
          const errors = additivityErrors(ensemble, columns, res);
          expect(errors.rows).toBeLessThan(1e-9);
          expect(errors.total).toBeLessThan(1e-9);
        }
        const [classic, fast] = results;
        for (const other of results.slice(1)) {
          expect(Array.from(other.baseValue)).toEqual(Array.from(classic.baseValue));
          for (let i = 0; i < other.values.length; i++) expect(Math.abs(other.values[i] - classic.values[i])).toBeLessThan(1e-9);
        }

        const m = spec.nFeatures;
        for (let r = 0; r < 10; r++) {
          for (let k = 0; k < ensemble.nOutputs; k++) {
            const oracle = exactShapleyInteractions(m, pathDependentGame(ensemble, rowOf(columns, r), k));
            for (let i = 0; i < m; i++) {
              for (let j = 0; j < m; j++) {
                const error = Math.abs(at(fast, k, r, i, j) - oracle.interactions[i * m + j]);
                worstOracle = Math.max(worstOracle, error);
                expect(error).toBeLessThan(1e-9);
                expect(at(fast, k, r, i, j)).toBeCloseTo(at(fast, k, r, j, i), 12);
              }
            }
          }
        }
      }
    });
  }

  it('reports the largest error against the oracle', () => {
    console.log(`interactions vs brute-force Shapley interaction index: max abs error ${worstOracle.toExponential(2)}`);
    expect(worstOracle).toBeLessThan(1e-9);
  });

  it('features no tree splits on get an all-zero row and column', () => {
    const random = seededRandom(17);
    const ensemble = randomEnsemble(random, { nFeatures: 7, usedFeatures: 4, nTrees: 8, maxDepth: 6 });
    const columns = randomColumns(random, 7, 20);
    const res = treeShapInteractions(ensemble, columns);
    for (let r = 0; r < 20; r++) for (let i = 4; i < 7; i++) for (let j = 0; j < 7; j++) {
      expect(at(res, 0, r, i, j)).toBe(0);
      expect(at(res, 0, r, j, i)).toBe(0);
    }
  });

  it('explains the rows given, in order, reports progress and stops when cancelled', () => {
    const random = seededRandom(5);
    const ensemble = randomEnsemble(random, { nFeatures: 4, nTrees: 4, maxDepth: 4 });
    const columns = randomColumns(random, 4, 30);
    // 'auto' may pick another exact kernel for 3 rows than for 30, so compare each kernel with itself
    for (const algorithm of algorithms) {
      const all = treeShapInteractions(ensemble, columns, undefined, { algorithm });
      const progress: number[] = [];
      const some = treeShapInteractions(ensemble, columns, [9, 2, 9], { algorithm }, { onProgress: (f) => progress.push(f) });
      [9, 2, 9].forEach((row, r) => {
        for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(at(some, 0, r, i, j)).toBe(at(all, 0, row, i, j));
      });
      expect(progress.at(-1)).toBe(1);
    }
    expect(() => treeShapInteractions(ensemble, columns, undefined, {}, { isCancelled: () => true })).toThrow(/cancel/i);
  });
});

describe('treeShapInteractions against XGBoost pred_interactions', () => {
  for (const fixture of readInteractionFixtures()) {
    for (const algorithm of algorithms) {
      it(`${fixture.name}, ${algorithm}: ≤ 1e-5 relative to the largest value; bias = base value`, () => {
        const { ensemble } = importXgboostJson(fixture.json);
        const res = treeShapInteractions(ensemble, fixture.columns, undefined, { algorithm });
        const m = ensemble.nFeatures;
        expect(fixture.nFeatures).toBe(m);
        let largest = 0;
        for (const v of fixture.interactions) largest = Math.max(largest, Math.abs(v));
        let worst = 0;
        const stride = (m + 1) * (m + 1);
        for (let r = 0; r < fixture.nRows; r++) {
          for (let k = 0; k < res.nOutputs; k++) {
            const ref = (r * res.nOutputs + k) * stride;
            for (let i = 0; i < m; i++) {
              for (let j = 0; j < m; j++) worst = Math.max(worst, Math.abs(at(res, k, r, i, j) - fixture.interactions[ref + i * (m + 1) + j]));
            }
            const bias = fixture.interactions[ref + m * (m + 1) + m];
            expect(Math.abs(res.baseValue[k] - bias)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(bias)));
          }
        }
        console.log(`${fixture.name} ${algorithm}: max |ours − xgboost| / max |xgboost| = ${(worst / largest).toExponential(2)}`);
        expect(worst / largest).toBeLessThanOrEqual(1e-5);
        const errors = additivityErrors(ensemble, fixture.columns, res);
        expect(errors.rows).toBeLessThan(1e-9);
        expect(errors.total).toBeLessThan(1e-9);
      });
    }
  }
});
