// Gradient boosting on two threads (feature blocks shared with the fork-join helper) against the same fit on one
// thread: identical trees and predictions, bit for bit, for binary, multiclass and regression with missing values.
// The helper is warmed first and its block counter must move, so the two-thread fit really used both threads.

import { describe, expect, it } from 'vitest';
import { helperBlockCount, warmForkJoin } from '../../../../../electron/ml/parallel/fork-join.js';
import { Random } from '../../../../../electron/ml/random.js';
import { BOOSTING_BLOCKS_URL } from '../../../../../electron/ml/tree/boosting-tree.js';
import * as gbm from '../../../../../electron/ml/tree/hist-gbm.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { classes, matrix, values } from './fixtures.js';

function data(n: number, F: number, task: 'binary' | 'multiclass' | 'regression', seed: number): { X: FeatureMatrix; y: Target } {
  const r = new Random(seed);
  const cols = Array.from({ length: F }, (_, f) =>
    Array.from({ length: n }, () => (f % 5 === 1 && r.uniform() < 0.1 ? NaN : f === 3 ? r.int(7) : r.normal())),
  );
  const score = cols[0].map((v, i) => v + (cols[1][i] || 0) * cols[2][i] + 0.3 * cols[3][i] + 0.5 * r.normal());
  if (task === 'regression') return { X: matrix(cols), y: values(score) };
  if (task === 'binary') return { X: matrix(cols), y: classes(score.map((s) => (s > 0 ? 1 : 0)), 2) };
  return { X: matrix(cols), y: classes(score.map((s) => (s < -0.7 ? 0 : s < 0.7 ? 1 : 2)), 3) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('gradient boosting on two threads', () => {
  it.each([
    ['binary', 30] as const,
    ['multiclass', 13] as const,
    ['regression', 22] as const,
  ])('%s with %i features: same trees and predictions as one thread', async (task, F) => {
    warmForkJoin([BOOSTING_BLOCKS_URL]);
    const { X, y } = data(6000, F, task, F);
    const params = { max_iter: 15, early_stopping: false as const, min_samples_leaf: 10 };
    const one = gbm.fitGradientBoosting(X, y, params, { seed: 3, threads: 1 });
    // the helper starts in the background: wait until it takes part in a fit (at most ~20 s on a busy machine)
    let two = gbm.fitGradientBoosting(X, y, params, { seed: 3, threads: 2 });
    for (let attempt = 0; attempt < 400; attempt++) {
      const before = helperBlockCount();
      two = gbm.fitGradientBoosting(X, y, params, { seed: 3, threads: 2 });
      if (helperBlockCount() > before) break;
      await settle();
    }
    const before = helperBlockCount();
    two = gbm.fitGradientBoosting(X, y, params, { seed: 3, threads: 2 });
    expect(helperBlockCount()).toBeGreaterThan(before);
    expect(two.ensemble.trees).toEqual(one.ensemble.trees);
    expect(Array.from(gbm.predictMargin(two, X))).toEqual(Array.from(gbm.predictMargin(one, X)));
    // and a fit with early stopping on a holdout follows the same rounds
    const es = { ...params, max_iter: 60, early_stopping: true as const, n_iter_no_change: 3 };
    const oneEs = gbm.fitGradientBoosting(X, y, es, { seed: 5, threads: 1 });
    const twoEs = gbm.fitGradientBoosting(X, y, es, { seed: 5, threads: 2 });
    expect(twoEs.nIter).toBe(oneEs.nIter);
    expect(twoEs.ensemble.trees).toEqual(oneEs.ensemble.trees);
  }, 60_000);
});
