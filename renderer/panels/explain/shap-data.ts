// Reading explain.shap's explanation.json for the SHAP panels: per-class values, global importance, beeswarm
// layout, dependence points with the strongest interacting feature, and one row's waterfall.

export type Cell = number | string | boolean | null;

export interface ShapView {
  method: string;
  output: string;
  features: string[];
  /** class label per explained output; [] for regression / a single output without classes */
  classes: string[];
  base: number[];
  /** values[output][row][feature] */
  values: number[][][];
  /** row index in the explained table of each explained row */
  rows: number[];
  data: Cell[][];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number'));

export function readShap(value: unknown): ShapView | null {
  if (!isRec(value) || !Array.isArray(value.feature_names) || !Array.isArray(value.values) || !('base_value' in value)) return null;
  const multi = Array.isArray(value.base_value);
  const values = multi ? (value.values as unknown[]) : [value.values];
  if (!values.every(isMatrix)) return null;
  const base = multi ? (value.base_value as unknown[]).map(Number) : [Number(value.base_value)];
  const nRows = values[0]?.length ?? 0;
  return {
    method: String(value.method ?? ''),
    output: String(value.output ?? ''),
    features: value.feature_names.map(String),
    classes: Array.isArray(value.classes) ? value.classes.map(String) : [],
    base,
    values,
    rows: Array.isArray(value.rows) ? value.rows.map(Number) : Array.from({ length: nRows }, (_, i) => i),
    data: Array.isArray(value.data) ? (value.data as Cell[][]) : [],
  };
}

export interface Importance {
  feature: string;
  index: number;
  value: number;
}

/** Mean |SHAP| per feature, largest first. */
export function meanAbsShap(values: number[][], features: string[]): Importance[] {
  const n = Math.max(1, values.length);
  return features
    .map((feature, j) => {
      let s = 0;
      for (const row of values) s += Math.abs(row[j]);
      return { feature, index: j, value: s / n };
    })
    .sort((a, b) => b.value - a.value || a.index - b.index);
}

/** Per feature, the rows' values as numbers: numbers as they are, text as its rank among the sorted levels. */
export function numericColumns(data: Cell[][], nFeatures: number): { values: Float64Array; levels: string[] | null }[] {
  return Array.from({ length: nFeatures }, (_, j) => {
    const cells = data.map((r) => r[j]);
    const text = cells.some((c) => typeof c === 'string');
    if (!text) return { values: Float64Array.from(cells, (c) => (typeof c === 'number' ? c : NaN)), levels: null };
    const levels = [...new Set(cells.filter((c): c is string => typeof c === 'string'))].sort();
    const index = new Map(levels.map((l, i) => [l, i]));
    return { values: Float64Array.from(cells, (c) => (typeof c === 'string' ? index.get(c)! : typeof c === 'number' ? c : NaN)), levels };
  });
}

/**
 * The value range the colour map spans: the 5th–95th percentile (as shap's summary plot clips colours), or the
 * full range when those coincide; null without finite values.
 */
export function colourRange(values: ArrayLike<number>): [number, number] | null {
  const finite = Array.from(values).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const lo = finite[Math.floor(0.05 * (finite.length - 1))];
  const hi = finite[Math.ceil(0.95 * (finite.length - 1))];
  return hi > lo ? [lo, hi] : [finite[0], finite[finite.length - 1]];
}

/** Values scaled to [0, 1] over colourRange (clipped); NaN stays NaN. */
export function colourScale(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const range = colourRange(values);
  if (!range) return out;
  const [lo, hi] = range;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out[i] = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  }
  return out;
}

/** The SHAP panels' features after a max-features cut: the most important ones, the rest summed into one. */
export interface CollapsedShap {
  /** shown features by importance, then (when any were cut) the summed rest at index `features.length - 1` */
  order: Importance[];
  /** values[row][i] for order[i] */
  values: number[][];
  /** each order entry's column in the numeric feature columns; null for the summed rest */
  source: (number | null)[];
  /** how many features were summed into the last entry (0: none) */
  rest: number;
}

/**
 * At most `max` entries: the `max − 1` most important features and "Sum of k other features" when more than `max`
 * exist (as shap's max_display). Per row the rest's values are summed (beeswarm, waterfall: additivity is kept);
 * its importance is the sum of the rest's mean |SHAP| (as shap's bar plot).
 */
export function collapseFeatures(values: number[][], order: Importance[], max: number): CollapsedShap {
  const limit = Math.max(1, Math.floor(max));
  if (order.length <= limit) {
    return { order, values: values.map((row) => order.map((f) => row[f.index])), source: order.map((f) => f.index), rest: 0 };
  }
  const shown = order.slice(0, limit - 1);
  const cut = order.slice(limit - 1);
  const other: Importance = { feature: `Sum of ${cut.length} other features`, index: -1, value: cut.reduce((s, f) => s + f.value, 0) };
  return {
    order: [...shown, other],
    values: values.map((row) => [...shown.map((f) => row[f.index]), cut.reduce((s, f) => s + row[f.index], 0)]),
    source: [...shown.map((f) => f.index), null],
    rest: cut.length,
  };
}

