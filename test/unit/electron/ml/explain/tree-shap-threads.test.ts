// TreeSHAP with rows shared between two threads (fork-join helper) against one thread: identical values, bit for
// bit, for a boosted binary model on a row subset and a multi-output forest on all rows; local accuracy holds.
// The helper is warmed first and its block counter must move, so the rows really were shared.

import { describe, expect, it } from 'vitest';
import { TREE_SHAP_BLOCKS_URL, treeShap } from '../../../../../electron/ml/explain/tree-shap.js';
import { helperBlockCount, warmForkJoin } from '../../../../../electron/ml/parallel/fork-join.js';
import { Random } from '../../../../../electron/ml/random.js';
import * as forest from '../../../../../electron/ml/tree/forest.js';
import * as gbm from '../../../../../electron/ml/tree/hist-gbm.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';

function data(n: number, seed: number): { X: FeatureMatrix; y: Target; y3: Target } {
  const r = new Random(seed);
  const columns = Array.from({ length: 7 }, (_, f) => Float64Array.from({ length: n }, () => (f === 4 && r.uniform() < 0.1 ? NaN : r.normal())));
  const s = Array.from({ length: n }, (_, i) => columns[0][i] + columns[1][i] * columns[2][i] + 0.3 * r.normal());
  const X = { nRows: n, columns, names: columns.map((_, j) => `x${j}`), levels: columns.map(() => null) };
  return {
    X,
    y: { task: 'classification', codes: Int32Array.from(s, (v) => (v > 0 ? 1 : 0)), classes: ['0', '1'] },
    y3: { task: 'classification', codes: Int32Array.from(s, (v) => (v < -0.5 ? 0 : v < 0.5 ? 1 : 2)), classes: ['a', 'b', 'c'] },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('TreeSHAP on two threads', () => {
  it('gives the same values as one thread, for boosting on a row subset and a 3-class forest', async () => {
    warmForkJoin([TREE_SHAP_BLOCKS_URL]);
    const { X, y, y3 } = data(1200, 4);
    const boostedModel = gbm.fitGradientBoosting(X, y, { max_iter: 20, early_stopping: false }, { seed: 1, threads: 1 });
    const forestModel = forest.fitRandomForest(X, y3, { n_estimators: 10, max_depth: 6 }, { seed: 2, threads: 1 });
    const boosted = boostedModel.ensemble;
    const subset = Int32Array.from({ length: 700 }, (_, i) => (i * 7) % 1200);
    for (let attempt = 0; attempt < 400; attempt++) {
      const before = helperBlockCount();
      treeShap(boosted, X.columns, subset, { threads: 2 });
      if (helperBlockCount() > before) break;
      await settle();
    }
    for (const [model, rows] of [
      [boostedModel, subset],
      [forestModel, undefined],
    ] as const) {
      const ensemble = model.ensemble;
      const one = treeShap(ensemble, X.columns, rows, { threads: 1 });
      const before = helperBlockCount();
      const two = treeShap(ensemble, X.columns, rows, { threads: 2 });
      expect(helperBlockCount()).toBeGreaterThan(before);
      expect(Array.from(two.values)).toEqual(Array.from(one.values));
      expect(Array.from(two.baseValue)).toEqual(Array.from(one.baseValue));
      // local accuracy on the first explained row: base + Σ values = margin
      const row = rows ? rows[0] : 0;
      const margins = forest.predictMargin(model, { ...X, nRows: 1, columns: X.columns.map((c) => Float64Array.of(c[row])) });
      for (let k = 0; k < one.nOutputs; k++) {
        let sum = one.baseValue[k];
        for (let j = 0; j < one.nFeatures; j++) sum += one.values[(k * one.nRows + 0) * one.nFeatures + j];
        expect(sum).toBeCloseTo(margins[k], 9);
      }
    }
  }, 60_000);
});
