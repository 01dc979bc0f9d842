// SHAP interaction values of some rows of a tree model file, in the explained outputs only (binary classifiers with
// one column per class keep the positive class, as explain.shap does): what explain.interactions' worker shares call.
import { invalidInput } from '../../../shared/errors.js';
import { loadModelFile, type PlumbModelFile } from '../model-file.js';
import type { FeatureMatrix } from '../types.js';
import type { ExplainControl } from './exact-shapley.js';
import { keptOutputs, treeEnsembleOf } from './model-outputs.js';
import { treeShapInteractions, type TreeShapInteractions } from './tree-shap-interactions.js';

export interface InteractionRequest {
  file: PlumbModelFile;
  /** the explained rows (all of them; this call does `rows`) */
  X: FeatureMatrix;
  rows: number[];
}

export function interactionValues(request: InteractionRequest, control: ExplainControl = {}): TreeShapInteractions {
  const file = loadModelFile(request.file);
  const ensemble = treeEnsembleOf(file);
  if (!ensemble) throw invalidInput(`SHAP interaction values need a tree model; this is a ${file.type} model`);
  const result = treeShapInteractions(ensemble, request.X.columns, request.rows, {}, control);
  return keepInteractionOutputs(result, keptOutputs(file, result.nOutputs));
}

function keepInteractionOutputs(result: TreeShapInteractions, keep: number[]): TreeShapInteractions {
  if (keep.length === result.nOutputs) return result;
  const block = result.nRows * result.nFeatures * result.nFeatures;
  const values = new Float64Array(keep.length * block);
  keep.forEach((k, i) => values.set(result.values.subarray(k * block, (k + 1) * block), i * block));
  return { ...result, baseValue: Float64Array.from(keep, (k) => result.baseValue[k]), values, nOutputs: keep.length };
}

/** Row shares back into one result (values are output-major, so each output's block is concatenated). */
export function mergeInteractionRows(parts: TreeShapInteractions[]): TreeShapInteractions {
  if (parts.length === 1) return parts[0];
  const { nOutputs, nFeatures, baseValue } = parts[0];
  const perRow = nFeatures * nFeatures;
  const nRows = parts.reduce((s, p) => s + p.nRows, 0);
  const values = new Float64Array(nOutputs * nRows * perRow);
  let offset = 0;
  for (const part of parts) {
    for (let k = 0; k < nOutputs; k++) {
      values.set(part.values.subarray(k * part.nRows * perRow, (k + 1) * part.nRows * perRow), (k * nRows + offset) * perRow);
    }
    offset += part.nRows;
  }
  return { baseValue, values, nOutputs, nRows, nFeatures };
}
