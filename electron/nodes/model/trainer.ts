// The one implementation behind every trainer node: read the training (and validation) rows once, fit in a worker
// while its history streams to the `history` series, and return the model file and the full history.
import type { NodeDeclaration } from '../../../shared/catalog/define.js';
import type { TrainerName } from '../../../shared/catalog/model/trainers.js';
import type { NodeRunContext } from '../../engine/types.js';
import { taskModule } from '../../engine/workers.js';
import { implementNode, type NodeEnv, type PlumbNode } from '../env.js';
import { buffersOf } from '../inputs/model-data.js';
import { readTrainingInputs } from '../inputs/training-inputs.js';
import type * as trainTasks from './train-task.js';
import type { TrainPayload, TrainResult } from './train-task.js';

export const trainTask = taskModule<typeof trainTasks>(new URL('./train-task.ts', import.meta.url)).task('trainModel');

interface CommonParams {
  target: string;
  features: string[];
  task: 'auto' | 'classification' | 'regression';
  seed: number;
}

/** Fits in a worker; `predict` rows come back predicted. Cancelling `ctx` stops the fit. */
export async function trainInWorker(
  ctx: NodeRunContext,
  env: NodeEnv,
  payload: TrainPayload,
  options: { streamHistory: boolean; signal?: AbortSignal; onProgress?: (fraction: number, message?: string) => void },
): Promise<TrainResult> {
  const { X, y, valid, predict } = payload;
  return env.workers.run(trainTask, payload, {
    signal: options.signal ?? ctx.signal,
    onProgress: options.onProgress ?? ((fraction, message) => ctx.progress(fraction, message)),
    onMessage: options.streamHistory ? (data) => ctx.series('history', data.points) : undefined,
    transfer: buffersOf(X, y, valid?.X, valid?.y, predict),
  });
}

export function trainerImplementation<D extends NodeDeclaration>(declaration: D, name: TrainerName): PlumbNode<D> {
  return implementNode<D>({
    declaration,
    implVersion: 1,
    async run(ctx, inputs, params, env) {
      const { target, features, task, seed, ...modelParams } = params as CommonParams & Record<string, unknown>;
      const { train, valid } = await readTrainingInputs(ctx, env, inputs, { target, features, task });
      ctx.throwIfCancelled();
      const result = await trainInWorker(ctx, env, { model: name, X: train.X, y: train.y, valid, params: modelParams, seed, target: train.target }, { streamHistory: true });
      return { model: result.file, history: result.history };
    },
  });
}
