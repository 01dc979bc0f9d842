// Seeded random tree ensembles and data for TreeSHAP tests: repeated features on a path, thresholds that data
// hits exactly, NaNs, both split rules, vector leaves, zero-cover branches and uneven covers.

import type { Tree, TreeEnsemble } from '../../../../../electron/ml/tree/types.js';

export type Random = () => number;

/** mulberry32: small, seeded, good enough for test data. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GRID = [-1.5, -0.5, 0, 0.1, 0.5, 1, 2];

export interface RandomEnsembleSpec {
  nFeatures: number;
  nTrees: number;
  maxDepth: number;
  splitRule?: TreeEnsemble['splitRule'];
  aggregation?: TreeEnsemble['aggregation'];
  /** values per leaf (> 1: forest-style vector leaves feeding outputs 0..nValues-1) */
  nValues?: number;
  /** with nValues = 1: outputs fed round-robin (GBM multiclass) */
  nOutputs?: number;
  /** chance that a child gets zero cover */
  zeroCover?: number;
  /** only the first `usedFeatures` features are split on (the rest must get zero SHAP values) */
  usedFeatures?: number;
}

export function randomTree(random: Random, spec: RandomEnsembleSpec): Tree {
  const nValues = spec.nValues ?? 1;
  const used = spec.usedFeatures ?? spec.nFeatures;
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const missingLeft: number[] = [];
  const cover: number[] = [];
  const value: number[] = [];
  const grow = (depth: number, nodeCover: number): number => {
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    missingLeft.push(random() < 0.5 ? 1 : 0);
    cover.push(nodeCover);
    for (let v = 0; v < nValues; v++) value.push(0);
    const split = depth < spec.maxDepth && (depth === 0 || random() < 0.8);
    if (!split) {
      for (let v = 0; v < nValues; v++) value[id * nValues + v] = Math.round((random() * 4 - 2) * 1000) / 1000;
      return id;
    }
    // Few distinct features so paths repeat them; thresholds from the grid so data hits them exactly.
    feature[id] = Math.floor(random() * Math.min(used, 4 + Math.floor(random() * used)));
    const raw = random() < 0.7 ? GRID[Math.floor(random() * GRID.length)] : random() * 4 - 2;
    threshold[id] = spec.splitRule === 'lt_f32' ? Math.fround(raw) : raw;
    let share = 0.1 + 0.8 * random();
    const zero = spec.zeroCover ?? 0;
    if (random() < zero) share = random() < 0.5 ? 0 : 1;
    // Children's covers need not add up to the parent's (XGBoost's float32 hessian sums do not).
    const wobble = 1 + (random() - 0.5) * 0.01;
    left[id] = grow(depth + 1, nodeCover * share * wobble);
    right[id] = grow(depth + 1, nodeCover * (1 - share));
    return id;
  };
  grow(0, 100 + random() * 100);
  // Inner nodes: cover-weighted mean of the children, as the shared representation promises.
  for (let id = feature.length - 1; id >= 0; id--) {
    if (feature[id] < 0) continue;
    const l = left[id];
    const r = right[id];
    const c = cover[l] + cover[r];
    for (let v = 0; v < nValues; v++) {
      value[id * nValues + v] = c > 0 ? (cover[l] * value[l * nValues + v] + cover[r] * value[r * nValues + v]) / c : 0;
    }
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    missingLeft: Uint8Array.from(missingLeft),
    cover: Float64Array.from(cover),
    value: Float64Array.from(value),
    nValues,
  };
}

export function randomEnsemble(random: Random, spec: RandomEnsembleSpec): TreeEnsemble {
  const nValues = spec.nValues ?? 1;
  const nOutputs = nValues > 1 ? nValues : (spec.nOutputs ?? 1);
  const trees = Array.from({ length: spec.nTrees }, () => randomTree(random, spec));
  return {
    trees,
    treeOutput: Int32Array.from(trees, (_, t) => (nValues > 1 ? 0 : t % nOutputs)),
    nOutputs,
    baseMargin: Float64Array.from({ length: nOutputs }, () => random() - 0.5),
    splitRule: spec.splitRule ?? 'le',
    aggregation: spec.aggregation ?? 'sum',
    link: 'identity',
    nFeatures: spec.nFeatures,
  };
}

/** Feature columns: grid values (exact threshold hits), uniform noise and `missing` share of NaN. */
export function randomColumns(random: Random, nFeatures: number, nRows: number, missing = 0.15): Float64Array[] {
  return Array.from({ length: nFeatures }, () =>
    Float64Array.from({ length: nRows }, () => {
      const u = random();
      if (u < missing) return Number.NaN;
      return random() < 0.5 ? GRID[Math.floor(random() * GRID.length)] : random() * 5 - 2.5;
    }),
  );
}

/** Row r of column-major data as a plain array. */
export const rowOf = (columns: Float64Array[], r: number): number[] => columns.map((c) => c[r]);
