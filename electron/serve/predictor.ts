// A served model compiled once at load: the model file is checked and its trees decoded into typed arrays by a
// first prediction (tree ensembles also flattened, compiled-trees.ts), so requests never parse the model again.
// Small batches of synchronous kinds predict inline (`predictNow`, no promise); large batches go to a worker
// thread. Kinds that predict asynchronously (an imported ONNX model: onnxruntime-node's `run` is native code that
// holds the thread it runs on) are awaited for small batches and sent to the worker for large ones, like every
// other kind.
import { createHash } from 'node:crypto';
import { createWorkerPool, taskModule, type WorkerPool } from '../engine/workers.js';
import { loadModelFile, predictWithModel, type ModelOutput, type PlumbModelFile } from '../ml/model-file.js';
import { predictsAsynchronously, predictWithModelAsync } from '../ml/model-file/predict-async.js';
import type { FeatureMatrix } from '../ml/types.js';
import type * as batchTasks from './batch-task.js';
import { compileTrees } from './compiled-trees.js';

const batchTask = taskModule<typeof batchTasks>(new URL('./batch-task.ts', import.meta.url)).task('predictBatch');

/** Above this many rows a request is predicted in a worker thread, not on the event loop. */
export const WORKER_BATCH_ROWS = 2000;

export interface CompiledModel {
  readonly file: PlumbModelFile;
  /** sha256 of the model file's JSON: the worker cache key. */
  readonly key: string;
  /** Synchronous kinds: predicts on the calling thread (for batches up to WORKER_BATCH_ROWS rows). */
  readonly predictNow: ((X: FeatureMatrix) => ModelOutput) | undefined;
  /** Any batch of any kind: inline, awaited, or in the worker. */
  predict(X: FeatureMatrix): Promise<ModelOutput>;
  /** Settles when the model is ready to answer (an ONNX session opened); never rejects. */
  readonly ready: Promise<void>;
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
    levels: file.features.map((f) => (Object.hasOwn(file.feature_levels, f) ? file.feature_levels[f] : null)),
  };
  const asynchronous = predictsAsynchronously(file);
  let ready: Promise<void> = Promise.resolve();
  // Tree ensembles predict through their flattened form (the same answers, fewer cache misses per row).
  // Asynchronous kinds (ONNX through onnxruntime) open their session on a first prediction; a row the graph
  // refuses (missing values for an integer input) still leaves the session open.
  const trees = asynchronous ? undefined : compileTrees(file);
  if (asynchronous) ready = predictWithModelAsync(file, warm).then(() => undefined, () => undefined);
  else if (trees) trees.predict(warm);
  else predictWithModel(file, warm);
  const key = createHash('sha256').update(JSON.stringify(file)).digest('hex');
  const inWorker = async (X: FeatureMatrix): Promise<ModelOutput> => {
    const pool = poolOf();
    const first = await pool.run(batchTask, { modelKey: key, X });
    if ('output' in first) return first.output;
    const second = await pool.run(batchTask, { modelKey: key, file, X });
    if ('output' in second) return second.output;
    throw new Error('the batch worker did not keep the model it was sent');
  };
  const predictNow = asynchronous ? undefined : trees ? (X: FeatureMatrix) => trees.predict(X) : (X: FeatureMatrix) => predictWithModel(file, X);
  return {
    file,
    key,
    predictNow,
    ready,
    async predict(X) {
      if (X.nRows > WORKER_BATCH_ROWS) return inWorker(X);
      return predictNow ? predictNow(X) : predictWithModelAsync(file, X);
    },
  };
}
