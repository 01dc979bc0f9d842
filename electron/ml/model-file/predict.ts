// Prediction from a model file, dispatched by model type. Tree ensembles are decoded from JSON once per file
// object (cached), so predicting repeatedly with one loaded file does not re-parse its trees.

import { invalidInput } from '../../../shared/errors.js';
import { predictKnn, predictProbaKnn } from '../knn/index.js';
import { logisticMargins, predictLinearRegression, predictProbaLogisticRegression } from '../linear/index.js';
import { mostProbableClass } from '../metrics/decision.js';
import { mlpModelOutput } from '../mlp/predict.js';
import { jointLogLikelihood, predictProbaNaiveBayes } from '../naive-bayes/index.js';
import { ensembleFromJson, type TreeEnsembleJson } from '../tree/json.js';
import { applyLink, ensembleMargin } from '../tree/predict.js';
import type { TreeEnsemble } from '../tree/types.js';
import type { FeatureMatrix } from '../types.js';
import type { ModelOutput, PlumbModelFile } from './types.js';

const decoded = new WeakMap<TreeEnsembleJson, TreeEnsemble>();

function ensembleOf(json: TreeEnsembleJson): TreeEnsemble {
  let ensemble = decoded.get(json);
  if (!ensemble) {
    ensemble = ensembleFromJson(json);
    decoded.set(json, ensemble);
  }
  return ensemble;
}

/**
 * Predicts the rows of `X`, whose columns are the file's `features` in order, with categorical codes already in
 * the file's `feature_levels` (see the nodes' ml-frame for the mapping from a table).
 */
export function predictWithModel(file: PlumbModelFile, X: FeatureMatrix): ModelOutput {
  if (X.columns.length !== file.features.length) {
    throw invalidInput(`the model reads ${file.features.length} features, got ${X.columns.length}`);
  }
  const K = file.classes.length;
  switch (file.type) {
    case 'linear_regression': {
      const values = predictLinearRegression(file.model, X);
      return { prediction: values, margin: values };
    }
    case 'logistic_regression': {
      const proba = predictProbaLogisticRegression(file.model, X);
      return { prediction: mostProbableClass(proba, X.nRows, K), proba, margin: logisticMargins(file.model, X) };
    }
    case 'knn': {
      if (file.task === 'regression') return { prediction: predictKnn(file.model, X) };
      const proba = predictProbaKnn(file.model, X);
      return { prediction: mostProbableClass(proba, X.nRows, K), proba };
    }
    case 'naive_bayes': {
      const proba = predictProbaNaiveBayes(file.model, X);
      return { prediction: mostProbableClass(proba, X.nRows, K), proba, margin: jointLogLikelihood(file.model, X) };
    }
    case 'mlp':
      return mlpModelOutput(file.model, X);
    case 'decision_tree':
    case 'random_forest':
    case 'gradient_boosting':
    case 'xgboost':
      return ensembleOutput(ensembleOf(file.model.ensemble), file.task, K, X);
  }
}

function ensembleOutput(ensemble: TreeEnsemble, task: PlumbModelFile['task'], K: number, X: FeatureMatrix): ModelOutput {
  const margin = ensembleMargin(ensemble, X);
  const linked = applyLink(margin, ensemble.nOutputs, ensemble.link);
  if (task === 'regression') return { prediction: linked, margin };
  let proba = linked;
  if (ensemble.nOutputs === 1 && K === 2) {
    proba = new Float64Array(X.nRows * 2);
    for (let i = 0; i < X.nRows; i++) {
      proba[2 * i] = 1 - linked[i];
      proba[2 * i + 1] = linked[i];
    }
  }
  return { prediction: mostProbableClass(proba, X.nRows, K), proba, margin };
}
