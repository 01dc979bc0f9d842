// SHAP values of some rows of a model file by a chosen method, in the explained outputs only (see keptOutputs):
// the one entry the explain.shap node's worker shares and the what-if view both call.
import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { loadModelFile, type PlumbModelFile } from '../model-file.js';
import type { FeatureMatrix } from '../types.js';
import { predictsAsynchronously } from '../model-file/predict-async.js';
import { exactShapleySteps, exactShapleyValues, type ExplainControl, type ShapValues } from './exact-shapley.js';
import { kernelShap, kernelShapSteps } from './kernel-shap.js';
import type { WeightedRows } from './kmeans.js';
import { linearShap, termMeans, trainingTermMeans } from './linear-shap.js';
import { explainedModel, keptOutputs, linearTermsOf, shapSpace, treeEnsembleOf, type OutputSpace } from './model-outputs.js';
import { runWithAsync, type Predicting } from './predicting.js';
import type { ShapMethod, ShapOutput } from './shap-method.js';
import { interventionalTreeShap } from './tree-shap-interventional.js';
import { treeShap } from './tree-shap.js';

export interface ShapRequest {
  file: PlumbModelFile;
  method: ShapMethod;
  interventional: boolean;
  /** the explained rows (all of them; this call does `rows`) */
  X: FeatureMatrix;
  rows: number[];
  /** kernel, exact, interventional tree: the (summarized) background; linear: rows for E[x] (else training means) */
  background?: WeightedRows;
  nsamples: number | 'auto';
  seed: number;
  /** 'probability' (classifiers): tree needs `interventional`; kernel and exact explain the class probabilities */
  output?: ShapOutput;
}

export function shapValues(request: ShapRequest, control: ExplainControl = {}): ShapValues {
  const file = loadModelFile(request.file);
  const { X, rows, background } = request;
  switch (request.method) {
    case 'tree': {
      const ensemble = treeEnsembleOf(file)!;
      if (request.output === 'probability' && !request.interventional) throw invalidInput('TreeSHAP explains probabilities only interventionally');
      const result = request.interventional
        ? interventionalTreeShap(ensemble, X.columns, background!.columns, { rows, backgroundWeights: background!.weights, output: request.output })
        : // A share of the rows: its worker is one of the pool's threads already, and its kernels are the ones the
          // whole set of rows would get (identical values however the rows are split).
          treeShap(ensemble, X.columns, rows, rows.length < X.nRows ? { threads: 1, plannedRows: X.nRows } : {});
      if (control.isCancelled?.()) throw cancelledError();
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
      return kernelShap(explainedModel(file, spaceOf(request)), X, background!, { rows, nsamples: request.nsamples, seed: request.seed }, control);
    case 'exact':
      return exactShapleyValues(explainedModel(file, spaceOf(request)), X, background!, { rows }, control);
  }
}

/**
 * shapValues where the model may answer asynchronously (an ONNX model): KernelSHAP and exact Shapley await each
 * batch of coalition rows (one model call per batch, never one per row); other kinds are computed as shapValues does.
 */
export async function shapValuesAsync(request: ShapRequest, control: ExplainControl = {}): Promise<ShapValues> {
  const file = loadModelFile(request.file);
  if (!predictsAsynchronously(file) || (request.method !== 'kernel' && request.method !== 'exact')) return shapValues(request, control);
  const model = explainedModel(file, spaceOf(request));
  const { X, rows, background } = request;
  const steps: Predicting<ShapValues> =
    request.method === 'kernel'
      ? kernelShapSteps(model.nOutputs, X, background!, { rows, nsamples: request.nsamples, seed: request.seed }, control)
      : exactShapleySteps(model.nOutputs, X, background!, { rows }, control);
  return runWithAsync(steps, (batch) => model.predictAsync!(batch));
}

function spaceOf(request: ShapRequest): OutputSpace {
  return request.output === 'probability' ? 'response' : shapSpace(request.file);
}

function keepOutputs(result: ShapValues, keep: number[]): ShapValues {
  if (keep.length === result.nOutputs) return result;
  const { nRows, nFeatures } = result;
  const block = nRows * nFeatures;
  const values = new Float64Array(keep.length * block);
  keep.forEach((k, i) => values.set(result.values.subarray(k * block, (k + 1) * block), i * block));
  return { baseValue: Float64Array.from(keep, (k) => result.baseValue[k]), values, nOutputs: keep.length, nRows, nFeatures };
}
