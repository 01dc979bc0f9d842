// Predicting a table's rows with a model file: the model's features read from the table, the prediction run in a
// worker. Shared by model.predict and the evaluate nodes.
import { fileURLToPath } from 'node:url';
import type { TableRef } from '../../data/types.js';
import type { NodeRunContext } from '../../engine/types.js';
import type { ModelOutput, PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix } from '../../ml/types.js';
import type { NodeEnv } from '../env.js';
import { buffersOf, readFeatures } from './model-data.js';
import type { PredictPayload } from './predict-task.js';

export const PREDICT_TASK = { module: fileURLToPath(new URL('./predict-task.ts', import.meta.url)), fn: 'predictRows' };

export function predictInWorker(ctx: NodeRunContext, env: NodeEnv, file: PlumbModelFile, X: FeatureMatrix): Promise<ModelOutput> {
  return env.workers.run<PredictPayload, ModelOutput>(PREDICT_TASK, { file, X }, {
    signal: ctx.signal,
    onProgress: (fraction, message) => ctx.progress(fraction, message),
    transfer: buffersOf(X),
  });
}

/** All rows of `table`, in order (the feature arrays move to the worker). */
export async function predictTable(ctx: NodeRunContext, env: NodeEnv, file: PlumbModelFile, table: TableRef): Promise<ModelOutput> {
  return predictInWorker(ctx, env, file, await readFeatures(ctx, env, table, file));
}
