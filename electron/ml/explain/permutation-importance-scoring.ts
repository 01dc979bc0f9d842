// The scores permutation importance compares, with scikit-learn's scoring names (greater is better, so losses are
// negated): computed from class probabilities (classification) or predicted values (regression).

import { invalidInput } from '../../../shared/errors.js';
import { logLoss } from '../metrics/classification.js';
import { mostProbableClass } from '../metrics/decision.js';
import { r2Score, regressionSums } from '../metrics/regression-sums.js';
import { rocAuc } from '../metrics/roc.js';
import type { Target } from '../types.js';

export const CLASSIFICATION_SCORES = ['accuracy', 'balanced_accuracy', 'f1_macro', 'neg_log_loss', 'roc_auc'] as const;
export const REGRESSION_SCORES = ['r2', 'neg_mean_squared_error', 'neg_root_mean_squared_error', 'neg_mean_absolute_error'] as const;
export type ScoreName = (typeof CLASSIFICATION_SCORES)[number] | (typeof REGRESSION_SCORES)[number];

/** 'auto' is the estimator's own score, as in scikit-learn: accuracy for classifiers, R² for regressors. */
export function resolveScore(name: ScoreName | 'auto', task: Target['task']): ScoreName {
  if (name === 'auto') return task === 'classification' ? 'accuracy' : 'r2';
  const allowed: readonly string[] = task === 'classification' ? CLASSIFICATION_SCORES : REGRESSION_SCORES;
  if (!allowed.includes(name)) throw invalidInput(`metric '${name}' does not apply to a ${task} model; use one of ${allowed.join(', ')}`, { param: 'metric' });
  return name;
}

/**
 * The score of model outputs against the target: `outputs` are n × classes probabilities for classification, n
 * predicted values for regression.
 */
export function score(name: ScoreName, y: Target, outputs: Float64Array): number {
  if (y.task === 'regression') return regressionScore(name, y.values, outputs);
  const n = y.codes.length;
  const K = y.classes.length;
  switch (name) {
    case 'neg_log_loss':
      return -logLoss(y.codes, outputs, K);
    case 'roc_auc':
      return rocAucScore(y.codes, outputs, K);
    default: {
      const predicted = mostProbableClass(outputs, n, K);
      return labelScore(name, y.codes, predicted, K);
    }
  }
}

function labelScore(name: ScoreName, truth: Int32Array, predicted: Int32Array, K: number): number {
  const n = truth.length;
  const tp = new Float64Array(K);
  const trueCount = new Float64Array(K);
  const predCount = new Float64Array(K);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    trueCount[truth[i]]++;
    predCount[predicted[i]]++;
    if (truth[i] === predicted[i]) {
      tp[truth[i]]++;
      correct++;
    }
  }
  if (name === 'accuracy') return correct / n;
  let sum = 0;
  let count = 0;
  for (let k = 0; k < K; k++) {
    if (name === 'balanced_accuracy') {
      // Mean recall over the classes present in y_true.
      if (trueCount[k] === 0) continue;
      sum += tp[k] / trueCount[k];
      count++;
    } else {
      // f1_macro over the labels in y_true ∪ y_pred, zero_division = 0.
      if (trueCount[k] === 0 && predCount[k] === 0) continue;
      const denominator = trueCount[k] + predCount[k];
      sum += denominator > 0 ? (2 * tp[k]) / denominator : 0;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/** Binary: AUC of the last class; multiclass: macro one-vs-rest over the classes present with both outcomes. */
function rocAucScore(truth: Int32Array, proba: Float64Array, K: number): number {
  const n = truth.length;
  const classes = K === 2 ? [1] : Array.from({ length: K }, (_, k) => k);
  let sum = 0;
  let count = 0;
  for (const k of classes) {
    const positive = Uint8Array.from(truth, (c) => (c === k ? 1 : 0));
    const auc = rocAuc(positive, Float64Array.from({ length: n }, (_, i) => proba[i * K + k]));
    if (auc === null) continue;
    sum += auc;
    count++;
  }
  if (count === 0) throw invalidInput('roc_auc is undefined when the rows hold only one class', { param: 'metric' });
  return sum / count;
}

function regressionScore(name: ScoreName, y: Float64Array, yhat: Float64Array): number {
  const n = y.length;
  const sums = regressionSums(y, yhat);
  switch (name) {
    case 'neg_mean_squared_error':
      return -sums.sse / n;
    case 'neg_root_mean_squared_error':
      return -Math.sqrt(sums.sse / n);
    case 'neg_mean_absolute_error':
      return -sums.sae / n;
    default:
      return r2Score(sums);
  }
}
