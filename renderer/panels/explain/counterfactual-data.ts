// Reading explain.counterfactual's explanation.json for its panel.

type Cell = number | string | null;

export interface CounterfactualChange {
  feature: string;
  from: Cell;
  to: Cell;
}

export interface CounterfactualRowView {
  row: number;
  prediction: string;
  nearest: { row: number; changes: CounterfactualChange[]; prediction: string; distance: number } | null;
  generated: { changes: CounterfactualChange[]; prediction: string; proximity: number; sparsity: number; valid: boolean }[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const cell = (v: unknown): Cell => (typeof v === 'number' || typeof v === 'string' ? v : null);

function changesOf(v: unknown): CounterfactualChange[] {
  if (!isRec(v)) return [];
  return Object.entries(v)
    .filter(([, pair]) => Array.isArray(pair) && pair.length === 2)
    .map(([feature, pair]) => ({ feature, from: cell((pair as unknown[])[0]), to: cell((pair as unknown[])[1]) }));
}

export function readCounterfactuals(value: unknown): CounterfactualRowView[] | null {
  if (!isRec(value) || value.kind !== 'counterfactuals' || !Array.isArray(value.rows)) return null;
  return value.rows.filter(isRec).map((r) => ({
    row: Number(r.row),
    prediction: String(r.prediction),
    nearest: isRec(r.nearest)
      ? { row: Number(r.nearest.row), changes: changesOf(r.nearest.changes), prediction: String(r.nearest.prediction), distance: Number(r.nearest.distance) }
      : null,
    generated: (Array.isArray(r.generated) ? r.generated : []).filter(isRec).map((g) => ({
      changes: changesOf(g.changes),
      prediction: String(g.prediction),
      proximity: Number(g.proximity),
      sparsity: Number(g.sparsity),
      valid: g.valid === true,
    })),
  }));
}
