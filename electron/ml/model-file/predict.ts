// Prediction from a model file, by its model kind's estimator record (see estimators.ts), with the file's
// decision threshold applied; and prediction of rows in their original columns through the file's chain.
import { invalidInput } from '../../../shared/errors.js';
import type { PredictContext } from '../estimator.js';
import { estimatorOf } from '../estimators.js';
import { rawFeatureMatrix } from '../preprocessing/features.js';
import type { RawColumns } from '../preprocessing/types.js';
import type { FeatureMatrix } from '../types.js';
import { loadModelFile } from './load.js';
import type { ModelOutput, PlumbModelFile } from './types.js';

// A composite kind (the stacked ensemble) predicts its members, whole model files, through this same entry.
const context: PredictContext = { predictMember: (member, X) => predictWithModel(loadModelFile(member), X) };

/**
 * Predicts the rows of `X`, whose columns are the file's `features` in order, with categorical codes already in
 * the file's `feature_levels` (see the nodes' inputs/ml-frame for the mapping from a table).
 */
export function predictWithModel(file: PlumbModelFile, X: FeatureMatrix): ModelOutput {
  if (X.columns.length !== file.features.length) {
    throw invalidInput(`the model reads ${file.features.length} features, got ${X.columns.length}`);
  }
  const out = estimatorOf(file.type).predict(file.model, X, file, context);
  return file.decision_threshold === undefined ? out : withThreshold(out, file.decision_threshold);
}

/** Predicts rows given in the original columns (through `preprocessing` when the file has one); `unseen` counts unknown levels per feature. */
export function predictRawRows(file: PlumbModelFile, raw: RawColumns): { output: ModelOutput; unseen: Map<string, number> } {
  const { X, unseen } = rawFeatureMatrix(file, raw);
  return { output: predictWithModel(file, X), unseen };
}

/** Binary classifiers: the positive class (code 1, the last sorted class) when its probability is ≥ `threshold`. */
export function withThreshold(out: ModelOutput, threshold: number): ModelOutput {
  const proba = out.proba;
  if (!proba) return out;
  const n = out.prediction.length;
  const prediction = new Int32Array(n);
  for (let i = 0; i < n; i++) prediction[i] = proba[i * 2 + 1] >= threshold ? 1 : 0;
  return { ...out, prediction };
}
