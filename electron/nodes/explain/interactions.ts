// explain.interactions: exact TreeSHAP interaction values of a tree model for a sample of rows, computed in worker
// row shares, written as SPEC §4 JSON with the explained rows' values for the panel's dependence plot.
import { interactions as declaration } from '../../../shared/catalog/explain/interactions.js';
import { invalidInput } from '../../../shared/errors.js';
import { estimatorOf } from '../../ml/estimators.js';
import { mergeInteractionRows } from '../../ml/explain/interaction-values.js';
import { outputClasses } from '../../ml/explain/model-outputs.js';
import type { TreeShapInteractions } from '../../ml/explain/tree-shap-interactions.js';
import { loadModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix } from '../../ml/types.js';
import { implementNode } from '../env.js';
import { pickRows } from '../inputs/ml-frame.js';
import { readFeatures, tableFrom } from '../inputs/model-data.js';
import { cellOf, type Cell } from './explanation-json.js';
import { explainTasks, runShares, sampleRows, shareCount, splitEvenly } from './worker-shares.js';

/** Above this many numbers (rows × classes × features²) the JSON would be too large to view: ask for fewer rows. */
export const MAX_INTERACTION_VALUES = 20_000_000;

export interface InteractionExplanation {
  kind: 'shap_interactions';
  method: 'tree';
  output: 'raw';
  feature_names: string[];
  /** one number, or one per class (multiclass) */
  base_value: number | number[];
  /** values[row][i][j], or values[class][row][i][j] (multiclass) */
  values: number[][][] | number[][][][];
  classes?: string[];
  /** row index in the `data` table of each explained row */
  rows: number[];
  /** data[row][feature]: the row's value of each feature */
  data: Cell[][];
}

export const interactionsNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    if (!estimatorOf(file.type).treeEnsemble?.(file.model)) {
      throw invalidInput(`SHAP interaction values need a tree model (decision tree, forest, boosting, XGBoost); this is a ${file.type} model`);
    }
    const data = await readFeatures(ctx, env, tableFrom(inputs, 'data'), file);
    if (data.nRows === 0) throw invalidInput('the data has no rows to explain');
    const rows = sampleRows(data.nRows, params.max_rows, params.seed);
    if (rows.length < data.nRows) ctx.warn(`explaining ${rows.length} of ${data.nRows} rows (max_rows)`);
    const m = file.features.length;
    const outputs = outputClasses(file)?.length ?? 1;
    if (rows.length * outputs * m * m > MAX_INTERACTION_VALUES) {
      throw invalidInput(`${rows.length} rows × ${m}² features${outputs > 1 ? ` × ${outputs} classes` : ''} is too many interaction values; lower max_rows`, {
        param: 'max_rows',
      });
    }
    const X = pickRows(data, rows);
    const shares = splitEvenly(X.nRows, shareCount(X.nRows, 16));
    const parts = await runShares(
      ctx,
      env,
      explainTasks.interactions,
      shares.map((share) => ({ file, X, rows: share })),
      'SHAP interaction values',
    );
    const explanation = interactionJson(mergeInteractionRows(parts), X, rows, file.features, outputClasses(file));
    return { explanation };
  },
});

/** The SPEC's nested arrays, plus each explained row's index and feature values. */
export function interactionJson(
  result: TreeShapInteractions,
  X: FeatureMatrix,
  rows: ArrayLike<number>,
  names: readonly string[],
  classes: string[] | null,
): InteractionExplanation {
  const { nOutputs, nRows, nFeatures: m } = result;
  const matrix = (k: number, r: number) => {
    const at = (k * nRows + r) * m * m;
    return Array.from({ length: m }, (_, i) => Array.from(result.values.subarray(at + i * m, at + (i + 1) * m)));
  };
  const perOutput = (k: number) => Array.from({ length: nRows }, (_, r) => matrix(k, r));
  const multi = nOutputs > 1;
  const out: InteractionExplanation = {
    kind: 'shap_interactions',
    method: 'tree',
    output: 'raw',
    feature_names: names.slice(),
    base_value: multi ? Array.from(result.baseValue) : result.baseValue[0],
    values: multi ? Array.from({ length: nOutputs }, (_, k) => perOutput(k)) : perOutput(0),
    rows: Array.from(rows),
    data: Array.from({ length: nRows }, (_, r) => names.map((_, j) => cellOf(X, [j], r, false))),
  };
  if (classes) out.classes = classes;
  return out;
}
