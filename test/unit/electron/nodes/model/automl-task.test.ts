// The automl worker task fits each candidate on its own thread: the pool already runs one candidate per core, so
// a fit that also took the fork-join helper would oversubscribe the cores. Checked on the thread counts the fits
// ask the fork-join layer for, against a plain fit that asks for two (so the check can fail).
import { describe, expect, it, vi } from 'vitest';
import { fitCandidate } from '../../../../../electron/nodes/model/automl-task.js';
import { fitGradientBoosting } from '../../../../../electron/ml/tree/hist-gbm.js';
import { Random } from '../../../../../electron/ml/random.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';

const asked = vi.hoisted(() => [] as number[]);
vi.mock('../../../../../electron/ml/parallel/fork-join.js', async (original) => {
  const real = await original<typeof import('../../../../../electron/ml/parallel/fork-join.js')>();
  return {
    ...real,
    openForkJoin: ((url, kernel, init, threads = real.defaultThreads()) => {
      asked.push(threads);
      return real.openForkJoin(url, kernel, init, 1);
    }) as typeof real.openForkJoin,
  };
});

function data(): { X: FeatureMatrix; y: Target } {
  const rng = new Random(2);
  const n = 400;
  // 12 features: several feature blocks, so a fit with two threads shares them with the helper
  const columns = Array.from({ length: 12 }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const codes = Int32Array.from({ length: n }, (_, i) => (columns[0][i] + columns[1][i] + 0.5 * rng.normal() > 0 ? 1 : 0));
  return { X: { nRows: n, columns, names: columns.map((_, j) => `x${j}`), levels: columns.map(() => null) }, y: { task: 'classification', codes, classes: ['no', 'yes'] } };
}

describe('fitCandidate', () => {
  it('fits gradient boosting on the calling thread only', async () => {
    const { X, y } = data();
    const params = { max_iter: 5 };
    const file = await fitCandidate({ family: 'gradient_boosting', params, seed: 1, target: 'y' }, X, y, { isCancelled: () => false });
    expect(file.type).toBe('gradient_boosting');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((t) => t === 1)).toBe(true);
    // the same fit left to its defaults asks for the helper as well
    asked.length = 0;
    fitGradientBoosting(X, y, params, { seed: 1, threads: 2 });
    expect(asked).toContain(2);
  });
});
