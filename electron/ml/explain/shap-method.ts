// Which SHAP method explains a model file and in which output space: TreeSHAP for tree ensembles, LinearSHAP for
// linear terms, else exact (few features) or KernelSHAP. Read from the estimator record's traits.
import { invalidInput } from '../../../shared/errors.js';
import { estimatorOf } from '../estimators.js';
import type { PlumbModelFile } from '../model-file.js';
import { shapSpace, type OutputSpace } from './model-outputs.js';
import { maxOraclePlayers } from './shapley-oracle.js';

export type ShapMethod = 'tree' | 'kernel' | 'linear' | 'exact';

/** The method a node's `method` param asks for, checked against the model ('auto': the best one it has). */
export function resolveShapMethod(method: ShapMethod | 'auto', file: PlumbModelFile): ShapMethod {
  const estimator = estimatorOf(file.type);
  const tree = (estimator.treeEnsemble?.(file.model) ?? null) !== null;
  const linear = estimator.linearTerms !== undefined;
  if (method === 'auto') return tree ? 'tree' : linear ? 'linear' : 'kernel';
  if (method === 'tree' && !tree) throw invalidInput(`method 'tree' needs a tree model; this is a ${file.type} model (use kernel)`, { param: 'method' });
  if (method === 'linear' && !linear) throw invalidInput(`method 'linear' needs a linear or logistic regression; this is a ${file.type} model (use kernel)`, { param: 'method' });
  if (method === 'exact' && file.features.length > maxOraclePlayers) {
    throw invalidInput(`method 'exact' handles at most ${maxOraclePlayers} features; this model reads ${file.features.length} (use kernel)`, { param: 'method' });
  }
  return method;
}

/** For a single row (what-if): exact Shapley values replace KernelSHAP whenever the features are few enough. */
export function singleRowShapMethod(file: PlumbModelFile): ShapMethod {
  const method = resolveShapMethod('auto', file);
  if (method !== 'kernel') return method;
  return file.features.length <= maxOraclePlayers ? 'exact' : 'kernel';
}

/** TreeSHAP and LinearSHAP always explain the margin; the model-agnostic methods the model's SHAP space. */
export function shapOutputSpace(method: ShapMethod, file: PlumbModelFile): OutputSpace {
  return method === 'tree' || method === 'linear' ? 'raw' : shapSpace(file);
}
