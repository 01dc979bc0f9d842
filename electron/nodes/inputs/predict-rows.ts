// Predicting a table's rows with a model file: the model's features read from the table, the prediction run in a
// worker. Shared by model.predict and the evaluate nodes.
import type { TableRef } from '../../data/types.js';
import type { NodeRunContext } from '../../engine/types.js';
import { taskModule } from '../../engine/workers.js';
import type { ModelOutput, PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix } from '../../ml/types.js';
import type { NodeEnv } from '../env.js';
import { buffersOf, readFeatures } from './model-data.js';
import type * as predictTasks from '../model/predict-task.js';

export const predictTask = taskModule<typeof predictTasks>(new URL('../model/predict-task.ts', import.meta.url)).task('predictRows');

export function predictInWorker(ctx: NodeRunContext, env: NodeEnv, file: PlumbModelFile, X: FeatureMatrix): Promise<ModelOutput> {
  return env.workers.run(predictTask, { file, X }, {
    signal: ctx.signal,
    onProgress: (fraction, message) => ctx.progress(fraction, message),
    transfer: buffersOf(X),
  });
}

/** All rows of `table`, in order (the feature arrays move to the worker). */
export async function predictTable(ctx: NodeRunContext, env: NodeEnv, file: PlumbModelFile, table: TableRef): Promise<ModelOutput> {
  return predictInWorker(ctx, env, file, await readFeatures(ctx, env, table, file));
}
