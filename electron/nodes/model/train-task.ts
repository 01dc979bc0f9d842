// Worker task of the trainer nodes and cross-validation: fit one model, stream its history to the caller (batched
// to what a chart can show, see history-stream.ts), and return the model file, the full history and, on request, predictions.
import type { TrainerName } from '../../../shared/catalog/model/trainers.js';
import type { SeriesPoint } from '../../engine/types.js';
import type { WorkerTaskContext } from '../../engine/workers.js';
import { logLoss } from '../../ml/metrics/index.js';
import { predictWithModel, type ModelOutput, type PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import { fitModel, type FitInput } from './fit-model.js';
import { HistoryStream, type HistoryMessage } from './history-stream.js';
import { buildModelFile } from './model-file-build.js';

export interface TrainPayload extends FitInput {
  model: TrainerName;
  seed: number;
  /** name of the target column, for the model file */
  target: string;
  /** rows to predict with the fitted model (cross-validation's held-out fold) */
  predict?: FeatureMatrix;
}

export interface TrainResult {
  file: PlumbModelFile;
  history: SeriesPoint[];
  predicted?: ModelOutput;
}

/** kNN's one-point history is measured on at most this many training rows (its prediction is O(rows²)). */
const KNN_LOSS_ROWS = 5000;

export function trainModel(payload: TrainPayload, ctx: WorkerTaskContext<HistoryMessage>): TrainResult {
  const history = new HistoryStream((message) => ctx.post(message));
  const fitted = fitModel(payload.model, payload, {
    seed: payload.seed,
    onProgress: (fraction, message) => ctx.progress(fraction, message),
    isCancelled: () => ctx.isCancelled(),
    onStep: (step) => history.step(step),
  });
  const fitSeconds = history.seconds();
  const file = buildModelFile(fitted, {
    X: payload.X,
    y: payload.y,
    target: payload.target,
    params: { ...payload.params, seed: payload.seed },
    seconds: fitSeconds,
  });

  // Models without an iteration history get one point; a validation loss is added where the fit did not report one.
  if (history.points.length === 0) history.add({ step: 1, train_loss: trainingLoss(file, payload.X, payload.y), seconds: fitSeconds });
  const last = history.points[history.points.length - 1];
  if (payload.valid && last.valid_loss === undefined) {
    last.valid_loss = loss(file, payload.valid.X, payload.valid.y);
    history.resend(last);
  }
  history.flush();
  const predicted = payload.predict ? predictWithModel(file, payload.predict) : undefined;
  return { file, history: history.points, ...(predicted ? { predicted } : {}) };
}

/** Mean squared error (regression) or mean log-loss (classification) of the model on labelled rows. */
export function loss(file: PlumbModelFile, X: FeatureMatrix, y: Target): number {
  const out = predictWithModel(file, X);
  if (y.task === 'classification') return logLoss(y.codes, out.proba!, file.classes.length);
  let sse = 0;
  for (let i = 0; i < X.nRows; i++) sse += (y.values[i] - out.prediction[i]) ** 2;
  return sse / X.nRows;
}

function trainingLoss(file: PlumbModelFile, X: FeatureMatrix, y: Target): number {
  if (file.type !== 'knn' || X.nRows <= KNN_LOSS_ROWS) return loss(file, X, y);
  const rows = Int32Array.from({ length: KNN_LOSS_ROWS }, (_, i) => Math.floor((i * X.nRows) / KNN_LOSS_ROWS));
  const Xs: FeatureMatrix = { ...X, nRows: rows.length, columns: X.columns.map((c) => Float64Array.from(rows, (r) => c[r])) };
  const ys: Target = y.task === 'classification' ? { ...y, codes: Int32Array.from(rows, (r) => y.codes[r]) } : { task: 'regression', values: Float64Array.from(rows, (r) => y.values[r]) };
  return loss(file, Xs, ys);
}
