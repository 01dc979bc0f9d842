// Reading the stored explanation and fairness outputs a report shows: SHAP values, interaction values, permutation
// importance, counterfactuals and fairness metrics (SPEC §4 JSON shapes). Unknown shapes read as null.

export type Cell = number | string | boolean | null;
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number'));
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface ShapValues {
  method: string;
  features: string[];
  /** the explained output: the positive class for binary models, the first class of a multiclass one */
  className: string | null;
  /** values[row][feature] */
  values: number[][];
  data: Cell[][];
}

export function readShapValues(value: unknown): ShapValues | null {
  if (!isRec(value) || value.kind === 'shap_interactions' || !Array.isArray(value.feature_names) || !Array.isArray(value.values) || !('base_value' in value)) return null;
  const multi = Array.isArray(value.base_value);
  const outputs = multi ? (value.values as unknown[]) : [value.values];
  const classes = Array.isArray(value.classes) ? value.classes.map(String) : [];
  const k = multi && outputs.length === 2 ? 1 : 0;
  const values = outputs[k];
  if (!isMatrix(values)) return null;
  return {
    method: String(value.method ?? ''),
    features: value.feature_names.map(String),
    className: multi ? (classes[k] ?? null) : null,
    values,
    data: Array.isArray(value.data) ? (value.data as Cell[][]) : [],
  };
}

export interface InteractionValues {
  features: string[];
  className: string | null;
  /** mean over rows of |value[i][j]| */
  meanAbs: number[][];
}

export function readInteractionValues(value: unknown): InteractionValues | null {
  if (!isRec(value) || value.kind !== 'shap_interactions' || !Array.isArray(value.feature_names) || !Array.isArray(value.values)) return null;
  const m = value.feature_names.length;
  const multi = Array.isArray(value.base_value);
  const outputs = (multi ? value.values : [value.values]) as unknown[];
  const k = multi && outputs.length === 2 ? 1 : 0;
  const rows = outputs[k];
  if (!Array.isArray(rows) || !rows.every((mat) => isMatrix(mat) && mat.length === m)) return null;
  const meanAbs = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (const mat of rows as number[][][]) for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) meanAbs[i][j] += Math.abs(mat[i][j]) / rows.length;
  const classes = Array.isArray(value.classes) ? value.classes.map(String) : [];
  return { features: value.feature_names.map(String), className: multi ? (classes[k] ?? null) : null, meanAbs };
}

export interface PermutationImportance {
  metric: string;
  features: { feature: string; mean: number; std: number }[];
}

export function readPermutationImportance(value: unknown): PermutationImportance | null {
  if (!isRec(value) || typeof value.metric !== 'string' || !Array.isArray(value.features)) return null;
  const features = value.features.filter(isRec).map((f) => ({ feature: String(f.feature), mean: Number(f.mean), std: Number(f.std) }));
  return { metric: value.metric, features: features.sort((a, b) => b.mean - a.mean) };
}

type Changes = [string, Cell, Cell][];
export interface CounterfactualRows {
  distance: string;
  rows: {
    row: number;
    prediction: string;
    nearest: { row: number; changes: Changes; prediction: string; distance: number } | null;
    generated: { changes: Changes; prediction: string; proximity: number; sparsity: number; valid: boolean }[];
  }[];
}

const changesOf = (v: unknown): Changes =>
  isRec(v) ? Object.entries(v).filter(([, p]) => Array.isArray(p) && p.length === 2).map(([f, p]) => [f, (p as Cell[])[0], (p as Cell[])[1]]) : [];

export function readCounterfactualRows(value: unknown): CounterfactualRows | null {
  if (!isRec(value) || value.kind !== 'counterfactuals' || !Array.isArray(value.rows)) return null;
  return {
    distance: String(value.distance ?? ''),
    rows: value.rows.filter(isRec).map((r) => ({
      row: Number(r.row),
      prediction: String(r.prediction),
      nearest: isRec(r.nearest) ? { row: Number(r.nearest.row), changes: changesOf(r.nearest.changes), prediction: String(r.nearest.prediction), distance: Number(r.nearest.distance) } : null,
      generated: (Array.isArray(r.generated) ? r.generated : [])
        .filter(isRec)
        .map((g) => ({ changes: changesOf(g.changes), prediction: String(g.prediction), proximity: Number(g.proximity), sparsity: Number(g.sparsity), valid: g.valid === true })),
    })),
  };
}

export interface FairnessMetrics {
  positive: string;
  sensitive: string[];
  groups: { group: string; n: number; rates: Record<string, number | null> }[];
  disparities: [string, number | null][];
}

export const FAIRNESS_RATES = ['selection_rate', 'accuracy', 'tpr', 'fpr', 'precision'] as const;
const DISPARITIES = ['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference', 'equalized_odds_ratio', 'equal_opportunity_difference', 'equal_opportunity_ratio'];

export function readFairnessMetrics(value: unknown): FairnessMetrics | null {
  if (!isRec(value) || !('demographic_parity_difference' in value) || !Array.isArray(value.groups)) return null;
  return {
    positive: String(value.positive ?? ''),
    sensitive: Array.isArray(value.sensitive) ? value.sensitive.map(String) : [],
    groups: value.groups.filter(isRec).map((g) => ({ group: String(g.group), n: Number(g.n), rates: Object.fromEntries(FAIRNESS_RATES.map((r) => [r, numOrNull(g[r])])) })),
    disparities: DISPARITIES.filter((k) => k in value).map((k) => [k, numOrNull(value[k])]),
  };
}
