// The A/B test's metrics, evaluated with row weights so one function serves the full data (weights 1) and
// every bootstrap resample (weights = how often each row was drawn). Definitions follow scikit-learn 1.2.
import { invalidInput } from '../../../shared/errors.js';
import { mostProbableClass } from '../metrics/decision.js';

export const CLASSIFICATION_METRICS = ['accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss', 'roc_auc'] as const;
export const REGRESSION_METRICS = ['rmse', 'mae', 'mse', 'r2'] as const;
export type AbMetric = (typeof CLASSIFICATION_METRICS)[number] | (typeof REGRESSION_METRICS)[number];

const LOWER_IS_BETTER: ReadonlySet<AbMetric> = new Set(['log_loss', 'rmse', 'mae', 'mse']);

export function higherIsBetter(metric: AbMetric): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

/** A metric of one model's predictions: `weights` null means every row once. */
export type WeightedMetric = (weights: Float64Array | null) => number;

/** What one model said about the rows, reduced to what the metrics and the paired tests need. */
export interface ScoredRows {
  evaluate: WeightedMetric;
  /** per-row loss for the paired tests (lower is better): squared or absolute error, log-loss, or 1 − correct */
  loss: Float64Array;
  /** classification: 1 where the predicted class is the true one */
  correct?: Uint8Array;
}

const EPS = 2.220446049250313e-16;
const clip = (p: number) => (p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p);
const weightOf = (weights: Float64Array | null, i: number) => (weights ? weights[i] : 1);

/** Per-row cross-entropy after clipping to [eps, 1 − eps] and renormalizing (sklearn's log_loss). */
function rowLogLoss(yTrue: Int32Array, proba: Float64Array, K: number): Float64Array {
  const out = new Float64Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    let sum = 0;
    for (let c = 0; c < K; c++) sum += clip(proba[i * K + c]);
    out[i] = -Math.log(clip(proba[i * K + yTrue[i]]) / sum);
  }
  return out;
}

function weightedMean(values: Float64Array, weights: Float64Array | null): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weightOf(weights, i);
    if (w === 0) continue;
    sum += w * values[i];
    total += w;
  }
  return sum / total;
}

/** Weighted ROC AUC for a binary problem (the area sklearn's trapezoids give, ties counting half). */
function weightedAuc(positive: Uint8Array, score: Float64Array): WeightedMetric {
  const order = Int32Array.from(score, (_, i) => i).sort((a, b) => score[b] - score[a]);
  return (weights) => {
    let tp = 0;
    let fp = 0;
    let area = 0;
    for (let r = 0; r < order.length; ) {
      let dtp = 0;
      let dfp = 0;
      const s = score[order[r]];
      for (; r < order.length && score[order[r]] === s; r++) {
        const i = order[r];
        const w = weightOf(weights, i);
        if (positive[i]) dtp += w;
        else dfp += w;
      }
      area += dfp * (tp + dtp / 2);
      tp += dtp;
      fp += dfp;
    }
    return tp > 0 && fp > 0 ? area / (tp * fp) : Number.NaN;
  };
}

export function scoreClassifier(metric: AbMetric, yTrue: Int32Array, proba: Float64Array, K: number): ScoredRows {
  const n = yTrue.length;
  const predicted = mostProbableClass(proba, n, K);
  const correct = Uint8Array.from(predicted, (p, i) => (p === yTrue[i] ? 1 : 0));
  const logLosses = rowLogLoss(yTrue, proba, K);
  const loss = metric === 'log_loss' ? logLosses : Float64Array.from(correct, (c) => 1 - c);
  const perClass = (weights: Float64Array | null) => {
    const actual = new Float64Array(K);
    const predictedCount = new Float64Array(K);
    const hits = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      const w = weightOf(weights, i);
      actual[yTrue[i]] += w;
      predictedCount[predicted[i]] += w;
      if (correct[i]) hits[yTrue[i]] += w;
    }
    return { actual, predictedCount, hits };
  };
  let evaluate: WeightedMetric;
  switch (metric) {
    case 'accuracy': {
      const hit = Float64Array.from(correct);
      evaluate = (w) => weightedMean(hit, w);
      break;
    }
    case 'balanced_accuracy':
      evaluate = (w) => {
        const { actual, hits } = perClass(w);
        let sum = 0;
        let classes = 0;
        for (let c = 0; c < K; c++) {
          if (actual[c] === 0) continue;
          sum += hits[c] / actual[c];
          classes++;
        }
        return sum / classes;
      };
      break;
    case 'f1_macro':
      evaluate = (w) => {
        const { actual, predictedCount, hits } = perClass(w);
        let sum = 0;
        let labels = 0;
        for (let c = 0; c < K; c++) {
          if (actual[c] === 0 && predictedCount[c] === 0) continue;
          sum += (2 * hits[c]) / (actual[c] + predictedCount[c]);
          labels++;
        }
        return sum / labels;
      };
      break;
    case 'log_loss':
      evaluate = (w) => weightedMean(logLosses, w);
      break;
    case 'roc_auc': {
      if (K !== 2) throw invalidInput(`roc_auc in an A/B test needs a binary classifier (this one has ${K} classes)`, { param: 'metric' });
      const positive = Uint8Array.from(yTrue, (y) => (y === 1 ? 1 : 0));
      evaluate = weightedAuc(positive, Float64Array.from({ length: n }, (_, i) => proba[2 * i + 1]));
      break;
    }
    default:
      throw invalidInput(`'${metric}' is not a classification metric (use ${CLASSIFICATION_METRICS.join(', ')})`, { param: 'metric' });
  }
  return { evaluate, loss, correct };
}

export function scoreRegressor(metric: AbMetric, y: Float64Array, prediction: Float64Array): ScoredRows {
  const n = y.length;
  const squared = new Float64Array(n);
  const absolute = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = y[i] - prediction[i];
    squared[i] = e * e;
    absolute[i] = Math.abs(e);
  }
  let evaluate: WeightedMetric;
  switch (metric) {
    case 'mse':
      evaluate = (w) => weightedMean(squared, w);
      break;
    case 'rmse':
      evaluate = (w) => Math.sqrt(weightedMean(squared, w));
      break;
    case 'mae':
      evaluate = (w) => weightedMean(absolute, w);
      break;
    case 'r2':
      evaluate = (w) => {
        const mean = weightedMean(y, w);
        let sse = 0;
        let sst = 0;
        for (let i = 0; i < n; i++) {
          const wi = weightOf(w, i);
          sse += wi * squared[i];
          sst += wi * (y[i] - mean) * (y[i] - mean);
        }
        // sklearn's force_finite: a perfect fit scores 1, a constant target with errors 0
        return sse === 0 ? 1 : sst === 0 ? 0 : 1 - sse / sst;
      };
      break;
    default:
      throw invalidInput(`'${metric}' is not a regression metric (use ${REGRESSION_METRICS.join(', ')})`, { param: 'metric' });
  }
  return { evaluate, loss: metric === 'mae' ? absolute : squared };
}