/** What the values explain, in words: the class's probability, the class's raw output, or the model output. */
export function explainedOutput(shap: Pick<ShapView, 'classes' | 'output'>, k: number): string {
  const cls = shap.classes[k];
  if (shap.output === 'probability') return cls === undefined ? 'probability' : `P(${cls})`;
  return cls === undefined ? 'model output' : `raw output (margin) for ${cls}`;
}

export interface SwarmPoint {
  row: number;
  /** position within the explained rows */
  feature: number;
  shap: number;
  /** pixel x and y offset from the feature's centre line */
  x: number;
  dy: number;
  colour: number;
}

/**
 * Beeswarm layout: x from the SHAP value, points in the same 2-pixel column stacked alternately above and below the
 * centre line (so density shows as height), capped at ±halfHeight.
 */
export function swarmLayout(
  shap: ArrayLike<number>,
  colour: ArrayLike<number>,
  feature: number,
  toX: (v: number) => number,
  halfHeight: number,
  spacing = 1.6,
): SwarmPoint[] {
  const order = Array.from({ length: shap.length }, (_, i) => i).sort((a, b) => Math.abs(shap[a]) - Math.abs(shap[b]) || a - b);
  const filled = new Map<number, number>();
  const points: SwarmPoint[] = new Array(shap.length);
  for (const i of order) {
    const x = toX(shap[i]);
    const bin = Math.round(x / 2);
    const k = filled.get(bin) ?? 0;
    filled.set(bin, k + 1);
    const offset = Math.ceil(k / 2) * spacing * (k % 2 === 1 ? -1 : 1);
    const dy = Math.max(-halfHeight, Math.min(halfHeight, offset));
    points[i] = { row: i, feature, shap: shap[i], x, dy, colour: colour[i] };
  }
  return points;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      n++;
      sa += a[i];
      sb += b[i];
    }
  }
  if (n < 3) return 0;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      cov += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) ** 2;
      vb += (b[i] - mb) ** 2;
    }
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/**
 * The feature that best explains what `feature`'s own value does not: the SHAP values' residual after the mean per
 * value bin of the feature (10 quantile bins), correlated with each other feature; the largest |r| wins.
 */
export function strongestInteraction(shap: ArrayLike<number>, columns: { values: Float64Array }[], feature: number): { feature: number; r: number } | null {
  const x = columns[feature].values;
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => Number.isFinite(x[i]))
    .sort((a, b) => x[a] - x[b]);
  const residual = new Float64Array(n).fill(NaN);
  const bins = Math.min(10, order.length);
  let start = 0;
  for (let b = 0; b < bins; b++) {
    let end = Math.round(((b + 1) * order.length) / bins);
    // Equal feature values share a bin, so a categorical level is never split.
    while (end < order.length && end > 0 && x[order[end]] === x[order[end - 1]]) end++;
    if (end <= start) continue;
    let mean = 0;
    for (let k = start; k < end; k++) mean += shap[order[k]];
    mean /= end - start;
    for (let k = start; k < end; k++) residual[order[k]] = shap[order[k]] - mean;
    start = end;
  }
  let best: { feature: number; r: number } | null = null;
  columns.forEach((c, j) => {
    if (j === feature) return;
    const r = pearson(residual, c.values);
    if (!best || Math.abs(r) > Math.abs(best.r)) best = { feature: j, r };
  });
  return best;
}

export interface WaterfallStep {
  feature: string;
  value: Cell;
  shap: number;
  start: number;
  end: number;
}

/**
 * A row's waterfall: the largest contributions by |SHAP| (at most `maxShown`, the rest summed into one step), each
 * starting where the previous ended, from the base value to base + Σ SHAP.
 */
export function waterfallSteps(base: number, contributions: { feature: string; value: Cell; shap: number }[], maxShown = 12): { steps: WaterfallStep[]; output: number } {
  const sorted = contributions.slice().sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap));
  const shown = sorted.slice(0, sorted.length > maxShown ? maxShown - 1 : maxShown);
  const rest = sorted.slice(shown.length);
  const items = rest.length ? [...shown, { feature: `Sum of ${rest.length} other features`, value: null, shap: rest.reduce((s, c) => s + c.shap, 0) }] : shown;
  let at = base;
  const steps = items.map((c) => {
    const step = { feature: c.feature, value: c.value, shap: c.shap, start: at, end: at + c.shap };
    at += c.shap;
    return step;
  });
  return { steps, output: at };
}
