// Prediction that may wait: a kind whose estimator record has `predictAsync` (an ONNX model, run by onnxruntime)
// is awaited; every other kind predicts synchronously as predictWithModel does. Worker tasks and the scoring
// server call this, so every model kind works there.
import { invalidInput } from '../../../shared/errors.js';
import { estimatorOf } from '../estimators.js';
import type { FeatureMatrix } from '../types.js';
import { predictWithModel, withThreshold } from './predict.js';
import type { ModelOutput, PlumbModelFile } from './types.js';

/** Does this file's kind predict only asynchronously (predictWithModel refuses it)? */
export function predictsAsynchronously(file: Pick<PlumbModelFile, 'type'>): boolean {
  return estimatorOf(file.type).predictAsync !== undefined;
}

export async function predictWithModelAsync(file: PlumbModelFile, X: FeatureMatrix): Promise<ModelOutput> {
  const record = estimatorOf(file.type);
  if (!record.predictAsync) return predictWithModel(file, X);
  if (X.columns.length !== file.features.length) {
    throw invalidInput(`the model reads ${file.features.length} features, got ${X.columns.length}`);
  }
  const out = await record.predictAsync(file.model, X, file, {});
  return file.decision_threshold === undefined ? out : withThreshold(out, file.decision_threshold);
}
