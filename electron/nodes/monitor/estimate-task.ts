// Worker task of monitor.estimate_performance: predicts the reference and current rows with the model and runs CBPE
// (classifiers) or DLE (regressors) over their chunks. Prediction may wait (an imported ONNX model runs through
// onnxruntime), so every model kind is accepted.
import { loadModelFile, type PlumbModelFile } from '../../ml/model-file.js';
import { predictWithModelAsync } from '../../ml/model-file/predict-async.js';
import {
  estimateClassification,
  estimateRegression,
  type CbpeMetric,
  type Chunking,
  type DleMetric,
  type EstimationResult,
} from '../../ml/performance-estimation/index.js';
import type { FeatureMatrix } from '../../ml/types.js';

export interface EstimatePayload {
  file: PlumbModelFile;
  metrics: string[];
  seed: number;
  reference: Chunking & { X: FeatureMatrix; codes: Int32Array | null; y: Float64Array | null };
  /** codes: −1 / y: NaN where a label is missing; null without a target column */
  current: Chunking & { X: FeatureMatrix; codes: Int32Array | null; y: Float64Array | null };
}

export async function estimatePerformanceRows(payload: EstimatePayload): Promise<EstimationResult> {
  const file = loadModelFile(payload.file);
  const { reference, current } = payload;
  const ref = await predictWithModelAsync(file, reference.X);
  const cur = await predictWithModelAsync(file, current.X);
  if (file.task === 'classification') {
    const K = file.classes.length;
    return estimateClassification({
      K,
      metrics: payload.metrics as CbpeMetric[],
      reference: { chunkOf: reference.chunkOf, nChunks: reference.nChunks, proba: ref.proba!, pred: Int32Array.from(ref.prediction), codes: reference.codes! },
      current: { chunkOf: current.chunkOf, nChunks: current.nChunks, proba: cur.proba!, pred: Int32Array.from(cur.prediction), codes: current.codes },
    });
  }
  return estimateRegression({
    metrics: payload.metrics as DleMetric[],
    seed: payload.seed,
    reference: { chunkOf: reference.chunkOf, nChunks: reference.nChunks, X: reference.X, prediction: Float64Array.from(ref.prediction), y: reference.y! },
    current: { chunkOf: current.chunkOf, nChunks: current.nChunks, X: current.X, prediction: Float64Array.from(cur.prediction), y: current.y },
  });
}
