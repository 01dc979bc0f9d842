// LIME's view of the training data (lime_tabular with discretize_continuous=True, QuartileDiscretizer): numeric
// features cut at their training quartiles, every feature then a set of bins with training frequencies, and the
// per-bin statistics used to turn a drawn bin back into a number.

import type { FeatureMatrix } from '../types.js';

/** One feature's bins: what gets sampled, how a value maps to a bin, and how each bin reads. */
export interface LimeFeature {
  name: string;
  /** 'quartile': numeric, cut at the training quartiles; 'category': a value per bin (levels, or a 0/1 column) */
  kind: 'quartile' | 'category';
  /** quartile: the distinct cut points q (bin b holds q[b-1] < x <= q[b]); category: the value of each bin */
  cuts: number[];
  /** training share of each bin; the last bin is "missing" */
  frequencies: number[];
  /** readable condition of each bin, e.g. `age <= 38.50`, `38.50 < age <= 45.00`, `color=red` */
  conditions: string[];
  /** quartile only, per non-missing bin: training mean, std (+1e-11), min and max of the values in it */
  mean: number[];
  std: number[];
  min: number[];
  max: number[];
}

const fmt = (v: number) => v.toFixed(2);

/** Bin of a value: the last ("missing") bin for NaN, -1 for a category value the training rows never had. */
export function limeBin(feature: LimeFeature, value: number): number {
  if (value !== value) return feature.frequencies.length - 1;
  if (feature.kind === 'category') return feature.cuts.indexOf(value);
  // numpy searchsorted(q, x, 'left'): the number of cut points strictly below x.
  let b = 0;
  while (b < feature.cuts.length && feature.cuts[b] < value) b++;
  return b;
}

/**
 * Bins of every feature from the training rows. Categorical features (levels) and numeric features with at most two
 * distinct values are categories; other numeric features are cut at their 25th/50th/75th percentiles (numpy's linear
 * interpolation, duplicates removed, as lime's QuartileDiscretizer).
 */
export function limeFeatures(training: FeatureMatrix): LimeFeature[] {
  return training.columns.map((column, j) => describeFeature(training.names[j], column, training.levels[j]));
}

/** The readable condition a row's value meets, e.g. `age <= 38.50` or `color=red`. */
export function limeCondition(feature: LimeFeature, value: number): string {
  const b = limeBin(feature, value);
  return b >= 0 ? feature.conditions[b] : `${feature.name}=${formatValue(value)}`;
}

function describeFeature(name: string, column: Float64Array, levels: string[] | null): LimeFeature {
  const present: number[] = [];
  for (const v of column) if (v === v) present.push(v);
  present.sort((a, b) => a - b);
  const n = column.length;
  const missingShare = n > 0 ? (n - present.length) / n : 0;
  const distinct = [...new Set(present)];
  if (levels || distinct.length <= 2) {
    // Every level is a bin (an unseen one with share 0), so a row's level always has its own condition.
    const values = levels ? levels.map((_, code) => code) : distinct;
    const count = new Map<number, number>();
    for (const v of present) count.set(v, (count.get(v) ?? 0) + 1);
    const counts = values.map((v) => count.get(v) ?? 0);
    return {
      name,
      kind: 'category',
      cuts: values,
      frequencies: [...counts.map((c) => (n > 0 ? c / n : 0)), missingShare],
      conditions: [...values.map((v) => categoryCondition(name, v, levels, values)), `${name} is missing`],
      mean: [],
      std: [],
      min: [],
      max: [],
    };
  }
  const cuts = [...new Set([0.25, 0.5, 0.75].map((p) => percentile(present, p)))];
  const nBins = cuts.length + 1;
  const conditions = [`${name} <= ${fmt(cuts[0])}`];
  for (let b = 1; b < cuts.length; b++) conditions.push(`${fmt(cuts[b - 1])} < ${name} <= ${fmt(cuts[b])}`);
  conditions.push(`${name} > ${fmt(cuts[cuts.length - 1])}`, `${name} is missing`);
  const feature: LimeFeature = {
    name,
    kind: 'quartile',
    cuts,
    frequencies: new Array<number>(nBins + 1).fill(0),
    conditions,
    mean: [],
    std: [],
    min: [present[0], ...cuts],
    max: [...cuts, present[present.length - 1]],
  };
  const members: number[][] = Array.from({ length: nBins }, () => []);
  for (const v of present) members[limeBin(feature, v)].push(v);
  for (let b = 0; b < nBins; b++) {
    const values = members[b];
    feature.frequencies[b] = values.length / n;
    const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
    const variance = values.length ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length : 0;
    feature.mean.push(mean);
    feature.std.push(Math.sqrt(variance) + 1e-11);
  }
  feature.frequencies[nBins] = missingShare;
  return feature;
}

/** `color=red` for a level; for a 0/1 one-hot column named `color=red`: `color=red` / `color!=red`. */
function categoryCondition(name: string, value: number, levels: string[] | null, values: number[]): string {
  if (levels) return `${name}=${levels[value]}`;
  const cut = name.indexOf('=');
  if (cut > 0 && values.every((v) => v === 0 || v === 1)) {
    return value === 1 ? name : `${name.slice(0, cut)}!=${name.slice(cut + 1)}`;
  }
  return `${name}=${formatValue(value)}`;
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

/** numpy.percentile (linear interpolation) of sorted values, p in [0, 1]. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
