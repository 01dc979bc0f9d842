// Permutation importance (Breiman 2001; scikit-learn's permutation_importance): for each feature (or group of
// columns permuted together), shuffle it n_repeats times and record baseline score − permuted score.

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import type { FeatureMatrix } from '../types.js';
import type { ExplainControl } from './exact-shapley.js';
import { runWith, type Predicting } from './predicting.js';

export interface PermutationImportanceOptions {
  seed: number;
  /** default 5 */
  nRepeats?: number;
  /** columns permuted together, e.g. the one-hot columns of one original column; default each column alone */
  groups?: readonly (readonly number[])[];
  /** compute only these groups (indices into `groups`), e.g. one worker's share; default all */
  only?: readonly number[];
}

export interface PermutationImportanceResult {
  baseline: number;
  /** per computed group: the score drop of each repeat */
  importances: Float64Array[];
  /** per computed group: mean and population standard deviation (ddof 0) of the drops */
  mean: Float64Array;
  std: Float64Array;
  /** the group indices computed, in order */
  groups: number[];
}

/**
 * Seeding: generator g of group g is `new Random(s_g)` where s_0, s_1, … are successive nextUint32() draws of
 * `new Random(seed)`. Repeat r shuffles one index array in place (continuing from repeat r − 1) with that generator,
 * and every column of the group takes its original values in that order. So a group's numbers depend only on the
 * seed and its index, whoever computes them.
 */
export function groupSeeds(seed: number, nGroups: number): number[] {
  const rng = new Random(seed);
  return Array.from({ length: nGroups }, () => rng.nextUint32());
}

/** `score(X)` is the model's score on the permuted rows (greater is better). */
export function permutationImportance(
  score: (X: FeatureMatrix) => number,
  X: FeatureMatrix,
  options: PermutationImportanceOptions,
  control: ExplainControl = {},
): PermutationImportanceResult {
  return runWith(permutationImportanceSteps(X, options, control), score);
}

/** permutationImportance as steps (see predicting.ts): yields the permuted rows, resumed with their score. */
export function* permutationImportanceSteps(
  X: FeatureMatrix,
  options: PermutationImportanceOptions,
  control: ExplainControl = {},
): Predicting<PermutationImportanceResult, number> {
  const nRepeats = options.nRepeats ?? 5;
  if (!(Number.isInteger(nRepeats) && nRepeats >= 1)) throw invalidInput('n_repeats must be an integer >= 1', { param: 'n_repeats' });
  const groups = options.groups ?? X.columns.map((_, j) => [j]);
  const only = options.only ? options.only.slice() : groups.map((_, g) => g);
  const seeds = groupSeeds(options.seed, groups.length);
  const n = X.nRows;
  const baseline = yield X;
  const importances: Float64Array[] = [];
  const mean = new Float64Array(only.length);
  const std = new Float64Array(only.length);
  const index = new Int32Array(n);
  let done = 0;
  for (let o = 0; o < only.length; o++) {
    const members = groups[only[o]];
    const rng = new Random(seeds[only[o]]);
    for (let i = 0; i < n; i++) index[i] = i;
    const columns = X.columns.slice();
    const drops = new Float64Array(nRepeats);
    for (let r = 0; r < nRepeats; r++) {
      if (control.isCancelled?.()) throw cancelledError();
      rng.shuffle(index);
      for (const j of members) {
        const src = X.columns[j];
        const permuted = new Float64Array(n);
        for (let i = 0; i < n; i++) permuted[i] = src[index[i]];
        columns[j] = permuted;
      }
      drops[r] = baseline - (yield { ...X, columns });
      control.onProgress?.(++done / (only.length * nRepeats));
    }
    let s = 0;
    for (const d of drops) s += d;
    const mu = s / nRepeats;
    let v = 0;
    for (const d of drops) v += (d - mu) ** 2;
    importances.push(drops);
    mean[o] = mu;
    std[o] = Math.sqrt(v / nRepeats);
  }
  return { baseline, importances, mean, std, groups: only };
}
