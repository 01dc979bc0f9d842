// The metric AutoML ranks by, computed from a model's output on held-out rows, and which way is better.
import { lowerIsBetter, type SearchMetricName } from '../../../shared/catalog/model/search-space.js';
import { classificationMetrics, logLoss } from '../metrics/index.js';
import { rocAuc } from '../metrics/roc.js';
import type { ModelOutput } from '../model-file/envelope.js';
import type { Target } from '../types.js';

export type SearchMetric = SearchMetricName;

/** SPEC §4 defaults: roc_auc for binary, log_loss for multiclass, rmse for regression. */
export function defaultMetric(y: Target): SearchMetric {
  if (y.task === 'regression') return 'rmse';
  return y.classes.length === 2 ? 'roc_auc' : 'log_loss';
}

/** The metric turned so that higher is better (what halving and ranking compare). */
export function higherIsBetter(metric: SearchMetric, value: number): number {
  return lowerIsBetter(metric) ? -value : value;
}

/** The metric of predictions `out` for labels `y` (NaN when undefined, e.g. ROC AUC of a one-class fold). */
export function metricValue(metric: SearchMetric, y: Target, out: ModelOutput): number {
  if (y.task === 'regression') {
    const yhat = out.prediction;
    const n = y.values.length;
    let sse = 0;
    let sae = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y.values[i] / n;
    let sst = 0;
    for (let i = 0; i < n; i++) {
      const e = y.values[i] - yhat[i];
      sse += e * e;
      sae += Math.abs(e);
      sst += (y.values[i] - mean) ** 2;
    }
    if (metric === 'rmse') return Math.sqrt(sse / n);
    if (metric === 'mae') return sae / n;
    if (metric === 'r2') return sst > 0 ? 1 - sse / sst : NaN;
    throw new Error(`${metric} is not a regression metric`);
  }
  const K = y.classes.length;
  const proba = out.proba!;
  if (metric === 'log_loss') return logLoss(y.codes, proba, K);
  if (metric === 'roc_auc' && K === 2) {
    const positive = Uint8Array.from(y.codes, (c) => (c === 1 ? 1 : 0));
    const score = new Float64Array(y.codes.length);
    for (let i = 0; i < score.length; i++) score[i] = proba[2 * i + 1];
    return rocAuc(positive, score) ?? NaN;
  }
  if (metric === 'accuracy') {
    let right = 0;
    for (let i = 0; i < y.codes.length; i++) if (out.prediction[i] === y.codes[i]) right++;
    return right / y.codes.length;
  }
  const all = classificationMetrics(y.codes, proba, y.classes) as unknown as Record<string, number | null>;
  if (!(metric in all)) throw new Error(`${metric} is not a classification metric`);
  return all[metric] ?? NaN;
}
