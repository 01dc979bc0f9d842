// What the explainers explain of a model file: raw margins (kinds whose estimator record has a margin) or the
// response (class probabilities, predicted values), with binary classifiers reduced to their positive (last) class.
import { estimatorOf } from '../estimators.js';
import { predictWithModel, type ModelOutput, type PlumbModelFile } from '../model-file.js';
import { predictWithModelAsync } from '../model-file/predict-async.js';
import { ensembleFromJson } from '../tree/json.js';
import type { TreeEnsemble } from '../tree/types.js';
import type { FeatureMatrix } from '../types.js';
import type { ExplainedModel } from './exact-shapley.js';
import type { LinearTerms } from './linear-shap.js';

/** 'raw': the margin before the link; 'response': probabilities (classification) or predictions (regression). */
export type OutputSpace = 'raw' | 'response';

/** SHAP's space: the margin (log-odds, logits, value) where the model has one, the response otherwise (kNN, naive Bayes). */
export function shapSpace(file: PlumbModelFile): OutputSpace {
  return estimatorOf(file.type).hasMargin ? 'raw' : 'response';
}

/** The SPEC's name of a space in explanation.json. */
export function spaceLabel(file: PlumbModelFile, space: OutputSpace): 'raw' | 'probability' {
  return space === 'response' && file.task === 'classification' ? 'probability' : 'raw';
}

/**
 * Which of `nOutputs` columns are explained: a binary classifier with one column per class keeps the last class
 * (the other is its complement); everything else keeps all.
 */
export function keptOutputs(file: PlumbModelFile, nOutputs: number): number[] {
  if (file.task === 'classification' && file.classes.length === 2 && nOutputs === 2) return [1];
  return Array.from({ length: nOutputs }, (_, k) => k);
}

/** Class labels of the explained outputs (null for regression). */
export function outputClasses(file: PlumbModelFile): string[] | null {
  if (file.task !== 'classification') return null;
  return file.classes.length === 2 ? [file.classes[1]] : file.classes.slice();
}

/** The model as a batch function of the kept outputs in `space`. */
export function explainedModel(file: PlumbModelFile, space: OutputSpace): ExplainedModel {
  const K = file.task === 'classification' ? file.classes.length : 1;
  return {
    // A multiclass margin or probability vector has one column per class; binary keeps one.
    nOutputs: K === 2 ? 1 : K,
    predict: (X) => explainedOutputs(file, space, predictWithModel(file, X), X.nRows),
    predictAsync: async (X) => explainedOutputs(file, space, await predictWithModelAsync(file, X), X.nRows),
  };
}

/** The kept outputs in `space` of one prediction (see explainedModel). */
function explainedOutputs(file: PlumbModelFile, space: OutputSpace, out: ModelOutput, nRows: number): Float64Array {
  const K = file.task === 'classification' ? file.classes.length : 1;
  let all: Float64Array;
  let width: number;
  if (space === 'raw' && out.margin) {
    all = out.margin;
    width = all.length / Math.max(1, nRows);
  } else if (file.task === 'classification') {
    all = out.proba!;
    width = K;
  } else {
    all = out.prediction as Float64Array;
    width = 1;
  }
  if (nRows === 0) return new Float64Array(0);
  const keep = keptOutputs(file, width);
  if (keep.length === width) return all;
  const picked = new Float64Array(nRows * keep.length);
  for (let i = 0; i < nRows; i++) for (let o = 0; o < keep.length; o++) picked[i * keep.length + o] = all[i * width + keep[o]];
  return picked;
}

/** The model's scores for permutation importance: all class probabilities, or the predicted values. */
export function responseOf(file: PlumbModelFile): (X: FeatureMatrix) => Float64Array {
  return (X) => {
    const out = predictWithModel(file, X);
    return file.task === 'classification' ? out.proba! : (out.prediction as Float64Array);
  };
}

/** responseOf for a model that may answer asynchronously (an ONNX model). */
export function responseOfAsync(file: PlumbModelFile): (X: FeatureMatrix) => Promise<Float64Array> {
  return async (X) => {
    const out = await predictWithModelAsync(file, X);
    return file.task === 'classification' ? out.proba! : (out.prediction as Float64Array);
  };
}

/** The trees TreeSHAP reads, for tree-ensemble kinds; null otherwise. */
export function treeEnsembleOf(file: PlumbModelFile): TreeEnsemble | null {
  const trees = estimatorOf(file.type).treeEnsemble?.(file.model);
  return trees ? ensembleFromJson(trees) : null;
}

/** The design terms LinearSHAP reads, for linear kinds; null otherwise. */
export function linearTermsOf(file: PlumbModelFile): LinearTerms | null {
  return estimatorOf(file.type).linearTerms?.(file.model) ?? null;
}
