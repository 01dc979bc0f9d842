// Counterfactual explanations of a classifier's decision: the nearest reference row with another prediction (the
// What-If Tool's nearest counterfactual, unconstrained) and k diverse generated counterfactuals from a seeded search
// that changes as few features as possible and respects immutable features, allowed ranges and directions.
// Candidates are predicted in batches (one call per search level), never one by one.
import { Random } from '../random.js';
import type { FeatureMatrix } from '../types.js';
import { distance, featureDistance, madScales } from './distance.js';

export interface Constraints {
  immutable: Set<number>;
  /** feature → [lo, hi] (numeric features) */
  ranges: Map<number, [number, number]>;
  directions: Map<number, 'up' | 'down'>;
}

export interface CounterfactualOptions {
  k: number;
  seed: number;
  /** random candidates tried per sparsity level above 1 */
  samplesPerLevel?: number;
}

/** Predicted class per row of a matrix (one call for the whole batch). */
export type PredictClasses = (X: FeatureMatrix) => Int32Array;

export interface Candidate {
  values: Float64Array;
  prediction: number;
  /** DiCE proximity: MAD-scaled L1 distance to the explained row (lower is closer) */
  distance: number;
  /** number of features changed */
  sparsity: number;
  /** indices of the changed features */
  changed: number[];
  valid: boolean;
}

export interface RowCounterfactuals {
  prediction: number;
  nearest: { row: number; values: Float64Array; prediction: number; distance: number } | null;
  generated: Candidate[];
}

const QUANTILES = 24;

function matrixOf(rows: Float64Array[], template: FeatureMatrix): FeatureMatrix {
  const m = template.columns.length;
  return {
    nRows: rows.length,
    columns: Array.from({ length: m }, (_, j) => Float64Array.from(rows, (r) => r[j])),
    names: template.names,
    levels: template.levels,
  };
}

export function rowOf(X: FeatureMatrix, i: number): Float64Array {
  return Float64Array.from(X.columns, (c) => c[i]);
}

/** Whether changing feature j from `from` to `to` is allowed. */
export function allowed(c: Constraints, j: number, from: number, to: number): boolean {
  if (to === from || (Number.isNaN(to) && Number.isNaN(from))) return true;
  if (c.immutable.has(j)) return false;
  const range = c.ranges.get(j);
  if (range && !(to >= range[0] && to <= range[1])) return false;
  const dir = c.directions.get(j);
  if (dir === 'up' && !(to > from)) return false;
  if (dir === 'down' && !(to < from)) return false;
  return true;
}

/** Candidate values per feature: reference quantiles (numeric) or levels (categorical), plus range ends, allowed ones only. */
function valuePools(x: Float64Array, background: FeatureMatrix, c: Constraints): number[][] {
  return background.columns.map((column, j) => {
    if (c.immutable.has(j)) return [];
    let values: number[];
    const levels = background.levels[j];
    if (levels) values = levels.map((_, code) => code);
    else {
      const finite = Float64Array.from(column.filter((v) => Number.isFinite(v))).sort();
      values = finite.length ? Array.from({ length: QUANTILES + 1 }, (_, q) => finite[Math.round((q / QUANTILES) * (finite.length - 1))]) : [];
      const range = c.ranges.get(j);
      if (range) values.push(...range.filter(Number.isFinite));
    }
    return [...new Set(values)].filter((v) => v !== x[j] && allowed(c, j, x[j], v));
  });
}

function changedFeatures(a: Float64Array, b: Float64Array): number[] {
  const out: number[] = [];
  for (let j = 0; j < a.length; j++) if (featureDistance(a[j], b[j], 1) > 0) out.push(j);
  return out;
}

function candidate(x: Float64Array, values: Float64Array, prediction: number, original: number, scales: (number | null)[]): Candidate {
  const changed = changedFeatures(x, values);
  return { values, prediction, distance: distance(x, values, scales), sparsity: changed.length, changed, valid: prediction !== original };
}

