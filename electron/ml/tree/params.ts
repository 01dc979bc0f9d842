// Parameter rules shared by the tree trainers, with scikit-learn's meanings. JavaScript cannot tell 1 from 1.0,
// so a number in (0, 1] is a fraction of the features or rows and an integer >= 2 is a count.

import { invalidInput } from '../../../shared/errors.js';

/** null = all features; a fraction in (0, 1]; an integer count >= 2; or sqrt/log2 of the feature count. */
export type MaxFeatures = null | 'sqrt' | 'log2' | number;

export function resolveMaxFeatures(spec: MaxFeatures, nFeatures: number): number {
  let k: number;
  if (spec === null) k = nFeatures;
  else if (spec === 'sqrt') k = Math.floor(Math.sqrt(nFeatures));
  else if (spec === 'log2') k = Math.floor(Math.log2(nFeatures));
  else if (spec > 0 && spec <= 1) k = Math.floor(spec * nFeatures);
  else if (Number.isInteger(spec) && spec > 1) k = spec;
  else throw invalidInput(`max_features must be null, 'sqrt', 'log2', a fraction in (0, 1] or an integer, got ${spec}`, { param: 'max_features' });
  return Math.min(nFeatures, Math.max(1, k));
}

/** A row count given as an integer >= 1 or as a fraction in (0, 1) of nRows (rounded up, as scikit-learn does). */
export function resolveRowCount(spec: number, nRows: number, param: string, minimum: number): number {
  let k: number;
  if (spec > 0 && spec < 1) k = Math.ceil(spec * nRows);
  else if (Number.isInteger(spec) && spec >= minimum) k = spec;
  else throw invalidInput(`${param} must be an integer >= ${minimum} or a fraction in (0, 1), got ${spec}`, { param });
  return Math.max(minimum, k);
}

export function checkMaxDepth(maxDepth: number | null): number {
  if (maxDepth === null) return Infinity;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) throw invalidInput(`max_depth must be null or an integer >= 1, got ${maxDepth}`, { param: 'max_depth' });
  return maxDepth;
}
