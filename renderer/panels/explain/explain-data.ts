// Reading explain.lime, explain.permutation_importance and explain.pdp explanation.json for their panels.

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);

export interface LimeRow {
  row: number;
  intercept: number;
  prediction: number;
  local_prediction: number;
  score: number;
  weights: { feature: string; condition: string; weight: number }[];
}

export function readLime(value: unknown): LimeRow[] | null {
  if (!isRec(value) || !Array.isArray(value.rows) || !value.rows.every((r) => isRec(r) && Array.isArray(r.weights))) return null;
  return (value.rows as Rec[]).map((r) => ({
    row: num(r.row),
    intercept: num(r.intercept),
    prediction: num(r.prediction),
    local_prediction: num(r.local_prediction),
    score: num(r.score),
    weights: (r.weights as unknown[]).filter(isRec).map((w) => ({ feature: String(w.feature), condition: String(w.condition ?? w.feature), weight: num(w.weight) })),
  }));
}

export interface PermutationView {
  metric: string;
  baseline: number | null;
  features: { feature: string; mean: number; std: number }[];
}

export function readPermutation(value: unknown): PermutationView | null {
  if (!isRec(value) || typeof value.metric !== 'string' || !Array.isArray(value.features)) return null;
  const features = value.features.filter(isRec).map((f) => ({ feature: String(f.feature), mean: num(f.mean), std: num(f.std) }));
  return { metric: value.metric, baseline: typeof value.baseline === 'number' ? value.baseline : null, features: features.sort((a, b) => b.mean - a.mean) };
}

export interface PdpFeature {
  feature: string;
  kind: string;
  grid: (number | string)[];
  /** average[output][g] */
  average: number[][];
  /** ice[output][row][g] */
  ice: number[][][];
}

export interface PdpView {
  output: string;
  classes: string[];
  features: PdpFeature[];
}

const isNums = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

export function readPdp(value: unknown): PdpView | null {
  if (!isRec(value) || !Array.isArray(value.features) || !value.features.every((f) => isRec(f) && Array.isArray(f.grid) && Array.isArray(f.average))) return null;
  const features = (value.features as Rec[]).map((f) => {
    const multi = !isNums(f.average);
    const average = multi ? (f.average as number[][]) : [f.average as number[]];
    const iceRaw = Array.isArray(f.ice) ? f.ice : [];
    const ice = multi ? (iceRaw as number[][][]) : [iceRaw as number[][]];
    return { feature: String(f.feature), kind: String(f.kind ?? 'numeric'), grid: f.grid as (number | string)[], average, ice };
  });
  return { output: String(value.output ?? ''), classes: Array.isArray(value.classes) ? value.classes.map(String) : [], features };
}

export type ExplanationKind = 'shap' | 'lime' | 'permutation' | 'pdp' | 'interactions' | 'counterfactuals';

/** Which explainer wrote an explanation, from its shape. */
export function explanationKind(value: unknown): ExplanationKind | null {
  if (!isRec(value)) return null;
  if (value.kind === 'shap_interactions') return 'interactions';
  if (value.kind === 'counterfactuals') return 'counterfactuals';
  if (Array.isArray(value.feature_names) && 'base_value' in value) return 'shap';
  if (typeof value.metric === 'string' && Array.isArray(value.features)) return 'permutation';
  if (Array.isArray(value.features) && value.features.every((f) => isRec(f) && 'grid' in f)) return 'pdp';
  if (Array.isArray(value.rows) && value.rows.every((r) => isRec(r) && Array.isArray(r.weights))) return 'lime';
  return null;
}
