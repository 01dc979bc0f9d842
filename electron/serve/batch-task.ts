// Worker task of the scoring server: predicts a large batch off the event loop. Each worker keeps the models it
// was sent (by key), so a model file crosses the thread boundary once per worker, not once per request.
import type { WorkerTaskContext } from '../engine/workers.js';
import { loadModelFile, predictWithModel, type ModelOutput, type PlumbModelFile } from '../ml/model-file.js';
import type { FeatureMatrix } from '../ml/types.js';

export interface BatchPayload {
  modelKey: string;
  /** Sent when the worker said it does not hold `modelKey` yet. */
  file?: PlumbModelFile;
  X: FeatureMatrix;
}

const held = new Map<string, PlumbModelFile>();

export function predictBatch(payload: BatchPayload, _ctx: WorkerTaskContext): { output: ModelOutput } | { missing: true } {
  let file = held.get(payload.modelKey);
  if (!file) {
    if (!payload.file) return { missing: true };
    file = loadModelFile(payload.file);
    held.set(payload.modelKey, file);
  }
  return { output: predictWithModel(file, payload.X) };
}
