// Direct loss estimation (NannyML's DLE): a gradient-boosting model of the absolute error (for MAE) and one of the
// squared error (for RMSE), trained on the reference's features plus the model's prediction; a chunk's estimated
// MAE is the mean predicted absolute error, its RMSE the root of the mean predicted squared error (negatives → 0).
import { fitGradientBoosting, predict } from '../tree/hist-gbm.js';
import type { FeatureMatrix } from '../types.js';
import type { MetricValues } from './cbpe.js';
import { band, gather, outside, referenceThreshold, rowsByChunk, type ChunkEstimate, type Chunking, type EstimationResult } from './chunks.js';

export const DLE_METRICS = ['mae', 'rmse'] as const;
export type DleMetric = (typeof DLE_METRICS)[number];

export interface RegressionEstimationInput {
  metrics: readonly DleMetric[];
  seed: number;
  reference: Chunking & { X: FeatureMatrix; prediction: Float64Array; y: Float64Array };
  /** y: NaN where the label is missing; null when there are no labels */
  current: Chunking & { X: FeatureMatrix; prediction: Float64Array; y: Float64Array | null };
}

/** The model's features plus its prediction as one more column, the error model's input. */
function withPrediction(X: FeatureMatrix, prediction: Float64Array): FeatureMatrix {
  return { nRows: X.nRows, columns: [...X.columns, prediction], names: [...X.names, '__prediction'], levels: [...X.levels, null] };
}

function std(v: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i] / v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - mean) ** 2;
  return Math.sqrt(s / Math.max(1, v.length));
}

function realized(y: ArrayLike<number>, yhat: ArrayLike<number>, metrics: readonly DleMetric[]): MetricValues {
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < y.length; i++) {
    abs += Math.abs(y[i] - yhat[i]);
    sq += (y[i] - yhat[i]) ** 2;
  }
  const n = y.length;
  const out: MetricValues = {};
  for (const m of metrics) out[m] = n ? (m === 'mae' ? abs / n : Math.sqrt(sq / n)) : null;
  return out;
}

export function estimateRegression(input: RegressionEstimationInput): EstimationResult {
  const { metrics, reference, current } = input;
  const refX = withPrediction(reference.X, reference.prediction);
  const curX = withPrediction(current.X, current.prediction);
  const absErr = Float64Array.from(reference.y, (y, i) => Math.abs(y - reference.prediction[i]));
  const sqErr = absErr.map((e) => e * e);
  const params = { max_iter: 100, min_samples_leaf: 20, early_stopping: false };
  const absModel = metrics.includes('mae') ? fitGradientBoosting(refX, { task: 'regression', values: absErr }, params, { seed: input.seed }) : null;
  const sqModel = metrics.includes('rmse') ? fitGradientBoosting(refX, { task: 'regression', values: sqErr }, params, { seed: input.seed }) : null;
  const absHat = absModel ? predict(absModel, curX) : null;
  const sqHat = sqModel ? predict(sqModel, curX) : null;
  const refRmse = Math.sqrt(sqErr.reduce((s, v) => s + v, 0) / Math.max(1, sqErr.length));
  // Sampling errors: std of the reference's absolute (squared) errors / √n; RMSE by the delta method, se(MSE) / (2 RMSE).
  const seAbs = std(absErr);
  const seSq = std(sqErr);
  const referenceChunks = rowsByChunk(reference).map((rows) => realized(gather(reference.y, rows), gather(reference.prediction, rows), metrics));
  const thresholds = Object.fromEntries(metrics.map((m) => [m, referenceThreshold(referenceChunks.map((c) => c[m]), 0, Number.POSITIVE_INFINITY)]));
  const chunks = rowsByChunk(current).map((rows): ChunkEstimate => {
    const n = rows.length;
    const estimated: MetricValues = {};
    const se: MetricValues = {};
    if (absHat) {
      let s = 0;
      for (const i of rows) s += Math.max(0, absHat[i]);
      estimated.mae = n ? s / n : null;
      se.mae = n ? seAbs / Math.sqrt(n) : null;
    }
    if (sqHat) {
      let s = 0;
      for (const i of rows) s += Math.max(0, sqHat[i]);
      estimated.rmse = n ? Math.sqrt(s / n) : null;
      se.rmse = n && refRmse > 0 ? seSq / Math.sqrt(n) / (2 * refRmse) : null;
    }
    const ordered: MetricValues = Object.fromEntries(metrics.map((m) => [m, estimated[m] ?? null]));
    const out: ChunkEstimate = { n, estimated: ordered, ...band(ordered, se, 0, Number.POSITIVE_INFINITY), sampling_error: se, alerts: metrics.filter((m) => outside(ordered[m], thresholds[m])) };
    if (current.y) {
      const labelled = rows.filter((i) => !Number.isNaN((current.y as Float64Array)[i]));
      if (labelled.length) {
        out.realized = realized(gather(current.y, labelled), gather(current.prediction, labelled), metrics);
        out.n_labelled = labelled.length;
      }
    }
    return out;
  });
  return { method: 'dle', metrics: metrics.slice(), thresholds, reference_chunks: referenceChunks, chunks };
}
