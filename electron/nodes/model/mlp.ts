// model.mlp: read the training (and validation) rows, train on TensorFlow.js in a worker while the history streams
// to the `history` series; the backend in use is shown in the node's progress and recorded in the model file.
import { fileURLToPath } from 'node:url';
import { mlp as declaration } from '../../../shared/catalog/model/mlp.js';
import type { MlpModel } from '../../ml/mlp/index.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import type { TfBackendPreference } from '../../ml/tfjs-backend.js';
import { implementNode } from '../env.js';
import { featureLevels } from './model-file-build.js';
import { buffersOf, readLabelledData, readTrainingData, tableFrom } from './model-data.js';
import type { MlpBackendInfo, MlpTaskMessage, MlpTrainPayload, MlpTrainResult } from './mlp-task.js';

export const MLP_TASK = { module: fileURLToPath(new URL('./mlp-task.ts', import.meta.url)), fn: 'trainMlp' };


export const mlpNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const { target, features, task, seed, backend, ...modelParams } = params;
    const train = await readTrainingData(ctx, env, tableFrom(inputs, 'train'), { target, features, task });
    let valid: { X: FeatureMatrix; y: Target } | undefined;
    if (inputs.valid !== undefined && inputs.valid !== null) {
      const y = train.y;
      valid = await readLabelledData(
        ctx,
        env,
        tableFrom(inputs, 'valid'),
        { features: train.X.names, feature_levels: featureLevels(train.X), task: y.task, classes: y.task === 'classification' ? y.classes : [], target: train.target },
        'valid',
        'drop',
      );
    }
    ctx.throwIfCancelled();
    let label = '';
    // the catalog (shared/) lists the backend names itself; typing the payload checks they are ones tfjs-backend.ts knows
    const payload: MlpTrainPayload = { X: train.X, y: train.y, valid, params: modelParams, backend, seed, target: train.target };
    const result = await env.workers.run<MlpTrainPayload, MlpTrainResult>(MLP_TASK, payload, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, label && message ? `${label}: ${message}` : message),
      onMessage: (data) => {
        const message = data as MlpTaskMessage;
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
    return { model: result.file, history: result.history };
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
