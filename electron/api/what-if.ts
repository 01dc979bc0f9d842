// What-if: predict one edited row with a model from a run and explain it (SHAP contributions for a waterfall):
// TreeSHAP for tree models, LinearSHAP against the training means for linear ones, else exact/Kernel SHAP against
// a neutral baseline row (0 for numbers, the first level for categories). A model with a preprocessing chain takes the
// row in its original columns, and its SHAP values are summed back onto them.
import { invalidInput } from '../../shared/errors.js';
import type { ApiRequest, ApiResponse } from '../../shared/api/contract.js';
import type { WeightedRows } from '../ml/explain/kmeans.js';
import { trainingTermMeans } from '../ml/explain/linear-shap.js';
import { linearTermsOf, outputClasses, spaceLabel } from '../ml/explain/model-outputs.js';
import { shapOutputSpace, singleRowShapMethod, type ShapMethod } from '../ml/explain/shap-method.js';
import { shapValues } from '../ml/explain/shap-values.js';
import { loadModelFile, predictWithModel, type PlumbModelFile } from '../ml/model-file.js';
import { rawFeatureMatrix, requiredInputs, type RawValue } from '../ml/preprocessing/index.js';
import type { FeatureMatrix } from '../ml/types.js';
import type { ProjectFile } from '../store/project-file.js';

export type WhatIfRow = ApiRequest<'whatIf.explain'>['row'];
export type WhatIfResult = ApiResponse<'whatIf.explain'>;

const MAX_CACHED = 4;
// Outputs of a finished run never change, so a parsed model is kept per (run, node, port).
const loaded = new Map<string, PlumbModelFile>();

/** The model file a run's output port holds (parsed once per run, node and port). */
export function runModelFile(project: ProjectFile, runId: string, node: string, port = 'model'): PlumbModelFile {
  const key = `${runId}|${node}|${port}`;
  let file = loaded.get(key);
  if (!file) {
    const bytes = project.runs.outputs(runId, node)?.[port];
    if (!bytes) throw invalidInput(`node '${node}' has no output '${port}' in run ${runId}`);
    file = loadModelFile(JSON.parse(new TextDecoder().decode(bytes)) as unknown, `${node}.${port}`);
    loaded.set(key, file);
    if (loaded.size > MAX_CACHED) loaded.delete(loaded.keys().next().value!);
  }
  return file;
}

export async function explainWhatIf(project: ProjectFile, request: ApiRequest<'whatIf.explain'>): Promise<ApiResponse<'whatIf.explain'>> {
  return whatIf(runModelFile(project, request.runId, request.node, request.port ?? 'model'), request.row, request.classIndex);
}

/** The form row as the model's features: through the chain when the file has one (the row is in the original columns). */
export function formRowFeatures(file: PlumbModelFile, row: WhatIfRow): FeatureMatrix {
  if (!file.preprocessing) return rowFeatures(file, row);
  const columns: Record<string, RawValue[]> = Object.fromEntries(Object.entries(row).map(([name, v]) => [name, [v ?? null]]));
  return rawFeatureMatrix(file, { nrows: 1, columns }).X;
}

/** SHAP values of the model's features summed per original column (one-hot outputs and indicators add up to their source). */
function byOriginalColumn(file: PlumbModelFile, row: WhatIfRow, values: Float64Array): WhatIfResult['contributions'] {
  const chain = file.preprocessing!;
  const sums = new Map<string, number>();
  file.features.forEach((feature, j) => {
    const sources = requiredInputs(chain, [feature]);
    const name = sources.length === 1 ? sources[0] : feature;
    sums.set(name, (sums.get(name) ?? 0) + values[j]);
  });
  return [...sums].map(([feature, shap]) => ({ feature, value: row[feature] ?? null, shap }));
}

/** One row of the model's features: numbers as numbers, text mapped onto the model's levels (unknown = missing). */
export function rowFeatures(file: Pick<PlumbModelFile, 'features' | 'feature_levels'>, row: WhatIfRow): FeatureMatrix {
  const columns: Float64Array[] = [];
  const levels: (string[] | null)[] = [];
  for (const name of file.features) {
    const value = row[name];
    const modelLevels = file.feature_levels[name];
    if (modelLevels) {
      const code = value === null || value === undefined ? -1 : modelLevels.indexOf(String(value));
      columns.push(Float64Array.of(code < 0 ? NaN : code));
      levels.push(modelLevels.slice());
    } else {
      const number = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      columns.push(Float64Array.of(number));
      levels.push(null);
    }
  }
  return { nRows: 1, columns, names: file.features.slice(), levels };
}

/**
 * The row SHAP compares against when the training means are not enough: a linear model's training mean of each
 * numeric feature and the first level of each categorical one; 0 and the first level for other models.
 */
function baselineRow(file: PlumbModelFile): WeightedRows {
  const terms = linearTermsOf(file);
  return {
    columns: file.features.map((_, j) => {
      const t = terms ? terms.encoding.feature.findIndex((f, i) => f === j && terms.encoding.level[i] < 0) : -1;
      return Float64Array.of(t >= 0 ? terms!.encoding.fill[t] : 0);
    }),
  };
}

function methodName(method: ShapMethod, withBackground: boolean): string {
  if (!withBackground) return method === 'linear' ? 'linear' : method;
  if (method === 'linear') return 'linear (vs the training means, categories vs their first level)';
  return `${method} (vs a baseline row of 0 / first levels)`;
}

/** Predicts `row` with `file` and explains the chosen output (classIndex, else the predicted class; binary: the positive class). */
export function whatIf(file: PlumbModelFile, row: WhatIfRow, classIndex?: number): WhatIfResult {
  const started = performance.now();
  const X = formRowFeatures(file, row);
  const out = predictWithModel(file, X);
  const method = singleRowShapMethod(file);
  const terms = linearTermsOf(file);
  const withBackground = method === 'exact' || method === 'kernel' || (method === 'linear' && trainingTermMeans(terms!) === null);
  const shap = shapValues({ file, method, interventional: false, X, rows: [0], background: withBackground ? baselineRow(file) : undefined, nsamples: 'auto', seed: 0 });
  const classification = file.task === 'classification';
  const predicted = out.prediction[0];
  const explained = outputClasses(file);
  let k = 0;
  if (classification && shap.nOutputs > 1) {
    k = classIndex ?? predicted;
    if (k < 0 || k >= shap.nOutputs) throw invalidInput(`classIndex ${k} is out of range: the model has ${shap.nOutputs} classes`, { param: 'classIndex' });
  }
  const m = shap.nFeatures;
  const values = shap.values.subarray(k * m, (k + 1) * m);
  const base = shap.baseValue[k];
  let total = base;
  for (let j = 0; j < m; j++) total += values[j];
  const space = shapOutputSpace(method, file);
  const result: WhatIfResult = {
    prediction: classification ? file.classes[predicted] ?? String(predicted) : predicted,
    method: methodName(method, withBackground),
    output: spaceLabel(file, space),
    base_value: base,
    output_value: total,
    contributions: file.preprocessing ? byOriginalColumn(file, row, values) : file.features.map((feature, j) => ({ feature, value: row[feature] ?? null, shap: values[j] })),
    seconds: 0,
  };
  if (classification) {
    result.classes = file.classes.slice();
    if (out.proba) result.proba = Object.fromEntries(file.classes.map((c, i) => [c, out.proba![i]]));
    if (explained) result.explainedClass = explained.length === 1 ? explained[0] : explained[k];
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
