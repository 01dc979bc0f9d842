// SPEC §6 explanation.json for SHAP values, plus what the SHAP panels need beside it: the explained rows' indices
// and their feature values (one value per output feature; a one-hot group shows the level that is set).
import type { ShapValues } from '../../ml/explain/exact-shapley.js';
import type { FeatureGroups } from '../../ml/explain/group-encoded.js';
import type { FeatureMatrix } from '../../ml/types.js';

export type Cell = number | string | null;

export interface ShapExplanation {
  method: 'tree' | 'kernel' | 'linear' | 'exact';
  output: 'raw' | 'probability';
  feature_names: string[];
  /** one number, or one per class (multiclass) */
  base_value: number | number[];
  /** values[row][feature], or values[class][row][feature] (multiclass) */
  values: number[][] | number[][][];
  /** classification: the class of each explained output (binary: the positive class only) */
  classes?: string[];
  /** row index in the `data` table of each explained row */
  rows: number[];
  /** data[row][feature]: the row's value of each output feature */
  data: Cell[][];
}

/** Values of `shap` (already grouped) laid out as the SPEC's nested arrays. */
export function shapJson(
  shap: ShapValues,
  groups: FeatureGroups,
  X: FeatureMatrix,
  rows: ArrayLike<number>,
  head: { method: ShapExplanation['method']; output: ShapExplanation['output']; classes: string[] | null },
): ShapExplanation {
  const { nOutputs, nRows, nFeatures: g } = shap;
  const perOutput = (k: number) =>
    Array.from({ length: nRows }, (_, r) => Array.from(shap.values.subarray((k * nRows + r) * g, (k * nRows + r + 1) * g)));
  const multi = nOutputs > 1;
  const out: ShapExplanation = {
    method: head.method,
    output: head.output,
    feature_names: groups.names.slice(),
    base_value: multi ? Array.from(shap.baseValue) : shap.baseValue[0],
    values: multi ? Array.from({ length: nOutputs }, (_, k) => perOutput(k)) : perOutput(0),
    rows: Array.from(rows),
    data: Array.from({ length: nRows }, (_, r) => groups.members.map((members, i) => cellOf(X, members, rows[r], isGroup(groups, i, X.names)))),
  };
  if (head.classes) out.classes = head.classes;
  return out;
}

/** True when output feature g stands for one-hot columns (`color` for `color=red`, …) rather than one feature. */
export function isGroup(groups: FeatureGroups, g: number, featureNames: readonly string[]): boolean {
  const members = groups.members[g];
  return members.length > 1 || featureNames[members[0]] !== groups.names[g];
}

/** A feature's value in row r of X: the number, the level name, or for a one-hot group the level that is 1. */
export function cellOf(X: FeatureMatrix, members: readonly number[], r: number, group: boolean): Cell {
  if (!group) {
    const j = members[0];
    const v = X.columns[j][r];
    if (v !== v) return null;
    const levels = X.levels[j];
    return levels ? (levels[v] ?? null) : v;
  }
  for (const j of members) {
    if (X.columns[j][r] === 1) {
      const name = X.names[j];
      return name.slice(name.indexOf('=') + 1);
    }
  }
  return null;
}
