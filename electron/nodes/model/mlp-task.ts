// Worker task of model.mlp: load a TensorFlow.js backend, fit, and stream the history to the caller like the other
// trainers (batched, at most 10 posts a second), after first telling it which backend and device train.
import type { SeriesPoint } from '../../engine/types.js';
import type { WorkerTaskContext } from '../../engine/workers.js';
import { fitMlp, type MlpParams } from '../../ml/mlp/index.js';
import type { FittedModel, PlumbModelFile } from '../../ml/model-file.js';
import type { TfBackendAttempt, TfBackendPreference } from '../../ml/tfjs-backend.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
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
export type MlpTaskMessage = { backend: MlpBackendInfo } | { points: SeriesPoint[] };

export interface MlpTrainResult {
  file: PlumbModelFile;
  history: SeriesPoint[];
  backend: MlpBackendInfo;
}

/** Live points cross the thread boundary at most this often; the last batch goes right before the result. */
const POST_INTERVAL_MS = 100;

export async function trainMlp(payload: MlpTrainPayload, ctx: WorkerTaskContext): Promise<MlpTrainResult> {
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const history: SeriesPoint[] = [];
  let pending: SeriesPoint[] = [];
  let postedAt = -Infinity;
  const flush = () => {
    if (pending.length) ctx.post({ points: pending } satisfies MlpTaskMessage);
    pending = [];
    postedAt = performance.now();
  };
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
        ctx.post({ backend } satisfies MlpTaskMessage);
      },
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      isCancelled: () => ctx.isCancelled(),
      onStep: (step) => {
        const point: SeriesPoint = { ...step, seconds: seconds() };
        history.push(point);
        pending.push(point);
        if (performance.now() - postedAt >= POST_INTERVAL_MS) flush();
      },
    },
    payload.valid,
  );
  flush();
  const fitted = { type: 'mlp', model } as unknown as FittedModel;
  const file = buildModelFile(fitted, {
    X: payload.X,
    y: payload.y,
    target: payload.target,
    params: { ...payload.params, backend: payload.backend, seed: payload.seed },
    seconds: seconds(),
    backend: `${model.backend} (${model.device})`,
  });
  return { file, history, backend: backend as MlpBackendInfo };
}