/** Pulls a valid candidate's numeric changes back toward the row (bisection on a common factor) while it stays valid. */
function tighten(x: Float64Array, cand: Float64Array, X: FeatureMatrix, predict: PredictClasses, original: number, c: Constraints, integer: boolean[]): Float64Array {
  const numeric = Array.from(cand.keys()).filter((j) => !X.levels[j] && cand[j] !== x[j] && Number.isFinite(x[j]));
  if (numeric.length === 0) return cand;
  // Whole-number features (counts, months) stay whole: rounded away from the row, so still between row and candidate.
  const at = (alpha: number) => {
    const v = Float64Array.from(cand);
    for (const j of numeric) {
      const t = x[j] + alpha * (cand[j] - x[j]);
      v[j] = integer[j] ? (cand[j] > x[j] ? Math.ceil(t) : Math.floor(t)) : t;
    }
    return v;
  };
  // 12 factors in one batch, then the smallest that still flips and keeps every constraint (alpha = 1 is the candidate).
  const rows = Array.from({ length: 12 }, (_, i) => at((i + 1) / 12)).filter((v) => numeric.every((j) => allowed(c, j, x[j], v[j])));
  const preds = predict(matrixOf(rows, X));
  const first = rows.findIndex((_, i) => preds[i] !== original);
  return first >= 0 ? rows[first] : cand;
}

export function counterfactualsForRow(
  x: Float64Array,
  background: FeatureMatrix,
  backgroundPred: Int32Array,
  predict: PredictClasses,
  c: Constraints,
  options: CounterfactualOptions,
  scales: (number | null)[] = madScales(background),
): RowCounterfactuals {
  const template = background;
  const original = predict(matrixOf([x], template))[0];
  // Nearest reference row with a different prediction, by brute force over the reference.
  let nearest: RowCounterfactuals['nearest'] = null;
  for (let i = 0; i < background.nRows; i++) {
    if (backgroundPred[i] === original) continue;
    const v = rowOf(background, i);
    const d = distance(x, v, scales);
    if (!nearest || d < nearest.distance) nearest = { row: i, values: v, prediction: backgroundPred[i], distance: d };
  }
  const pools = valuePools(x, background, c);
  const integer = background.columns.map((column, j) => !background.levels[j] && column.every((v) => !Number.isFinite(v) || Number.isInteger(v)));
  const mutable = pools.map((p, j) => (p.length ? j : -1)).filter((j) => j >= 0);
  const rng = new Random(options.seed);
  const samples = options.samplesPerLevel ?? 600;
  const found: Candidate[] = [];
  const seen = new Set<string>();
  for (let level = 1; level <= mutable.length && found.length < options.k * 4; level++) {
    const rows: Float64Array[] = [];
    const push = (v: Float64Array) => {
      const key = Array.from(v).join(',');
      if (seen.has(key)) return;
      seen.add(key);
      rows.push(v);
    };
    if (level === 1) {
      for (const j of mutable) for (const value of pools[j]) push(Object.assign(Float64Array.from(x), { [j]: value }));
    } else {
      for (let s = 0; s < samples; s++) {
        const v = Float64Array.from(x);
        const order = mutable.slice();
        for (let t = 0; t < level; t++) {
          const pick = t + rng.int(order.length - t);
          [order[t], order[pick]] = [order[pick], order[t]];
          const pool = pools[order[t]];
          v[order[t]] = pool[rng.int(pool.length)];
        }
        push(v);
      }
    }
    if (rows.length === 0) continue;
    const preds = predict(matrixOf(rows, template));
    rows.forEach((v, r) => {
      if (preds[r] !== original) found.push(candidate(x, v, preds[r], original, scales));
    });
  }
  const picked = pickDiverse(found, options.k).map((cand) => {
    const values = tighten(x, cand.values, template, predict, original, c, integer);
    return candidate(x, values, predict(matrixOf([values], template))[0], original, scales);
  });
  return { prediction: original, nearest, generated: picked };
}

/**
 * k candidates, fewest changes first: one per distinct set of changed features (closest of each), then the closest
 * of the rest — so the suggestions differ in what they change, not only by how much.
 */
export function pickDiverse(found: Candidate[], k: number): Candidate[] {
  const sorted = found.slice().sort((a, b) => a.sparsity - b.sparsity || a.distance - b.distance);
  const picked: Candidate[] = [];
  const sets = new Set<string>();
  for (const cand of sorted) {
    if (picked.length >= k) break;
    const key = cand.changed.join(',');
    if (sets.has(key)) continue;
    sets.add(key);
    picked.push(cand);
  }
  for (const cand of sorted) {
    if (picked.length >= k) break;
    if (!picked.includes(cand)) picked.push(cand);
  }
  return picked;
}
