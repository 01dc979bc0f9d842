// model.mlp: read the training (and validation) rows, train on TensorFlow.js in a worker while the history streams
// to the `history` series; the backend in use is shown in the node's progress and recorded in the model file.
import { mlp as declaration } from '../../../shared/catalog/model/mlp.js';
import type { MlpModel } from '../../ml/mlp/index.js';
import type { TfBackendPreference } from '../../ml/tfjs-backend.js';
import { taskModule } from '../../engine/workers.js';
import { chainOf } from '../data/table-chain.js';
import { implementNode } from '../env.js';
import { buffersOf } from '../inputs/model-data.js';
import { readTrainingInputs } from '../inputs/training-inputs.js';
import type * as mlpTasks from './mlp-task.js';
import type { MlpBackendInfo, MlpTrainPayload } from './mlp-task.js';

export const mlpTask = taskModule<typeof mlpTasks>(new URL('./mlp-task.ts', import.meta.url)).task('trainMlp');

export const mlpNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const { target, features, task, seed, backend, ...modelParams } = params;
    const { train, valid } = await readTrainingInputs(ctx, env, inputs, { target, features, task });
    ctx.throwIfCancelled();
    let label = '';
    // the catalog (shared/) lists the backend names itself; typing the payload checks they are ones tfjs-backend.ts knows
    const payload: MlpTrainPayload = { X: train.X, y: train.y, valid, params: modelParams, backend, seed, target: train.target };
    const result = await env.workers.run(mlpTask, payload, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, label && message ? `${label}: ${message}` : message),
      onMessage: (message) => {
        if ('points' in message) {
          ctx.series('history', message.points);
          return;
        }
        label = `${message.backend.backend} (${message.backend.device})`;
        ctx.progress(0, `training on ${message.backend.description}`);
        const fallback = fallbackWarning(backend, message.backend);
        if (fallback) ctx.warn(fallback);
      },
      transfer: buffersOf(train.X, train.y, valid?.X, valid?.y),
    });
    if (!(result.file.model as unknown as MlpModel).converged) {
      ctx.warn(`training stopped at max_iter (${modelParams.max_iter} epochs) before the loss settled; more epochs may fit better`);
    }
    const preprocessing = chainOf(inputs.train);
    return { model: preprocessing ? { ...result.file, preprocessing } : result.file, history: result.history };
  },
});

/**
 * A backend the user asked for by name that could not be used is worth a warning; with `auto`, missing native
 * packages are the normal case and only the progress line says what trains.
 */
export function fallbackWarning(requested: TfBackendPreference, chosen: MlpBackendInfo): string | null {
  if (requested === 'auto') return null;
  const asked = chosen.tried[0];
  if (asked?.error) return `backend '${requested}' is not available (${asked.error}); training on ${chosen.description}`;
  if (requested === 'tensorflow-gpu' && chosen.device !== 'GPU') return `tfjs-node-gpu found no GPU device; training on ${chosen.description}`;
  return null;
}
