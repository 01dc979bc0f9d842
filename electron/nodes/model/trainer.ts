// The one implementation behind every trainer node: read the training (and validation) rows once, fit in a worker
// while its history streams to the `history` series, and return the model file and the full history.
import { fileURLToPath } from 'node:url';
import type { NodeDeclaration } from '../../../shared/catalog/define.js';
import type { TrainerName } from '../../../shared/catalog/model/trainers.js';
import type { NodeRunContext } from '../../engine/types.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import { implementNode, type NodeEnv, type PlumbNode } from '../env.js';
import { featureLevels } from './model-file-build.js';
import { buffersOf, readLabelledData, readTrainingData, tableFrom } from './model-data.js';
import type { HistoryMessage, TrainPayload, TrainResult } from './train-task.js';

export const TRAIN_TASK = { module: fileURLToPath(new URL('./train-task.ts', import.meta.url)), fn: 'trainModel' };

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
  return env.workers.run<TrainPayload, TrainResult>(TRAIN_TASK, payload, {
    signal: options.signal ?? ctx.signal,
    onProgress: options.onProgress ?? ((fraction, message) => ctx.progress(fraction, message)),
    onMessage: options.streamHistory ? (data) => ctx.series('history', (data as HistoryMessage).points) : undefined,
    transfer: buffersOf(X, y, valid?.X, valid?.y, predict),
  });
}

export function trainerImplementation<D extends NodeDeclaration>(declaration: D, name: TrainerName): PlumbNode<D> {
  return implementNode<D>({
    declaration,
    implVersion: 1,
    async run(ctx, inputs, params, env) {
      const { target, features, task, seed, ...modelParams } = params as CommonParams & Record<string, unknown>;
      const train = await readTrainingData(ctx, env, tableFrom(inputs, 'train'), { target, features, task });
      let valid: { X: FeatureMatrix; y: Target } | undefined;
      if (inputs.valid !== undefined && inputs.valid !== null) {
        const y = train.y;
        valid = await readLabelledData(
          ctx,
          env,
          tableFrom(inputs, 'valid'),
          {
            features: train.X.names,
            feature_levels: featureLevels(train.X),
            task: y.task,
            classes: y.task === 'classification' ? y.classes : [],
            target: train.target,
          },
          'valid',
          'drop',
        );
      }
      ctx.throwIfCancelled();
      const result = await trainInWorker(ctx, env, { model: name, X: train.X, y: train.y, valid, params: modelParams, seed, target: train.target }, { streamHistory: true });
      return { model: result.file, history: result.history };
    },
  });
}
