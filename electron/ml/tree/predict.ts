// Ensemble prediction on raw feature columns: margins (row-major nRows × nOutputs) and the link that
// turns them into outputs. Works for our trainers ('le') and imported XGBoost models ('lt_f32').

import { invalidInput } from '../../../shared/errors.js';
import type { FeatureMatrix } from '../types.js';
import type { Tree, TreeEnsemble } from './types.js';

export type FeatureColumns = Pick<FeatureMatrix, 'nRows' | 'columns'>;

/** The leaf that row `row` of `columns` reaches in `tree`. */
export function findLeaf(tree: Tree, columns: Float64Array[], row: number, splitRule: TreeEnsemble['splitRule']): number {
  const { feature, threshold, left, right, missingLeft } = tree;
  let node = 0;
  if (splitRule === 'le') {
    for (let f = feature[0]; f >= 0; f = feature[node]) {
      const x = columns[f][row];
      const t = threshold[node];
      node = x <= t ? left[node] : x > t ? right[node] : missingLeft[node] ? left[node] : right[node];
    }
  } else {
    for (let f = feature[0]; f >= 0; f = feature[node]) {
      const x = Math.fround(columns[f][row]);
      const t = threshold[node];
      node = x < t ? left[node] : x >= t ? right[node] : missingLeft[node] ? left[node] : right[node];
    }
  }
  return node;
}

/** Adds the tree's leaf values to `out` (row-major, `stride` values per row) starting at column `offset`. */
function addTree(tree: Tree, X: FeatureColumns, rule: TreeEnsemble['splitRule'], out: Float64Array, stride: number, offset: number): void {
  const { feature, threshold, left, right, missingLeft, value, nValues } = tree;
  const cols = X.columns;
  const n = X.nRows;
  const lessOrEqual = rule === 'le';
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = feature[0];
    if (lessOrEqual) {
      while (f >= 0) {
        const x = cols[f][i];
        const t = threshold[node];
        node = x <= t ? left[node] : x > t ? right[node] : missingLeft[node] ? left[node] : right[node];
        f = feature[node];
      }
    } else {
      while (f >= 0) {
        const x = Math.fround(cols[f][i]);
        const t = threshold[node];
        node = x < t ? left[node] : x >= t ? right[node] : missingLeft[node] ? left[node] : right[node];
        f = feature[node];
      }
    }
    const o = i * stride + offset;
    if (nValues === 1) out[o] += value[node];
    else for (let k = 0, v = node * nValues; k < nValues; k++) out[o + k] += value[v + k];
  }
}

/** Raw ensemble output before the link: baseMargin + sum (or mean) of tree values, nRows × nOutputs row-major. */
export function ensembleMargin(ensemble: TreeEnsemble, X: FeatureColumns): Float64Array {
  if (X.columns.length < ensemble.nFeatures) {
    throw invalidInput(`the model needs ${ensemble.nFeatures} features, the data has ${X.columns.length}`);
  }
  const n = X.nRows;
  const K = ensemble.nOutputs;
  const out = new Float64Array(n * K);
  const treesPerOutput = new Float64Array(K);
  ensemble.trees.forEach((tree, t) => {
    if (tree.nValues === 1) {
      const k = ensemble.treeOutput[t] ?? 0;
      addTree(tree, X, ensemble.splitRule, out, K, k);
      treesPerOutput[k]++;
    } else {
      if (tree.nValues !== K) throw invalidInput(`tree ${t} has ${tree.nValues} values per leaf, the model has ${K} outputs`);
      addTree(tree, X, ensemble.splitRule, out, K, 0);
      for (let k = 0; k < K; k++) treesPerOutput[k]++;
    }
  });
  for (let k = 0; k < K; k++) {
    const scale = ensemble.aggregation === 'mean' && treesPerOutput[k] > 0 ? 1 / treesPerOutput[k] : 1;
    const base = ensemble.baseMargin[k] ?? 0;
    for (let i = 0; i < n; i++) out[i * K + k] = out[i * K + k] * scale + base;
  }
  return out;
}

/** Applies the link to a row-major margin matrix, returning a new array of the same shape. */
export function applyLink(margin: Float64Array, nOutputs: number, link: TreeEnsemble['link']): Float64Array {
  const out = new Float64Array(margin.length);
  if (link === 'identity') {
    out.set(margin);
  } else if (link === 'logistic') {
    for (let i = 0; i < margin.length; i++) out[i] = sigmoid(margin[i]);
  } else {
    const n = margin.length / nOutputs;
    for (let i = 0; i < n; i++) softmaxInto(margin, i * nOutputs, nOutputs, out);
  }
  return out;
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Softmax of margin[offset..offset+k) written to out at the same positions (max-shifted for stability). */
export function softmaxInto(margin: Float64Array, offset: number, k: number, out: Float64Array): void {
  let max = -Infinity;
  for (let j = 0; j < k; j++) if (margin[offset + j] > max) max = margin[offset + j];
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const e = Math.exp(margin[offset + j] - max);
    out[offset + j] = e;
    sum += e;
  }
  for (let j = 0; j < k; j++) out[offset + j] /= sum;
}

/** Model output after the link (probabilities for logistic/softmax). */
export function ensemblePredict(ensemble: TreeEnsemble, X: FeatureColumns): Float64Array {
  return applyLink(ensembleMargin(ensemble, X), ensemble.nOutputs, ensemble.link);
}

/** Per output, the factor on each tree's leaf value: 1 for 'sum', 1 / (trees feeding that output) for 'mean'. */
export function outputScales(ensemble: TreeEnsemble): Float64Array {
  const scales = new Float64Array(ensemble.nOutputs).fill(1);
  if (ensemble.aggregation === 'mean') {
    const counts = new Float64Array(ensemble.nOutputs);
    ensemble.trees.forEach((tree, t) => {
      if (tree.nValues > 1) for (let k = 0; k < tree.nValues; k++) counts[k]++;
      else counts[ensemble.treeOutput[t]]++;
    });
    for (let k = 0; k < scales.length; k++) scales[k] = counts[k] > 0 ? 1 / counts[k] : 0;
  }
  return scales;
}
