// A served model compiled once at load: the model file is checked and its trees decoded into typed arrays by a
// first prediction, so requests never parse the model again. Small batches predict inline; large ones in a worker;
// kinds that predict asynchronously (ONNX) are awaited (onnxruntime runs off the event loop itself).
import { createHash } from 'node:crypto';
import { createWorkerPool, taskModule, type WorkerPool } from '../engine/workers.js';
import { loadModelFile, predictWithModel, type ModelOutput, type PlumbModelFile } from '../ml/model-file.js';
import { predictsAsynchronously, predictWithModelAsync } from '../ml/model-file/predict-async.js';
import type { FeatureMatrix } from '../ml/types.js';
import type * as batchTasks from './batch-task.js';

const batchTask = taskModule<typeof batchTasks>(new URL('./batch-task.ts', import.meta.url)).task('predictBatch');

/** Above this many rows a request is predicted in a worker thread, not on the event loop. */
export const WORKER_BATCH_ROWS = 2000;

export interface CompiledModel {
  readonly file: PlumbModelFile;
  /** sha256 of the model file's JSON: the worker cache key. */
  readonly key: string;
  predict(X: FeatureMatrix): Promise<ModelOutput>;
}

let sharedPool: WorkerPool | undefined;
const poolOf = () => (sharedPool ??= createWorkerPool({ size: 1 }));

/** Closes the worker thread large batches ran on, if one was started. */
export async function closeBatchWorkers(): Promise<void> {
  const pool = sharedPool;
  sharedPool = undefined;
  await pool?.close();
}

export function compileModel(value: unknown, source?: string): CompiledModel {
  const file = loadModelFile(value, source);
  // One row of missing values walks every tree once: the tree kinds decode and cache their typed arrays now.
  const warm: FeatureMatrix = {
    nRows: 1,
    columns: file.features.map(() => Float64Array.of(NaN)),
    names: file.features.slice(),
    levels: file.features.map((f) => file.feature_levels[f] ?? null),
  };
  // Asynchronous kinds (ONNX through onnxruntime) hold their own compiled session; they are not warmed here.
  const asynchronous = predictsAsynchronously(file);
  if (!asynchronous) predictWithModel(file, warm);
  const key = createHash('sha256').update(JSON.stringify(file)).digest('hex');
  return {
    file,
    key,
    async predict(X) {
      if (asynchronous) return predictWithModelAsync(file, X);
      if (X.nRows <= WORKER_BATCH_ROWS) return predictWithModel(file, X);
      const pool = poolOf();
      const first = await pool.run(batchTask, { modelKey: key, X });
      if ('output' in first) return first.output;
      const second = await pool.run(batchTask, { modelKey: key, file, X });
      if ('output' in second) return second.output;
      throw new Error('the batch worker did not keep the model it was sent');
    },
  };
}
