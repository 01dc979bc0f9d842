// Interventional TreeSHAP against brute-force Shapley values of v(S) = mean_b f(x_S, b_rest).

import { describe, expect, it } from 'vitest';
import type { TreeEnsemble } from '../../../../../electron/ml/tree/types.js';
import { importXgboostJson } from '../../../../../electron/ml/xgboost/import.js';
import { ensembleMargin } from '../../../../../electron/ml/xgboost/margin.js';
import { interventionalTreeShap } from '../../../../../electron/ml/explain/tree-shap-interventional.js';
import type { TreeShapResult } from '../../../../../electron/ml/explain/tree-shap.js';
import { exactShapley, interventionalGame } from '../../../../../electron/ml/explain/shapley-oracle.js';
import { loadXgbFixture } from '../xgboost/fixture-files.js';
import { randomColumns, randomEnsemble, rowOf, seededRandom } from './random-ensemble.js';

const at = (res: TreeShapResult, k: number, r: number, j: number) => res.values[(k * res.nRows + r) * res.nFeatures + j];
const slice = (columns: Float64Array[], from: number, to: number) => columns.map((c) => c.slice(from, to));

function expectOracle(ensemble: TreeEnsemble, columns: Float64Array[], background: Float64Array[], res: TreeShapResult, weights?: number[]) {
  const nBackground = background[0].length;
  const backgroundRows = Array.from({ length: nBackground }, (_, i) => rowOf(background, i));
  for (let r = 0; r < res.nRows; r++) {
    const x = rowOf(columns, r);
    for (let k = 0; k < ensemble.nOutputs; k++) {
      const oracle = exactShapley(ensemble.nFeatures, interventionalGame(ensemble, x, backgroundRows, k, weights));
      expect(Math.abs(res.baseValue[k] - oracle.base)).toBeLessThan(1e-9);
      for (let j = 0; j < ensemble.nFeatures; j++) expect(Math.abs(at(res, k, r, j) - oracle.phi[j])).toBeLessThan(1e-9);
      // Local accuracy: the values add up to f(x) − E_b f(b).
      let sum = res.baseValue[k];
      for (let j = 0; j < ensemble.nFeatures; j++) sum += at(res, k, r, j);
      expect(Math.abs(sum - oracle.full)).toBeLessThan(1e-9 * Math.max(1, Math.abs(oracle.full)));
    }
  }
}

describe('interventionalTreeShap', () => {
  it('forest-like ensemble (vector leaves, mean, NaNs) equals the brute-force oracle', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const random = seededRandom(seed * 104729);
      const ensemble = randomEnsemble(random, { nFeatures: 6, nTrees: 7, maxDepth: 5, nValues: 3, aggregation: 'mean' });
      const columns = randomColumns(random, 6, 8);
      const background = randomColumns(random, 6, 15);
      expectOracle(ensemble, columns, background, interventionalTreeShap(ensemble, columns, background));
    }
  });

  it('GBM-style per-output trees with float32 strict splits equal the oracle', () => {
    const random = seededRandom(77);
    const ensemble = randomEnsemble(random, { nFeatures: 5, nTrees: 9, maxDepth: 6, nOutputs: 3, splitRule: 'lt_f32' });
    const columns = randomColumns(random, 5, 6);
    const background = randomColumns(random, 5, 10);
    expectOracle(ensemble, columns, background, interventionalTreeShap(ensemble, columns, background));
  });

  it('xgb_binary with 20 background rows equals the oracle; base = mean background margin', () => {
    const fixture = loadXgbFixture('xgb_binary');
    const { ensemble } = importXgboostJson(fixture.json);
    const background = slice(fixture.columns, 0, 20);
    const rows = [20, 21, 22, 50, 99];
    const res = interventionalTreeShap(ensemble, fixture.columns, background, { rows });
    const bgMargin = ensembleMargin(ensemble, background);
    expect(res.baseValue[0]).toBeCloseTo(bgMargin.reduce((a, b) => a + b, 0) / 20, 12);
    expectOracle(ensemble, fixture.columns.map((c) => Float64Array.from(rows, (r) => c[r])), background, res);
  });

  it('weights background rows like repeating them', () => {
    const random = seededRandom(11);
    const ensemble = randomEnsemble(random, { nFeatures: 4, nTrees: 5, maxDepth: 4 });
    const columns = randomColumns(random, 4, 5);
    const background = randomColumns(random, 4, 3);
    const weighted = interventionalTreeShap(ensemble, columns, background, { backgroundWeights: [2, 1, 3] });
    const repeatedIndex = [0, 0, 1, 2, 2, 2];
    const repeated = interventionalTreeShap(ensemble, columns, background.map((c) => Float64Array.from(repeatedIndex, (i) => c[i])));
    for (let i = 0; i < weighted.values.length; i++) expect(weighted.values[i]).toBeCloseTo(repeated.values[i], 12);
    expect(weighted.baseValue[0]).toBeCloseTo(repeated.baseValue[0], 12);
  });

  it('a row explained against itself gets all-zero values', () => {
    const random = seededRandom(12);
    const ensemble = randomEnsemble(random, { nFeatures: 5, nTrees: 4, maxDepth: 5 });
    const columns = randomColumns(random, 5, 1);
    const res = interventionalTreeShap(ensemble, columns, columns);
    expect(Array.from(res.values)).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses an empty background and bad weights', () => {
    const random = seededRandom(13);
    const ensemble = randomEnsemble(random, { nFeatures: 3, nTrees: 2, maxDepth: 3 });
    const columns = randomColumns(random, 3, 2);
    expect(() => interventionalTreeShap(ensemble, columns, randomColumns(random, 3, 0))).toThrow(/at least one background row/);
    expect(() => interventionalTreeShap(ensemble, columns, columns, { backgroundWeights: [1] })).toThrow(/weights/);
  });
});
