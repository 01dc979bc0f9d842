// Worker tasks of the explain nodes: each gets the model file and plain typed arrays, computes one share of the
// work (rows, features) with electron/ml/explain, and returns plain data. Shares never change the numbers.
import type { WorkerTaskContext } from '../../engine/workers.js';
import type { ExplainControl, ShapValues } from '../../ml/explain/exact-shapley.js';
import { interactionValues, type InteractionRequest } from '../../ml/explain/interaction-values.js';
import { summarizeBackground, type WeightedRows } from '../../ml/explain/kmeans.js';
import { limeSteps, type LimeRowExplanation } from '../../ml/explain/lime.js';
import { explainedModel, responseOfAsync } from '../../ml/explain/model-outputs.js';
import { partialDependenceSteps, type PartialDependence, type PdpAxis } from '../../ml/explain/pdp.js';
import { score, type ScoreName } from '../../ml/explain/permutation-importance-scoring.js';
import { permutationImportanceSteps, type PermutationImportanceResult } from '../../ml/explain/permutation-importance.js';
import { runWithAsync } from '../../ml/explain/predicting.js';
import { shapValuesAsync, type ShapRequest } from '../../ml/explain/shap-values.js';
import type { TreeShapInteractions } from '../../ml/explain/tree-shap-interactions.js';
import { loadModelFile, type PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';

export type ShapPayload = ShapRequest;

function controlOf(ctx: WorkerTaskContext): ExplainControl {
  return { onProgress: (f: number) => ctx.progress(f), isCancelled: () => ctx.isCancelled() };
}

/** SHAP values of payload.rows, in the explained outputs only (see ml/explain/shap-values.ts). */
export function shapValuesTask(payload: ShapPayload, ctx: WorkerTaskContext): Promise<ShapValues> {
  return shapValuesAsync(payload, controlOf(ctx));
}

export type InteractionPayload = InteractionRequest;

/** SHAP interaction values of payload.rows (tree models), in the explained outputs only. */
export function interactionsTask(payload: InteractionPayload, ctx: WorkerTaskContext): TreeShapInteractions {
  return interactionValues(payload, controlOf(ctx));
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
export function limeTask(payload: LimePayload, ctx: WorkerTaskContext): Promise<LimeRowExplanation[]> {
  const file = loadModelFile(payload.file);
  const model = explainedModel(file, 'response');
  const steps = limeSteps(
    model.nOutputs,
    payload.training,
    payload.X,
    { seed: payload.seed, numFeatures: payload.numFeatures, numSamples: payload.numSamples, output: model.nOutputs > 1 ? 'top' : 0 },
    payload.rows,
    controlOf(ctx),
  );
  return runWithAsync(steps, (X) => model.predictAsync!(X));
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

export function permutationTask(payload: PermutationPayload, ctx: WorkerTaskContext): Promise<PermutationImportanceResult> {
  const file = loadModelFile(payload.file);
  const response = responseOfAsync(file);
  const steps = permutationImportanceSteps(payload.X, { seed: payload.seed, nRepeats: payload.nRepeats, groups: payload.groups, only: payload.only }, controlOf(ctx));
  return runWithAsync(steps, async (X) => score(payload.metric, payload.y, await response(X)));
}

export interface PdpPayload {
  file: PlumbModelFile;
  X: FeatureMatrix;
  axes: PdpAxis[];
  iceRows: number[];
}

export async function pdpTask(payload: PdpPayload, ctx: WorkerTaskContext): Promise<PartialDependence[]> {
  const file = loadModelFile(payload.file);
  const model = explainedModel(file, 'response');
  const out: PartialDependence[] = [];
  for (const [i, axis] of payload.axes.entries()) {
    const steps = partialDependenceSteps(model.nOutputs, payload.X, axis, payload.iceRows, {
      onProgress: (f) => ctx.progress((i + f) / payload.axes.length),
      isCancelled: () => ctx.isCancelled(),
    });
    out.push(await runWithAsync(steps, (X) => model.predictAsync!(X)));
  }
  return out;
}
