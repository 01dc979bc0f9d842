// Predicting a table's rows with a model file: the model's features read from the table, the prediction run in a
// worker. Shared by model.predict and the evaluate nodes.
import { quoteIdent } from '../../data/sql-text.js';
import type { TableRef } from '../../data/types.js';
import type { NodeRunContext } from '../../engine/types.js';
import { taskModule } from '../../engine/workers.js';
import type { ModelOutput, PlumbModelFile } from '../../ml/model-file.js';
import { rawFeatureMatrix, type RawColumns, type RawValue } from '../../ml/preprocessing/index.js';
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
  const raw = await originalColumnsOf(env, file, table);
  if (!raw) return predictInWorker(ctx, env, file, await readFeatures(ctx, env, table, file));
  // The table has the columns the model was trained on before its stored preprocessing (a registered model
  // loaded by model.load, scoring new data): the chain runs first, as in serving.
  const { X, unseen } = rawFeatureMatrix(file, raw);
  for (const [feature, count] of unseen) ctx.warn(`${count} row${count === 1 ? '' : 's'} with a category of '${feature}' unseen in training (treated as training did)`);
  return predictInWorker(ctx, env, file, X);
}

/**
 * The table's cells in the model's original columns, when the model file stores a preprocessing chain and the
 * table lacks some encoded feature but has every original column; undefined otherwise.
 */
async function originalColumnsOf(env: NodeEnv, file: PlumbModelFile, table: TableRef): Promise<RawColumns | undefined> {
  const chain = file.preprocessing;
  if (!chain || chain.steps.length === 0) return undefined;
  const have = new Set((await env.data.columns(table)).map((c) => c.name));
  if (file.features.every((f) => have.has(f)) || !chain.input.every((c) => have.has(c.name))) return undefined;
  const names = chain.input.map((c) => c.name);
  const rows = await env.data.all(`SELECT ${names.map(quoteIdent).join(', ')} FROM ${quoteIdent(table.table)}`);
  const columns: Record<string, RawValue[]> = {};
  for (const name of names) columns[name] = rows.map((row) => row[name] as RawValue);
  return { nrows: rows.length, columns };
}
