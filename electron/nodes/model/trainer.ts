// The one implementation behind every trainer node: read the training (and validation) rows once, fit in a worker
// while its history streams to the `history` series, and return the model file and the full history.
import type { NodeDeclaration } from '../../../shared/catalog/define.js';
import type { TrainerName } from '../../../shared/catalog/model/trainers.js';
import type { NodeRunContext } from '../../engine/types.js';
import { taskModule } from '../../engine/workers.js';
import { chainOf } from '../data/table-chain.js';
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

/** Models cheap enough to fit without a worker round-trip in headless runs, up to this many training rows. */
const SMALL_FIT_MODELS: ReadonlySet<TrainerName> = new Set(['linear_regression', 'logistic_regression', 'naive_bayes']);
const SMALL_FIT_ROWS = 100_000;
const SMALL_FIT_FEATURES = 100;

/** A fit that costs less than a worker's start and the data's trip to it (headless runs only, see NodeEnv). */
export function isSmallFit(env: NodeEnv, payload: TrainPayload): boolean {
  return env.smallFitsInProcess === true && SMALL_FIT_MODELS.has(payload.model) && payload.X.nRows <= SMALL_FIT_ROWS && payload.X.columns.length <= SMALL_FIT_FEATURES;
}

/** Fits in a worker (small fits of headless runs in this thread); `predict` rows come back predicted. Cancelling `ctx` stops the fit. */
export async function trainInWorker(
  ctx: NodeRunContext,
  env: NodeEnv,
  payload: TrainPayload,
  options: { streamHistory: boolean; signal?: AbortSignal; onProgress?: (fraction: number, message?: string) => void },
): Promise<TrainResult> {
  const { X, y, valid, predict } = payload;
  if (isSmallFit(env, payload)) {
    const signal = options.signal ?? ctx.signal;
    const { trainModel } = await import('./train-task.js');
    return trainModel(payload, {
      progress: options.onProgress ?? ((fraction, message) => ctx.progress(fraction, message)),
      isCancelled: () => signal?.aborted === true,
      post: (data) => {
        if (options.streamHistory) ctx.series('history', data.points);
      },
    });
  }
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
    implVersion: 2,
    async run(ctx, inputs, params, env) {
      const { target, features, task, seed, ...modelParams } = params as CommonParams & Record<string, unknown>;
      const { train, valid } = await readTrainingInputs(ctx, env, inputs, { target, features, task });
      ctx.throwIfCancelled();
      const result = await trainInWorker(ctx, env, { model: name, X: train.X, y: train.y, valid, params: modelParams, seed, target: train.target }, { streamHistory: true });
      // The fitted impute/encode/scale/select steps the train table went through travel with the model (SPEC §5).
      const preprocessing = chainOf(inputs.train);
      return { model: preprocessing ? { ...result.file, preprocessing } : result.file, history: result.history };
    },
  });
}
