// Prediction from a model file, by its model kind's estimator record (see estimators.ts).

import { invalidInput } from '../../../shared/errors.js';
import type { PredictContext } from '../estimator.js';
import { estimatorOf } from '../estimators.js';
import type { FeatureMatrix } from '../types.js';
import type { ModelOutput, PlumbModelFile } from './types.js';

const context: PredictContext = {};

/**
 * Predicts the rows of `X`, whose columns are the file's `features` in order, with categorical codes already in
 * the file's `feature_levels` (see the nodes' inputs/ml-frame for the mapping from a table).
 */
export function predictWithModel(file: PlumbModelFile, X: FeatureMatrix): ModelOutput {
  if (X.columns.length !== file.features.length) {
    throw invalidInput(`the model reads ${file.features.length} features, got ${X.columns.length}`);
  }
  return estimatorOf(file.type).predict(file.model, X, file, context);
}
