// Which SHAP method explains a model file and in which output space: TreeSHAP for tree ensembles, LinearSHAP for
// linear terms, else exact (few features) or KernelSHAP. Read from the estimator record's traits. In probability
// space TreeSHAP is interventional (logistic or identity link only) and linear models go to KernelSHAP.
import { invalidInput } from '../../../shared/errors.js';
import { estimatorOf } from '../estimators.js';
import type { PlumbModelFile } from '../model-file.js';
import { shapSpace, treeEnsembleOf, type OutputSpace } from './model-outputs.js';
import { maxOraclePlayers } from './shapley-oracle.js';

export type ShapMethod = 'tree' | 'kernel' | 'linear' | 'exact';
/** explain.shap's `output` param: the model's raw output (its margin where it has one), or class probabilities. */
export type ShapOutput = 'raw' | 'probability';

/** The method a node's `method` and `output` params ask for, checked against the model ('auto': the best one it has). */
export function resolveShapMethod(method: ShapMethod | 'auto', file: PlumbModelFile, output: ShapOutput = 'raw'): ShapMethod {
  const estimator = estimatorOf(file.type);
  const tree = (estimator.treeEnsemble?.(file.model) ?? null) !== null;
  const linear = estimator.linearTerms !== undefined;
  if (output === 'probability') return probabilityMethod(method, file, tree);
  if (method === 'auto') return tree ? 'tree' : linear ? 'linear' : 'kernel';
  if (method === 'tree' && !tree) throw invalidInput(`method 'tree' needs a tree model; this is a ${file.type} model (use kernel)`, { param: 'method' });
  if (method === 'linear' && !linear) throw invalidInput(`method 'linear' needs a linear or logistic regression; this is a ${file.type} model (use kernel)`, { param: 'method' });
  if (method === 'exact' && file.features.length > maxOraclePlayers) {
    throw invalidInput(`method 'exact' handles at most ${maxOraclePlayers} features; this model reads ${file.features.length} (use kernel)`, { param: 'method' });
  }
  return method;
}

function probabilityMethod(method: ShapMethod | 'auto', file: PlumbModelFile, tree: boolean): ShapMethod {
  if (file.task !== 'classification') throw invalidInput(`output 'probability' needs a classifier; this ${file.type} model is a regressor (use output: raw)`, { param: 'output' });
  // A softmax's probabilities are not a per-output function of the margins, so per-pair rescaling cannot apply.
  const treeProbability = tree && treeEnsembleOf(file)!.link !== 'softmax';
  if (method === 'auto') return treeProbability ? 'tree' : 'kernel';
  if (method === 'tree' && !treeProbability) {
    throw invalidInput(
      tree
        ? `method 'tree' explains a multiclass boosted model's probabilities only through its margins (use method: kernel or output: raw)`
        : `method 'tree' needs a tree model; this is a ${file.type} model (use kernel)`,
      { param: 'method' },
    );
  }
  if (method === 'linear') throw invalidInput(`method 'linear' explains the margin (log-odds); use method: kernel or output: raw for probabilities`, { param: 'method' });
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

/** With output 'raw', TreeSHAP and LinearSHAP explain the margin, the model-agnostic methods the model's SHAP space. */
export function shapOutputSpace(method: ShapMethod, file: PlumbModelFile, output: ShapOutput = 'raw'): OutputSpace {
  if (output === 'probability') return 'response';
  return method === 'tree' || method === 'linear' ? 'raw' : shapSpace(file);
}
