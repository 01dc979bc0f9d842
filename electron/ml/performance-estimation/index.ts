// Performance without labels: CBPE for classifiers and DLE for regressors over chunks of the current rows, with
// sampling-error bands, alert thresholds from the reference chunks and realized values where labels exist.
import { applyCalibrator, fitCalibrator } from './calibration.js';
import { estimateChunk, realizedChunk, samplingComponents, samplingError, type CbpeMetric, type MetricValues } from './cbpe.js';
import { band, gatherInt, gatherRows, outside, referenceThreshold, rowsByChunk, type ChunkEstimate, type Chunking, type EstimationResult } from './chunks.js';

export { CBPE_METRICS, type CbpeMetric, type MetricValues } from './cbpe.js';
export { DLE_METRICS, estimateRegression, type DleMetric, type RegressionEstimationInput } from './dle.js';
export type { ChunkEstimate, Chunking, EstimationResult, Threshold } from './chunks.js';


export interface ClassificationEstimationInput {
  K: number;
  metrics: readonly CbpeMetric[];
  reference: Chunking & { proba: Float64Array; pred: Int32Array; codes: Int32Array };
  /** codes: −1 where the label is missing; null when there are no labels at all */
  current: Chunking & { proba: Float64Array; pred: Int32Array; codes: Int32Array | null };
}

export function estimateClassification(input: ClassificationEstimationInput): EstimationResult {
  const { K, metrics, reference, current } = input;
  const calibrator = fitCalibrator(reference.proba, reference.codes, K);
  const refProba = applyCalibrator(calibrator, reference.proba, K);
  const curProba = applyCalibrator(calibrator, current.proba, K);
  const components = samplingComponents(reference.codes, reference.pred, refProba, K);
  // Realized AUC on the model's own scores, the same scores NannyML compares against.
  const referenceChunks = rowsByChunk(reference).map((rows) => realizedChunk(gatherInt(reference.codes, rows), gatherInt(reference.pred, rows), gatherRows(reference.proba, K, rows), K, metrics));
  const thresholds = Object.fromEntries(metrics.map((m) => [m, referenceThreshold(referenceChunks.map((c) => c[m]), 0, 1)]));
  const chunks = rowsByChunk(current).map((rows): ChunkEstimate => {
    const pred = gatherInt(current.pred, rows);
    const estimated = estimateChunk(gatherRows(curProba, K, rows), pred, K, metrics);
    const se: MetricValues = Object.fromEntries(metrics.map((m) => [m, rows.length ? samplingError(components, m, rows.length) : null]));
    const out: ChunkEstimate = { n: rows.length, estimated, ...band(estimated, se, 0, 1), sampling_error: se, alerts: metrics.filter((m) => outside(estimated[m], thresholds[m])) };
    if (current.codes) {
      const labelled = rows.filter((i) => (current.codes as Int32Array)[i] >= 0);
      if (labelled.length) {
        out.realized = realizedChunk(gatherInt(current.codes, labelled), gatherInt(current.pred, labelled), gatherRows(current.proba, K, labelled), K, metrics);
        out.n_labelled = labelled.length;
      }
    }
    return out;
  });
  return { method: 'cbpe', metrics: metrics.slice(), calibrated: calibrator.maps.some((m) => m !== null), thresholds, reference_chunks: referenceChunks, chunks };
}
