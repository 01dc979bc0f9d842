// What-if: predict one edited row with a model from a run and explain it in the model's raw output space
// (TreeSHAP for tree models, LinearSHAP against the training means for linear ones).
import { invalidInput } from '../../shared/errors.js';
import type { ApiRequest, ApiResponse } from '../../shared/api/contract.js';
import { linearShap, trainingTermMeans } from '../ml/explain/linear-shap.js';
import { treeShap } from '../ml/explain/tree-shap.js';
import { loadModelFile } from '../ml/model-file.js';
import { predictWithModel } from '../ml/model-file/predict.js';
import type { PlumbModelFile } from '../ml/model-file/types.js';
import type { FeatureMatrix } from '../ml/types.js';
import { linearTermsOf, treeEnsembleOf } from '../nodes/explain/model-outputs.js';
import type { ProjectFile } from '../store/project-file.js';

type Cell = number | string | boolean | null;
type WhatIfResponse = ApiResponse<'whatIf.explain'>;

/** One row as the model reads it: numbers as numbers, categorical text mapped onto the training levels. */
export function rowMatrix(file: PlumbModelFile, row: Record<string, Cell>): FeatureMatrix {
  const columns = file.features.map((name) => {
    const value = row[name];
    const levels = file.feature_levels[name];
    if (levels) return Float64Array.of(value === null || value === undefined ? NaN : levels.indexOf(String(value)) >= 0 ? levels.indexOf(String(value)) : NaN);
    if (typeof value === 'boolean') return Float64Array.of(value ? 1 : 0);
    const number = value === null || value === undefined || value === '' ? NaN : Number(value);
    if (typeof value === 'string' && value !== '' && Number.isNaN(number)) {
      throw invalidInput(`feature '${name}' needs a number, got '${value}'`, { param: name });
    }
    return Float64Array.of(number);
  });
  return { nRows: 1, columns, names: [...file.features], levels: file.features.map((f) => file.feature_levels[f] ?? null) };
}

/** The explained output: the positive class for binary models, the chosen (or predicted) class otherwise. */
function explainedOutput(file: PlumbModelFile, nOutputs: number, predicted: number, classIndex?: number): { output: number; label?: string } {
  if (file.task !== 'classification') return { output: 0 };
  if (nOutputs === 1) return { output: 0, label: file.classes[file.classes.length - 1] };
  const k = classIndex ?? predicted;
  if (k < 0 || k >= nOutputs) throw invalidInput(`class index ${k} is out of range (0..${nOutputs - 1})`, { param: 'classIndex' });
  return { output: k, label: file.classes[k] };
}

export function explainModelRow(file: PlumbModelFile, row: Record<string, Cell>, classIndex?: number): WhatIfResponse {
  const started = performance.now();
  const X = rowMatrix(file, row);
  const out = predictWithModel(file, X);
  const predicted = out.prediction[0];
  const prediction = file.task === 'classification' ? file.classes[predicted] ?? String(predicted) : predicted;
  const proba = out.proba ? Object.fromEntries(file.classes.map((c, k) => [c, out.proba![k]])) : undefined;

  let method = 'none';
  let base = NaN;
  let values: Float64Array | null = null;
  let label: string | undefined;
  const ensemble = treeEnsembleOf(file);
  const linear = linearTermsOf(file);
  if (ensemble) {
    const shap = treeShap(ensemble, X.columns);
    const picked = explainedOutput(file, shap.nOutputs, predicted, classIndex);
    label = picked.label;
    base = shap.baseValue[picked.output];
    values = shap.values.slice(picked.output * shap.nFeatures, (picked.output + 1) * shap.nFeatures);
    method = 'tree';
  } else if (linear) {
    const means = trainingTermMeans(linear);
    if (means) {
      const shap = linearShap(linear, X, means);
      const picked = explainedOutput(file, shap.nOutputs, predicted, classIndex);
      label = picked.label;
      base = shap.baseValue[picked.output];
      values = shap.values.slice(picked.output * shap.nFeatures, (picked.output + 1) * shap.nFeatures);
      method = 'linear';
    }
  }
  const contributions = file.features.map((feature, j) => ({ feature, value: row[feature] ?? null, shap: values ? values[j] : 0 }));
  const sum = values ? values.reduce((a, b) => a + b, 0) : 0;
  return {
    prediction,
    proba,
    classes: file.task === 'classification' ? file.classes : undefined,
    explainedClass: label,
    method,
    output: 'raw',
    base_value: Number.isFinite(base) ? base : 0,
    output_value: Number.isFinite(base) ? base + sum : out.margin ? out.margin[0] : Number(predicted),
    contributions,
    seconds: (performance.now() - started) / 1000,
  };
}

export async function explainWhatIf(project: ProjectFile, request: ApiRequest<'whatIf.explain'>): Promise<WhatIfResponse> {
  const port = request.port ?? 'model';
  const bytes = project.runs.outputs(request.runId, request.node)?.[port];
  if (!bytes) throw invalidInput(`node '${request.node}' has no stored '${port}' output in run ${request.runId}`, { node: request.node });
  const file = loadModelFile(JSON.parse(new TextDecoder().decode(bytes)) as unknown, `${request.node}.${port}`);
  return explainModelRow(file, request.row, request.classIndex);
}
