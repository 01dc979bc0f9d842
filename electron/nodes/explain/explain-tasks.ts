// Worker tasks of the explain nodes: each gets the model file and plain typed arrays, computes one share of the
// work (rows, features) with electron/ml/explain, and returns plain data. Shares never change the numbers.
import { cancelledError } from '../../../shared/errors.js';
import type { WorkerTaskContext } from '../../engine/workers.js';
import { exactShapleyValues, type ShapValues } from '../../ml/explain/exact-shapley.js';
import { kernelShap } from '../../ml/explain/kernel-shap.js';
import { summarizeBackground, type WeightedRows } from '../../ml/explain/kmeans.js';
import { limeTabular, type LimeRowExplanation } from '../../ml/explain/lime.js';
import { linearShap, termMeans, trainingTermMeans } from '../../ml/explain/linear-shap.js';
import { partialDependence, type PartialDependence, type PdpAxis } from '../../ml/explain/pdp.js';
import { score, type ScoreName } from '../../ml/explain/permutation-importance-scoring.js';
import { permutationImportance, type PermutationImportanceResult } from '../../ml/explain/permutation-importance.js';
import { interventionalTreeShap } from '../../ml/explain/tree-shap-interventional.js';
import { treeShap } from '../../ml/explain/tree-shap.js';
import { loadModelFile, type PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import { explainedModel, keptOutputs, linearTermsOf, responseOf, shapSpace, treeEnsembleOf } from './model-outputs.js';

export type ShapMethod = 'tree' | 'kernel' | 'linear' | 'exact';

export interface ShapPayload {
  file: PlumbModelFile;
  method: ShapMethod;
  interventional: boolean;
  /** the explained rows (all of them; this task does `rows`) */
  X: FeatureMatrix;
  rows: number[];
  /** kernel, exact, interventional tree: the (summarized) background; linear: rows for E[x] (else training means) */
  background?: WeightedRows;
  nsamples: number | 'auto';
  seed: number;
}

function controlOf(ctx: WorkerTaskContext) {
  return { onProgress: (f: number) => ctx.progress(f), isCancelled: () => ctx.isCancelled() };
}

/** SHAP values of payload.rows, in the explained outputs only (see keptOutputs). */
export function shapValuesTask(payload: ShapPayload, ctx: WorkerTaskContext): ShapValues {
  const file = loadModelFile(payload.file);
  const { X, rows, background } = payload;
  const control = controlOf(ctx);
  switch (payload.method) {
    case 'tree': {
      const ensemble = treeEnsembleOf(file)!;
      const result = payload.interventional
        ? interventionalTreeShap(ensemble, X.columns, background!.columns, { rows, backgroundWeights: background!.weights })
        : treeShap(ensemble, X.columns, rows);
      if (ctx.isCancelled()) throw cancelledError();
      return keepOutputs(result, keptOutputs(file, result.nOutputs));
    }
    case 'linear': {
      const terms = linearTermsOf(file)!;
      const expected = background
        ? termMeans(terms, { ...X, nRows: background.columns[0].length, columns: background.columns }, background.weights)
        : trainingTermMeans(terms)!;
      const result = linearShap(terms, X, expected, rows);
      return keepOutputs(result, keptOutputs(file, result.nOutputs));
    }
    case 'kernel':
      return kernelShap(explainedModel(file, shapSpace(file)), X, background!, { rows, nsamples: payload.nsamples, seed: payload.seed }, control);
    case 'exact':
      return exactShapleyValues(explainedModel(file, shapSpace(file)), X, background!, { rows }, control);
  }
}

function keepOutputs(result: ShapValues, keep: number[]): ShapValues {
  if (keep.length === result.nOutputs) return result;
  const { nRows, nFeatures } = result;
  const block = nRows * nFeatures;
  const values = new Float64Array(keep.length * block);
  keep.forEach((k, i) => values.set(result.values.subarray(k * block, (k + 1) * block), i * block));
  return { baseValue: Float64Array.from(keep, (k) => result.baseValue[k]), values, nOutputs: keep.length, nRows, nFeatures };
}

export interface SummaryPayload {
  background: WeightedRows;
  maxRows: number;
  seed: number;
}

/** KernelSHAP's background: as given when small, else weighted k-means centers. */
export function summarizeTask(payload: SummaryPayload): WeightedRows & { summarized: boolean } {
  return summarizeBackground(payload.background, payload.maxRows, payload.seed);
}

export interface LimePayload {
  file: PlumbModelFile;
  training: FeatureMatrix;
  X: FeatureMatrix;
  rows: number[];
  numFeatures: number;
  numSamples: number;
  seed: number;
}

/** LIME of payload.rows: classifiers by the positive class probability (binary) or the predicted class. */
export function limeTask(payload: LimePayload, ctx: WorkerTaskContext): LimeRowExplanation[] {
  const file = loadModelFile(payload.file);
  const model = explainedModel(file, 'response');
  return limeTabular(
    model,
    payload.training,
    payload.X,
    { seed: payload.seed, numFeatures: payload.numFeatures, numSamples: payload.numSamples, output: model.nOutputs > 1 ? 'top' : 0 },
    payload.rows,
    controlOf(ctx),
  );
}

export interface PermutationPayload {
  file: PlumbModelFile;
  X: FeatureMatrix;
  y: Target;
  metric: ScoreName;
  nRepeats: number;
  seed: number;
  groups: number[][];
  only: number[];
}

export function permutationTask(payload: PermutationPayload, ctx: WorkerTaskContext): PermutationImportanceResult {
  const file = loadModelFile(payload.file);
  const response = responseOf(file);
  return permutationImportance(
    (X) => score(payload.metric, payload.y, response(X)),
    payload.X,
    { seed: payload.seed, nRepeats: payload.nRepeats, groups: payload.groups, only: payload.only },
    controlOf(ctx),
  );
}

export interface PdpPayload {
  file: PlumbModelFile;
  X: FeatureMatrix;
  axes: PdpAxis[];
  iceRows: number[];
}

export function pdpTask(payload: PdpPayload, ctx: WorkerTaskContext): PartialDependence[] {
  const file = loadModelFile(payload.file);
  const model = explainedModel(file, 'response');
  return payload.axes.map((axis, i) =>
    partialDependence(model, payload.X, axis, payload.iceRows, {
      onProgress: (f) => ctx.progress((i + f) / payload.axes.length),
      isCancelled: () => ctx.isCancelled(),
    }),
  );
}
