// Worker task of the scoring server: predicts a large batch off the event loop. Each worker keeps the models it
// was sent (by key), so a model file crosses the thread boundary once per worker, not once per request. Every
// kind is accepted: an asynchronous one (an imported ONNX model) is awaited here, in the worker.
import type { WorkerTaskContext } from '../engine/workers.js';
import { loadModelFile, type ModelOutput, type PlumbModelFile } from '../ml/model-file.js';
import { predictWithModelAsync } from '../ml/model-file/predict-async.js';
import type { FeatureMatrix } from '../ml/types.js';

export interface BatchPayload {
  modelKey: string;
  /** Sent when the worker said it does not hold `modelKey` yet. */
  file?: PlumbModelFile;
  X: FeatureMatrix;
}

const held = new Map<string, PlumbModelFile>();

export async function predictBatch(payload: BatchPayload, _ctx: WorkerTaskContext): Promise<{ output: ModelOutput } | { missing: true }> {
  let file = held.get(payload.modelKey);
  if (!file) {
    if (!payload.file) return { missing: true };
    file = loadModelFile(payload.file);
    held.set(payload.modelKey, file);
  }
  return { output: await predictWithModelAsync(file, payload.X) };
}
