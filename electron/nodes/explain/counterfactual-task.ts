// Worker task of explain.counterfactual: predicts the background once, then searches counterfactuals row by row
// with batched predictions of the model.
import type { WorkerTaskContext } from '../../engine/workers.js';
import { madScales } from '../../ml/counterfactual/distance.js';
import { counterfactualsForRow, rowOf, type RowCounterfactuals } from '../../ml/counterfactual/search.js';
import { loadModelFile, predictWithModel, type PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix } from '../../ml/types.js';

export interface CounterfactualPayload {
  file: PlumbModelFile;
  X: FeatureMatrix;
  background: FeatureMatrix;
  immutable: number[];
  ranges: [number, [number, number]][];
  directions: [number, 'up' | 'down'][];
  k: number;
  seed: number;
}

export function searchCounterfactuals(payload: CounterfactualPayload, ctx: WorkerTaskContext): RowCounterfactuals[] {
  const file = loadModelFile(payload.file);
  const predict = (X: FeatureMatrix) => Int32Array.from(predictWithModel(file, X).prediction);
  const constraints = { immutable: new Set(payload.immutable), ranges: new Map(payload.ranges), directions: new Map(payload.directions) };
  const backgroundPred = predict(payload.background);
  const scales = madScales(payload.background);
  const out: RowCounterfactuals[] = [];
  for (let i = 0; i < payload.X.nRows; i++) {
    if (ctx.isCancelled()) break;
    out.push(counterfactualsForRow(rowOf(payload.X, i), payload.background, backgroundPred, predict, constraints, { k: payload.k, seed: payload.seed + i }, scales));
    ctx.progress((i + 1) / payload.X.nRows, `${i + 1} of ${payload.X.nRows} rows`);
  }
  return out;
}
