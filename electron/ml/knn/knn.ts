// model.knn: exact k-nearest neighbours (Euclidean, i.e. Minkowski p = 2; KD-tree or blocked brute force, see neighbors.ts) for classification
// (probabilities = weighted vote shares) and regression (weighted mean), like scikit-learn's
// KNeighborsClassifier / KNeighborsRegressor. Features go through standardize.ts (mean-imputed,
// standardized unless standardize: false, categoricals one-hot) and the model keeps the encoded
// training rows.

import { invalidInput } from '../../../shared/errors.js';
import { mostProbableClass } from '../metrics/decision.js';
import { designRows, fitEncoding, type FeatureEncoding } from '../standardize.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { buildKdTree, KD_TREE_MAX_DIMS, nearestNeighbors, type KdTree, type Neighbors } from './neighbors.js';

export interface KnnParams {
  n_neighbors: number;
  weights: 'uniform' | 'distance';
  standardize: boolean;
}

export const knnDefaults: KnnParams = { n_neighbors: 5, weights: 'uniform', standardize: true };

export interface KnnModel {
  kind: 'knn';
  task: 'classification' | 'regression';
  /** classification only */
  classes: string[];
  params: KnnParams;
  encoding: FeatureEncoding;
  nTrain: number;
  /** encoded training rows, row-major nTrain × encoding columns */
  train: number[];
  /** class code (classification) or value (regression) per training row */
  targets: number[];
}

export function fitKnn(X: FeatureMatrix, y: Target, params: Partial<KnnParams> = {}, control?: FitControl): KnnModel {
  const p: KnnParams = { ...knnDefaults, ...params };
  if (!Number.isInteger(p.n_neighbors) || p.n_neighbors < 1) throw invalidInput('n_neighbors must be a whole number >= 1', { param: 'n_neighbors' });
  if (p.weights !== 'uniform' && p.weights !== 'distance') throw invalidInput(`weights must be uniform or distance, not ${String(p.weights)}`, { param: 'weights' });
  const n = X.nRows;
  if (p.n_neighbors > n) throw invalidInput(`n_neighbors (${p.n_neighbors}) is more than the ${n} training rows`, { param: 'n_neighbors' });
  const targets: number[] = new Array(n);
  if (y.task === 'classification') {
    for (let i = 0; i < n; i++) {
      const c = y.codes[i];
      if (!(c >= 0 && c < y.classes.length)) throw invalidInput(`the target has a missing or unknown class (row ${i + 1})`, { param: 'target' });
      targets[i] = c;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = y.values[i];
      if (!Number.isFinite(v)) throw invalidInput(`the target has a missing or infinite value (row ${i + 1})`, { param: 'target' });
      targets[i] = v;
    }
  }
  const encoding = fitEncoding(X, p.standardize);
  const rows = designRows(encoding, X);
  control?.onProgress?.(1);
  return {
    kind: 'knn',
    task: y.task,
    classes: y.task === 'classification' ? y.classes.slice() : [],
    params: p,
    encoding,
    nTrain: n,
    train: Array.from(rows),
    targets,
  };
}

// The search index of a model object, built at its first prediction and kept while the object lives: the
// typed copy of the training rows and, at low dimension, the KD-tree over them. The model itself stays
// plain JSON.
interface SearchIndex {
  train: Float64Array;
  tree?: KdTree;
}
const indexCache = new WeakMap<KnnModel, SearchIndex>();

export function knnNeighbors(model: KnnModel, X: FeatureMatrix): Neighbors {
  const dims = model.encoding.feature.length;
  let index = indexCache.get(model);
  if (!index) {
    const train = Float64Array.from(model.train);
    index = { train, tree: dims <= KD_TREE_MAX_DIMS && train.every(Number.isFinite) ? buildKdTree(train, model.nTrain, dims) : undefined };
    indexCache.set(model, index);
  }
  const queries = designRows(model.encoding, X);
  return nearestNeighbors(index.train, model.nTrain, queries, X.nRows, dims, model.params.n_neighbors, index.tree);
}

/**
 * Neighbour weights for one query, like scikit-learn's _get_weights: 1/distance, except that when
 * a neighbour is at distance 0 the zero-distance neighbours get weight 1 and the others 0.
 */
function neighborWeights(nb: Neighbors, q: number, mode: KnnParams['weights'], out: Float64Array): void {
  const k = nb.k;
  if (mode === 'uniform') {
    out.fill(1);
    return;
  }
  let exact = false;
  for (let j = 0; j < k; j++) if (nb.distance[q * k + j] === 0) exact = true;
  for (let j = 0; j < k; j++) {
    const dist = nb.distance[q * k + j];
    out[j] = exact ? (dist === 0 ? 1 : 0) : 1 / dist;
  }
}

/** Class probabilities (n × classes, row-major): each class's share of the neighbour weight. */
export function predictProbaKnn(model: KnnModel, X: FeatureMatrix): Float64Array {
  if (model.task !== 'classification') throw invalidInput('predict_proba needs a classification model');
  const nb = knnNeighbors(model, X);
  const K = model.classes.length;
  const k = nb.k;
  const out = new Float64Array(X.nRows * K);
  const w = new Float64Array(k);
  for (let q = 0; q < X.nRows; q++) {
    neighborWeights(nb, q, model.params.weights, w);
    let total = 0;
    for (let j = 0; j < k; j++) {
      out[q * K + model.targets[nb.index[q * k + j]]] += w[j];
      total += w[j];
    }
    for (let c = 0; c < K; c++) out[q * K + c] /= total;
  }
  return out;
}

/** Classification: class codes (the lowest code on a tied vote, like scikit-learn). Regression: values. */
export function predictKnn(model: KnnModel, X: FeatureMatrix): Float64Array | Int32Array {
  if (model.task === 'classification') return mostProbableClass(predictProbaKnn(model, X), X.nRows, model.classes.length);
  const nb = knnNeighbors(model, X);
  const k = nb.k;
  const out = new Float64Array(X.nRows);
  const w = new Float64Array(k);
  for (let q = 0; q < X.nRows; q++) {
    neighborWeights(nb, q, model.params.weights, w);
    let num = 0;
    let den = 0;
    for (let j = 0; j < k; j++) {
      num += w[j] * model.targets[nb.index[q * k + j]];
      den += w[j];
    }
    out[q] = num / den;
  }
  return out;
}
