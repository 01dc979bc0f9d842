// Permutation importance: scores equal scikit-learn's metrics (reference file), the only informative feature is
// found, a fixed seed gives what a brute-force recomputation with the documented permutations gives, groups are
// permuted together, and splitting the groups (workers) changes nothing.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupSeeds, permutationImportance } from '../../../../../electron/ml/explain/permutation-importance.js';
import { resolveScore, score, type ScoreName } from '../../../../../electron/ml/explain/permutation-importance-scoring.js';
import { Random } from '../../../../../electron/ml/random.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import { matrixOf, normalColumns } from '../../../../fixtures/ml/explain/models.js';

interface Reference {
  classification: { K: number; y: number[]; proba: number[]; scores: Record<string, number> }[];
  regression: { y: number[]; yhat: number[]; scores: Record<string, number> }[];
}
const reference = JSON.parse(readFileSync(new URL('../../../../fixtures/ml/explain/reference.json', import.meta.url), 'utf8')) as Reference;

describe('scores', () => {
  it('equal scikit-learn metrics on the reference cases', () => {
    for (const c of reference.classification) {
      const y = { task: 'classification' as const, codes: Int32Array.from(c.y), classes: Array.from({ length: c.K }, (_, k) => `c${k}`) };
      for (const [name, value] of Object.entries(c.scores)) expect(score(name as ScoreName, y, Float64Array.from(c.proba))).toBeCloseTo(value, 10);
    }
    for (const c of reference.regression) {
      const y = { task: 'regression' as const, values: Float64Array.from(c.y) };
      for (const [name, value] of Object.entries(c.scores)) expect(score(name as ScoreName, y, Float64Array.from(c.yhat))).toBeCloseTo(value, 10);
    }
  });

  it('auto is accuracy / r2 and a metric of the other task is refused', () => {
    expect(resolveScore('auto', 'classification')).toBe('accuracy');
    expect(resolveScore('auto', 'regression')).toBe('r2');
    expect(() => resolveScore('r2', 'classification')).toThrow(/does not apply/);
    expect(() => resolveScore('roc_auc', 'regression')).toThrow(/does not apply/);
  });
});

describe('permutationImportance', () => {
  // y = 3 x1 exactly; x0, x2 are noise the model ignores.
  const columns = normalColumns(3, 3, 200);
  const X = matrixOf(columns);
  const y = { task: 'regression' as const, values: Float64Array.from(columns[1], (v) => 3 * v) };
  const predict = (M: FeatureMatrix) => Float64Array.from(M.columns[1], (v) => 3 * v);
  const r2 = (M: FeatureMatrix) => score('r2', y, predict(M));

  it('finds the only informative feature; the others lose nothing', () => {
    const res = permutationImportance(r2, X, { seed: 0 });
    expect(res.baseline).toBe(1);
    expect(res.mean[0]).toBe(0);
    expect(res.mean[2]).toBe(0);
    // Permuting a standard normal column of an exact fit drops R² by about 2.
    expect(res.mean[1]).toBeGreaterThan(1.5);
    expect(res.mean[1]).toBeLessThan(2.5);
    expect(res.std[1]).toBeGreaterThan(0);
  });

  it('equals a brute-force recomputation with the documented permutations (n_repeats 4)', () => {
    const res = permutationImportance(r2, X, { seed: 11, nRepeats: 4 });
    const seeds = groupSeeds(11, 3);
    for (let j = 0; j < 3; j++) {
      const rng = new Random(seeds[j]);
      const index = Int32Array.from({ length: 200 }, (_, i) => i);
      const drops: number[] = [];
      for (let r = 0; r < 4; r++) {
        rng.shuffle(index);
        const permuted = columns.slice();
        permuted[j] = Float64Array.from(index, (i) => columns[j][i]);
        // R² by hand, independent of the scoring module.
        const yhat = Float64Array.from(permuted[1], (v) => 3 * v);
        const mean = y.values.reduce((s, v) => s + v, 0) / 200;
        let sse = 0;
        let sst = 0;
        for (let i = 0; i < 200; i++) {
          sse += (y.values[i] - yhat[i]) ** 2;
          sst += (y.values[i] - mean) ** 2;
        }
        drops.push(1 - (sse === 0 ? 1 : 1 - sse / sst));
      }
      const mu = drops.reduce((s, v) => s + v, 0) / 4;
      const sd = Math.sqrt(drops.reduce((s, v) => s + (v - mu) ** 2, 0) / 4);
      expect(Array.from(res.importances[j])).toEqual(drops.map((d) => expect.closeTo(d, 12)));
      expect(res.mean[j]).toBeCloseTo(mu, 12);
      expect(res.std[j]).toBeCloseTo(sd, 12);
    }
  });

  it('permutes a group of columns with one permutation, and a worker share equals the whole', () => {
    const groups = [[0, 2], [1]];
    const seen: FeatureMatrix[] = [];
    const spy = (M: FeatureMatrix) => (seen.push(M), r2(M));
    const all = permutationImportance(spy, X, { seed: 2, groups, nRepeats: 2 });
    // Call 0 is the baseline; calls 1, 2 permute group 0: both columns moved by the same permutation.
    const moved = seen[1];
    for (let i = 0; i < 200; i++) {
      const from = columns[0].indexOf(moved.columns[0][i]);
      expect(moved.columns[2][i]).toBe(columns[2][from]);
    }
    const share = permutationImportance(r2, X, { seed: 2, groups, nRepeats: 2, only: [1] });
    expect(share.groups).toEqual([1]);
    expect(Array.from(share.importances[0])).toEqual(Array.from(all.importances[1]));
  });
});
