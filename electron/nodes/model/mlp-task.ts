// Worker task of model.mlp: load a TensorFlow.js backend, fit, and stream the history to the caller like the other
// trainers (batched, at most 10 posts a second), after first telling it which backend and device train.
import type { SeriesPoint } from '../../engine/types.js';
import type { WorkerTaskContext } from '../../engine/workers.js';
import { fitMlp, type MlpParams } from '../../ml/mlp/index.js';
import type { FittedModel, PlumbModelFile } from '../../ml/model-file.js';
import type { TfBackendAttempt, TfBackendPreference } from '../../ml/tfjs-backend.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import { HistoryStream, type HistoryMessage } from './history-stream.js';
import { buildModelFile } from './model-file-build.js';

export interface MlpTrainPayload {
  X: FeatureMatrix;
  y: Target;
  valid?: { X: FeatureMatrix; y: Target };
  /** the model's own params, already validated by the node's schema */
  params: Partial<MlpParams>;
  backend: TfBackendPreference;
  seed: number;
  /** name of the target column, for the model file */
  target: string;
}

export interface MlpBackendInfo {
  backend: string;
  device: 'GPU' | 'CPU';
  /** e.g. "wasm (CPU, SIMD, 1 thread)" */
  description: string;
  tried: TfBackendAttempt[];
}

/** What the task posts: the backend once it is chosen, then new history points (the trainers' HistoryMessage). */
export type MlpTaskMessage = { backend: MlpBackendInfo } | HistoryMessage;

export interface MlpTrainResult {
  file: PlumbModelFile;
  history: SeriesPoint[];
  backend: MlpBackendInfo;
}

export async function trainMlp(payload: MlpTrainPayload, ctx: WorkerTaskContext<MlpTaskMessage>): Promise<MlpTrainResult> {
  const history = new HistoryStream((message) => ctx.post(message));
  let backend: MlpBackendInfo | undefined;

  const model = await fitMlp(
    payload.X,
    payload.y,
    payload.params,
    {
      seed: payload.seed,
      backend: payload.backend,
      onBackend: (choice) => {
        backend = { backend: choice.backend, device: choice.device, description: choice.description, tried: choice.tried };
        ctx.post({ backend });
      },
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      isCancelled: () => ctx.isCancelled(),
      onStep: (step) => history.step(step),
    },
    payload.valid,
  );
  history.flush();
  const fitted = { type: 'mlp', model } as unknown as FittedModel;
  const file = buildModelFile(fitted, {
    X: payload.X,
    y: payload.y,
    target: payload.target,
    params: { ...payload.params, backend: payload.backend, seed: payload.seed },
    seconds: history.seconds(),
    backend: `${model.backend} (${model.device})`,
  });
  return { file, history: history.points, backend: backend as MlpBackendInfo };
}
