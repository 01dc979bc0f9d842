// Reading explain.interactions' explanation.json for its panel: per-class matrices, the mean |value| heat map, the
// strongest pairs, each feature's strongest partner and the points of an interaction dependence plot.
import type { Cell } from './shap-data.js';

export interface InteractionView {
  features: string[];
  classes: string[];
  base: number[];
  /** values[output][row][i][j] */
  values: number[][][][];
  rows: number[];
  data: Cell[][];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSquare = (v: unknown, m: number): v is number[][] =>
  Array.isArray(v) && v.length === m && v.every((r) => Array.isArray(r) && r.length === m && r.every((x) => typeof x === 'number'));

export function readInteractions(value: unknown): InteractionView | null {
  if (!isRec(value) || value.kind !== 'shap_interactions' || !Array.isArray(value.feature_names) || !Array.isArray(value.values)) return null;
  const m = value.feature_names.length;
  const multi = Array.isArray(value.base_value);
  const values = (multi ? value.values : [value.values]) as unknown[];
  if (!values.every((rows) => Array.isArray(rows) && rows.every((mat) => isSquare(mat, m)))) return null;
  const typed = values as number[][][][];
  return {
    features: value.feature_names.map(String),
    classes: Array.isArray(value.classes) ? value.classes.map(String) : [],
    base: multi ? (value.base_value as unknown[]).map(Number) : [Number(value.base_value)],
    values: typed,
    rows: Array.isArray(value.rows) ? value.rows.map(Number) : Array.from({ length: typed[0]?.length ?? 0 }, (_, i) => i),
    data: Array.isArray(value.data) ? (value.data as Cell[][]) : [],
  };
}

/** mean over rows of |values[row][i][j]|, an M × M matrix. */
export function meanAbsMatrix(values: number[][][], m: number): number[][] {
  const out = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const n = Math.max(1, values.length);
  for (const mat of values) for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i][j] += Math.abs(mat[i][j]) / n;
  return out;
}

export interface Pair {
  i: number;
  j: number;
  /** mean |φ_ij + φ_ji| = mean |2 φ_ij|: the whole interaction effect of the pair, as shap's summary plot shows it */
  value: number;
}

/** Off-diagonal pairs i < j by mean |φ_ij + φ_ji|, largest first. */
export function topPairs(mean: number[][], limit = 10): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < mean.length; i++) for (let j = i + 1; j < mean.length; j++) pairs.push({ i, j, value: 2 * mean[i][j] });
  return pairs.sort((a, b) => b.value - a.value || a.i - b.i || a.j - b.j).slice(0, limit);
}

/** The feature with the largest mean |interaction| with `feature` (null when there is no other feature). */
export function strongestPartner(mean: number[][], feature: number): number | null {
  let best: number | null = null;
  for (let j = 0; j < mean.length; j++) if (j !== feature && (best === null || mean[feature][j] > mean[feature][best])) best = j;
  return best;
}

export type DependenceY = 'shap' | 'main' | 'pair';

/** The y value per row: the feature's SHAP value (row sum), its main effect (diagonal) or its interaction with `partner` (φ_ij + φ_ji). */
export function dependenceY(values: number[][][], feature: number, partner: number | null, y: DependenceY): Float64Array {
  return Float64Array.from(values, (mat) => {
    if (y === 'main') return mat[feature][feature];
    if (y === 'pair') return partner === null ? 0 : mat[feature][partner] + mat[partner][feature];
    return mat[feature].reduce((s, v) => s + v, 0);
  });
}
