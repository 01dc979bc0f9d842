// Worker tasks of model.automl and model.tune: cross-validate one candidate on the rows it is given (every fold's
// fit in this one worker, single-threaded) returning its fold metrics, timings and, on request, out-of-fold scores
// for stacking; and fit one candidate on all rows for the model file.
import { invalidInput } from '../../../shared/errors.js';
import type { WorkerTaskContext } from '../../engine/workers.js';
import { metricValue, type SearchMetric } from '../../ml/automl/scoring.js';
import type { Family, ParamSet } from '../../ml/automl/space.js';
import { memberScores } from '../../ml/ensemble/scores.js';
import { fitMlp, type MlpParams } from '../../ml/mlp/index.js';
import type { ModelOutput } from '../../ml/model-file/envelope.js';
import { predictWithModel, type FittedModel, type PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import { pickRows, pickTarget, rowsWhere } from '../inputs/ml-frame.js';
import { fitModel } from './fit-model.js';
import { buildModelFile } from './model-file-build.js';

export interface CandidateFit {
  family: Family;
  params: ParamSet;
  seed: number;
  target: string;
}

export interface EvaluatePayload extends CandidateFit {
  X: FeatureMatrix;
  y: Target;
  /** test fold of every row */
  folds: Int32Array;
  nFolds: number;
  metric: SearchMetric;
  /** width of the out-of-fold scores to return (0: none) */
  oofWidth: number;
  /** a validation table: fit once on all rows given and score on it, per its folds, instead of cross-validating */
  valid?: { X: FeatureMatrix; y: Target; folds: Int32Array };
}

export interface EvaluateResult {
  folds: number[];
  fitSeconds: number;
  predictMsPerRow: number;
  oof?: Float64Array;
}

/**
 * Fits a candidate on this worker's thread alone: the pool already runs one candidate per core, and a fit that also
 * took the fork-join helper would put two busy threads on each core. The MLP (TensorFlow.js, asynchronous) runs on
 * the pure-JS backend: one thread, the same numbers every run.
 */
export async function fitCandidate(candidate: CandidateFit, X: FeatureMatrix, y: Target, ctx: Pick<WorkerTaskContext, 'isCancelled'>): Promise<PlumbModelFile> {
  const started = performance.now();
  const control = { seed: candidate.seed, threads: 1, isCancelled: () => ctx.isCancelled() };
  let fitted: FittedModel;
  if (candidate.family === 'mlp') {
    const model = await fitMlp(X, y, candidate.params as Partial<MlpParams>, { ...control, backend: 'cpu' });
    fitted = { type: 'mlp', model } as FittedModel;
  } else {
    fitted = fitModel(candidate.family, { X, y, params: candidate.params }, control);
  }
  return buildModelFile(fitted, { X, y, target: candidate.target, params: { ...candidate.params, seed: candidate.seed }, seconds: (performance.now() - started) / 1000 });
}

/** One fit on all the rows given, scored on the validation rows: a metric per validation fold, their scores. */
async function evaluateOnValid(payload: EvaluatePayload, valid: NonNullable<EvaluatePayload['valid']>, ctx: WorkerTaskContext): Promise<EvaluateResult> {
  const started = performance.now();
  const file = await fitCandidate(payload, payload.X, payload.y, ctx);
  const fitSeconds = (performance.now() - started) / 1000;
  const t0 = performance.now();
  const out = predictWithModel(file, valid.X);
  const predictMs = performance.now() - t0;
  const scores: number[] = [];
  for (let f = 0; f < payload.nFolds; f++) {
    const rows = rowsWhere(valid.X.nRows, (i) => valid.folds[i] === f);
    scores.push(metricValue(payload.metric, pickTarget(valid.y, rows), pickOutput(out, rows, valid.y)));
  }
  ctx.progress(1);
  const oof = payload.oofWidth > 0 ? memberScores(out, valid.X.nRows, payload.oofWidth, valid.y.task) : undefined;
  return { folds: scores, fitSeconds, predictMsPerRow: predictMs / Math.max(1, valid.X.nRows), ...(oof ? { oof } : {}) };
}

/** The rows `rows` of a model's output. */
function pickOutput(out: ModelOutput, rows: Int32Array, y: Target): ModelOutput {
  const K = y.task === 'classification' ? y.classes.length : 1;
  const proba = out.proba ? Float64Array.from({ length: rows.length * K }, (_, j) => out.proba![rows[Math.floor(j / K)] * K + (j % K)]) : undefined;
  const prediction = out.prediction instanceof Int32Array ? Int32Array.from(rows, (r) => out.prediction[r]) : Float64Array.from(rows, (r) => out.prediction[r]);
  return { prediction, ...(proba ? { proba } : {}) };
}

export async function evaluateCandidate(payload: EvaluatePayload, ctx: WorkerTaskContext): Promise<EvaluateResult> {
  if (payload.valid) return evaluateOnValid(payload, payload.valid, ctx);
  const { X, y, folds, nFolds } = payload;
  const scores: number[] = [];
  const oof = payload.oofWidth > 0 ? new Float64Array(X.nRows * payload.oofWidth) : undefined;
  let fitSeconds = 0;
  let predictMs = 0;
  let predicted = 0;
  for (let f = 0; f < nFolds; f++) {
    const trainRows = rowsWhere(X.nRows, (i) => folds[i] !== f);
    const testRows = rowsWhere(X.nRows, (i) => folds[i] === f);
    if (testRows.length === 0 || trainRows.length === 0) throw invalidInput(`fold ${f + 1} of ${nFolds} is empty; lower folds`, { param: 'folds' });
    const started = performance.now();
    const file = await fitCandidate(payload, pickRows(X, trainRows), pickTarget(y, trainRows), ctx);
    fitSeconds += (performance.now() - started) / 1000;
    const Xtest = pickRows(X, testRows);
    const t0 = performance.now();
    const out = predictWithModel(file, Xtest);
    predictMs += performance.now() - t0;
    predicted += testRows.length;
    scores.push(metricValue(payload.metric, pickTarget(y, testRows), out));
    if (oof) {
      const s = memberScores(out, testRows.length, payload.oofWidth, y.task);
      testRows.forEach((r, i) => oof.set(s.subarray(i * payload.oofWidth, (i + 1) * payload.oofWidth), r * payload.oofWidth));
    }
    ctx.progress((f + 1) / nFolds);
  }
  return { folds: scores, fitSeconds: fitSeconds / nFolds, predictMsPerRow: predictMs / Math.max(1, predicted), ...(oof ? { oof } : {}) };
}

export interface FullFitPayload extends CandidateFit {
  X: FeatureMatrix;
  y: Target;
}

export async function fitFull(payload: FullFitPayload, ctx: WorkerTaskContext): Promise<PlumbModelFile> {
  return fitCandidate(payload, payload.X, payload.y, ctx);
}
