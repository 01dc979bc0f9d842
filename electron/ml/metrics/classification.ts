// evaluate.classification: the SPEC §6 metrics from true class codes and predicted probabilities,
// with scikit-learn 1.2's definitions (macro averages over the labels present in y_true ∪ y_pred,
// zero_division = 0, log_loss clipped to [eps, 1 − eps] and renormalized, ROC AUC binary for the
// last class and one-vs-rest macro for multiclass).

import { invalidInput } from '../../../shared/errors.js';
import { mostProbableClass } from './decision.js';
import { calibrationBins, prCurve, type CalibrationBin, type PrCurve } from './curves.js';
import { areaUnderCurve, rocAuc, rocCurve, type RocCurve } from './roc.js';

export interface ClassificationMetrics {
  accuracy: number;
  balanced_accuracy: number;
  precision_macro: number;
  recall_macro: number;
  f1_macro: number;
  log_loss: number;
  /** null when it is undefined: a binary problem with one class absent, or no class with both positives and negatives */
  roc_auc: number | null;
  n: number;
  confusion_matrix: { labels: string[]; matrix: number[][] };
  /** binary problems with both classes present */
  roc?: RocCurve;
  /** binary, beyond SPEC §6 (for the metrics panels): precision–recall curve of the positive (last) class */
  pr?: PrCurve;
  /** binary, beyond SPEC §6: reliability diagram of the positive class probability, 10 uniform bins */
  calibration?: { bins: CalibrationBin[] };
  /** the model file's decision threshold, when the predicted classes came from it instead of the most probable class */
  decision_threshold?: number;
}

const EPS = 2.220446049250313e-16;

/**
 * `classes` are in sorted order (as the target encoding produces them): for a binary problem the
 * positive class is the last one. `proba` is n × classes, row-major; the predicted class of a row
 * is its most probable one, or `predicted` when given (a model with a decision threshold).
 */
export function classificationMetrics(yTrue: Int32Array, proba: Float64Array, classes: string[], predicted?: Int32Array): ClassificationMetrics {
  const n = yTrue.length;
  const K = classes.length;
  if (n === 0) throw invalidInput('cannot evaluate a model on zero rows');
  if (K < 1) throw invalidInput('classification metrics need at least one class');
  if (proba.length !== n * K) throw invalidInput(`expected ${n} × ${K} probabilities, got ${proba.length}`);
  for (let i = 0; i < n; i++) {
    if (!(yTrue[i] >= 0 && yTrue[i] < K)) throw invalidInput(`row ${i + 1}: the true class is missing or unknown`);
  }
  for (let i = 0; i < proba.length; i++) {
    if (!Number.isFinite(proba[i])) throw invalidInput(`row ${Math.floor(i / K) + 1}: a predicted probability is not a number`);
  }
  const yPred = predicted ?? mostProbableClass(proba, n, K);
  const matrix = confusionMatrix(yTrue, yPred, K);

  let correct = 0;
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const trueRecall: number[] = [];
  for (let c = 0; c < K; c++) {
    correct += matrix[c][c];
    let trueCount = 0;
    let predCount = 0;
    for (let j = 0; j < K; j++) {
      trueCount += matrix[c][j];
      predCount += matrix[j][c];
    }
    if (trueCount === 0 && predCount === 0) continue;
    const tp = matrix[c][c];
    const p = predCount ? tp / predCount : 0;
    const r = trueCount ? tp / trueCount : 0;
    precision.push(p);
    recall.push(r);
    f1.push(p + r > 0 ? (2 * p * r) / (p + r) : 0);
    if (trueCount) trueRecall.push(r);
  }

  const metrics: ClassificationMetrics = {
    accuracy: correct / n,
    balanced_accuracy: mean(trueRecall),
    precision_macro: mean(precision),
    recall_macro: mean(recall),
    f1_macro: mean(f1),
    log_loss: logLoss(yTrue, proba, K),
    roc_auc: null,
    n,
    confusion_matrix: { labels: classes.slice(), matrix },
  };
  if (K === 2) {
    const positive = new Uint8Array(n);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      positive[i] = yTrue[i] === 1 ? 1 : 0;
      score[i] = proba[2 * i + 1];
    }
    const curve = rocCurve(positive, score);
    if (curve) {
      metrics.roc_auc = areaUnderCurve(curve.fpr, curve.tpr);
      metrics.roc = curve;
    }
    const pr = prCurve(positive, score);
    if (pr) metrics.pr = pr;
    metrics.calibration = { bins: calibrationBins(positive, score) };
  } else if (K > 2) {
    metrics.roc_auc = oneVsRestAuc(yTrue, proba, K);
  }
  return metrics;
}

/** Counts with rows = true class, columns = predicted class. */
export function confusionMatrix(yTrue: Int32Array, yPred: Int32Array, K: number): number[][] {
  const m = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}

/** Mean cross-entropy after clipping to [eps, 1 − eps] and renormalizing each row (scikit-learn 1.2). */
export function logLoss(yTrue: Int32Array, proba: Float64Array, K: number): number {
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    let sum = 0;
    for (let c = 0; c < K; c++) sum += clip(proba[i * K + c]);
    total -= Math.log(clip(proba[i * K + yTrue[i]]) / sum);
  }
  return total / yTrue.length;
}

/**
 * Macro mean of the one-vs-rest AUCs. scikit-learn raises when a class has no rows in y_true; we
 * average over the classes where the AUC is defined instead (null when there is none).
 */
function oneVsRestAuc(yTrue: Int32Array, proba: Float64Array, K: number): number | null {
  const n = yTrue.length;
  const positive = new Uint8Array(n);
  const score = new Float64Array(n);
  const aucs: number[] = [];
  for (let c = 0; c < K; c++) {
    for (let i = 0; i < n; i++) {
      positive[i] = yTrue[i] === c ? 1 : 0;
      score[i] = proba[i * K + c];
    }
    const auc = rocAuc(positive, score);
    if (auc !== null) aucs.push(auc);
  }
  return aucs.length ? mean(aucs) : null;
}

function clip(p: number): number {
  return p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
}

function mean(values: number[]): number {
  if (!values.length) return 0;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}
