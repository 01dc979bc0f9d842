// Worker task: predictions of a model file for a feature matrix (kNN and large ensembles are too slow for the
// main thread).
import type { WorkerTaskContext } from '../../engine/workers.js';
import { loadModelFile, type ModelOutput, type PlumbModelFile } from '../../ml/model-file.js';
import { predictWithModelAsync } from '../../ml/model-file/predict-async.js';
import type { FeatureMatrix } from '../../ml/types.js';

export interface PredictPayload {
  file: PlumbModelFile;
  X: FeatureMatrix;
}

export async function predictRows(payload: PredictPayload, ctx: WorkerTaskContext): Promise<ModelOutput> {
  ctx.progress(0, 'predicting');
  const out = await predictWithModelAsync(loadModelFile(payload.file), payload.X);
  ctx.progress(1);
  return out;
}
