// Partial dependence and ICE by brute force (scikit-learn's partial_dependence, method 'brute'): set a feature to
// each grid value in every row, predict, average (PDP); the per-row curves are ICE. Grids follow _grid_from_X.

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import type { FeatureMatrix } from '../types.js';
import type { ExplainControl, ExplainedModel } from './exact-shapley.js';
import { runWith, type Predicting } from './predicting.js';

/** The values one feature (or one group of one-hot columns) is set to. */
export interface PdpAxis {
  /** the columns the axis sets */
  columns: number[];
  kind: 'numeric' | 'categorical';
  /** one label per grid point: the value (numeric) or the level name */
  labels: (number | string)[];
  /** per grid point, the value of every column in `columns` (points × columns, row-major) */
  settings: Float64Array;
}

/**
 * scipy.stats.mstats.mquantiles with scikit-learn's default plotting positions alphap = betap = 0.4, of sorted
 * values (what _grid_from_X uses for the grid ends).
 */
export function mquantile(sorted: ArrayLike<number>, p: number, alphap = 0.4, betap = 0.4): number {
  const n = sorted.length;
  const m = alphap + p * (1 - alphap - betap);
  const aleph = n * p + m;
  const k = Math.floor(Math.min(Math.max(aleph, 1), n - 1));
  const gamma = Math.min(Math.max(aleph - k, 0), 1);
  // scipy indexes x[k − 1] with Python semantics: for a single value, k − 1 = −1 is that value again.
  return (1 - gamma) * sorted[(k - 1 + n) % n] + gamma * sorted[k];
}

/**
 * Numeric grid: the sorted distinct values when there are fewer than `resolution`, else `resolution` evenly spaced
 * points between the `percentiles` (mquantiles). Where scikit-learn fails because the two percentiles coincide, the
 * grid spans min..max instead. Missing values are ignored.
 */
export function numericAxis(column: Float64Array, j: number, resolution: number, percentiles: readonly [number, number]): PdpAxis {
  const present = Array.from(column).filter((v) => v === v).sort((a, b) => a - b);
  if (present.length === 0) throw invalidInput('cannot build a partial dependence grid: the feature has only missing values', { param: 'features' });
  const distinct = [...new Set(present)];
  let points: number[];
  if (distinct.length < resolution) {
    points = distinct;
  } else {
    let lo = mquantile(present, percentiles[0]);
    let hi = mquantile(present, percentiles[1]);
    if (Math.abs(lo - hi) <= 1e-8 + 1e-5 * Math.abs(hi)) {
      lo = present[0];
      hi = present[present.length - 1];
    }
    points = Array.from({ length: resolution }, (_, i) => (i === resolution - 1 ? hi : lo + ((hi - lo) * i) / (resolution - 1)));
  }
  return { columns: [j], kind: 'numeric', labels: points, settings: Float64Array.from(points) };
}

/** Every level of a categorical feature (values are level codes). */
export function categoricalAxis(j: number, levels: readonly string[]): PdpAxis {
  return { columns: [j], kind: 'categorical', labels: levels.slice(), settings: Float64Array.from(levels, (_, code) => code) };
}

/**
 * The one-hot columns of one original column as one categorical axis: point i sets column i to 1 and the others to
 * 0. `baseline` adds a point with all of them 0 (a level left out by `drop`, or missing), labelled by it.
 */
export function oneHotAxis(columns: number[], levels: readonly string[], baseline?: string): PdpAxis {
  const c = columns.length;
  const labels: string[] = levels.slice();
  const points = c + (baseline !== undefined ? 1 : 0);
  const settings = new Float64Array(points * c);
  for (let i = 0; i < c; i++) settings[i * c + i] = 1;
  if (baseline !== undefined) labels.push(baseline);
  return { columns: columns.slice(), kind: 'categorical', labels, settings };
}

export interface PartialDependence {
  nOutputs: number;
  nPoints: number;
  /** average[k * nPoints + g]: mean output k over all rows with the axis at point g */
  average: Float64Array;
  /** ice[(k * nIce + i) * nPoints + g]: output k of row iceRows[i] at point g */
  ice: Float64Array;
  iceRows: number[];
}

/** PDP of every row of X and ICE curves of `iceRows` (indices into X). */
export function partialDependence(
  model: ExplainedModel,
  X: FeatureMatrix,
  axis: PdpAxis,
  iceRows: readonly number[] = [],
  control: ExplainControl = {},
): PartialDependence {
  return runWith(partialDependenceSteps(model.nOutputs, X, axis, iceRows, control), (rows) => model.predict(rows));
}

/** partialDependence as steps (see predicting.ts), for a model with `k` outputs: one model call per grid point. */
export function* partialDependenceSteps(
  k: number,
  X: FeatureMatrix,
  axis: PdpAxis,
  iceRows: readonly number[] = [],
  control: ExplainControl = {},
): Predicting<PartialDependence> {
  const n = X.nRows;
  if (n === 0) throw invalidInput('partial dependence needs at least one row');
  const c = axis.columns.length;
  const nPoints = axis.settings.length / c;
  const average = new Float64Array(k * nPoints);
  const ice = new Float64Array(k * iceRows.length * nPoints);
  const columns = X.columns.slice();
  for (let g = 0; g < nPoints; g++) {
    if (control.isCancelled?.()) throw cancelledError();
    axis.columns.forEach((j, i) => (columns[j] = new Float64Array(n).fill(axis.settings[g * c + i])));
    const out = yield { ...X, columns };
    for (let r = 0; r < n; r++) for (let o = 0; o < k; o++) average[o * nPoints + g] += out[r * k + o];
    for (let o = 0; o < k; o++) average[o * nPoints + g] /= n;
    iceRows.forEach((row, i) => {
      for (let o = 0; o < k; o++) ice[(o * iceRows.length + i) * nPoints + g] = out[row * k + o];
    });
    control.onProgress?.((g + 1) / nPoints);
  }
  return { nOutputs: k, nPoints, average, ice, iceRows: iceRows.slice() };
}
