// Random forest trees grown on two threads (fork-join helper) against the same fit on one thread: identical trees
// and predictions for classification and regression, and with or without bootstrap. The helper is warmed first and
// its block counter must move, so the two-thread fit really grew trees on both threads.

import { describe, expect, it } from 'vitest';
import { helperBlockCount, warmForkJoin } from '../../../../../electron/ml/parallel/fork-join.js';
import { Random } from '../../../../../electron/ml/random.js';
import * as forest from '../../../../../electron/ml/tree/forest.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { classes, matrix, values } from './fixtures.js';

function data(n: number, task: 'classification' | 'regression', seed: number): { X: FeatureMatrix; y: Target } {
  const r = new Random(seed);
  const cols = Array.from({ length: 6 }, (_, f) => Array.from({ length: n }, () => (f === 2 && r.uniform() < 0.1 ? NaN : r.normal())));
  const score = cols[0].map((v, i) => v - cols[1][i] * cols[3][i] + 0.5 * r.normal());
  return { X: matrix(cols), y: task === 'regression' ? values(score) : classes(score.map((s) => (s < -0.5 ? 0 : s < 0.5 ? 1 : 2)), 3) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('random forest on two threads', () => {
  it.each([
    ['classification', true] as const,
    ['regression', true] as const,
    ['classification', false] as const,
  ])('%s (bootstrap %s): same trees and predictions as one thread', async (task, bootstrap) => {
    warmForkJoin([forest.FOREST_BLOCKS_URL]);
    const { X, y } = data(1500, task, 7);
    const params = { n_estimators: 40, bootstrap, max_depth: 8 };
    const one = forest.fitRandomForest(X, y, params, { seed: 11, threads: 1 });
    for (let attempt = 0; attempt < 400; attempt++) {
      const before = helperBlockCount();
      forest.fitRandomForest(X, y, { ...params, n_estimators: 8 }, { seed: 11, threads: 2 });
      if (helperBlockCount() > before) break;
      await settle();
    }
    const before = helperBlockCount();
    const two = forest.fitRandomForest(X, y, params, { seed: 11, threads: 2 });
    expect(helperBlockCount()).toBeGreaterThan(before);
    expect(two.ensemble.trees).toEqual(one.ensemble.trees);
    expect(Array.from(forest.predictMargin(two, X))).toEqual(Array.from(forest.predictMargin(one, X)));
  }, 60_000);
});
