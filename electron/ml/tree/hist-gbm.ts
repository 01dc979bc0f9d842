// model.gradient_boosting: histogram gradient boosting like scikit-learn's HistGradientBoostingClassifier/Regressor
// (and LightGBM): features binned once, leaf-wise trees, log-odds / mean baseline, optional early stopping on a
// seeded holdout. Trees keep real thresholds (bin upper edges, rule 'le'), so they predict on raw data.

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { binColumns, binTrainingColumns, type BinnedColumns } from './binning.js';
import { binaryLogLoss, multiclassLogLoss, squaredError, type BoostingLoss } from './boosting-loss.js';
import { addBinnedTree, BoostingTreeGrower } from './boosting-tree.js';
import { checkTrainingData, type TreeModel } from './model.js';
import { checkMaxDepth } from './params.js';
import type { Tree } from './types.js';
import { validationSplit } from './validation-split.js';

export { predict, predictMargin, predictProba } from './model.js';

export interface GradientBoostingParams {
  learning_rate: number;
  max_iter: number;
  max_leaf_nodes: number | null;
  max_depth: number | null;
  min_samples_leaf: number;
  l2_regularization: number;
  max_bins: number;
  /** 'auto': on when there are more than 10,000 training rows */
  early_stopping: 'auto' | boolean;
  /** share of the training rows held out for early stopping; null = stop on the training loss */
  validation_fraction: number | null;
  n_iter_no_change: number;
  tol: number;
}

export const gradientBoostingDefaults: GradientBoostingParams = {
  learning_rate: 0.1,
  max_iter: 100,
  max_leaf_nodes: 31,
  max_depth: null,
  min_samples_leaf: 20,
  l2_regularization: 0,
  max_bins: 255,
  early_stopping: 'auto',
  validation_fraction: 0.1,
  n_iter_no_change: 10,
  tol: 1e-7,
};

export interface GradientBoostingModel extends TreeModel<'gradient_boosting', GradientBoostingParams> {
  /** boosting rounds actually run (fewer than max_iter after early stopping) */
  nIter: number;
}

/** Rows to validate on instead of a holdout split of the training rows. */
export interface ValidationData {
  X: FeatureMatrix;
  y: Target;
}

export function fitGradientBoosting(
  X: FeatureMatrix,
  y: Target,
  params: Partial<GradientBoostingParams> = {},
  control: FitControl = { seed: 0 },
  validation?: ValidationData,
): GradientBoostingModel {
  const p = checkParams({ ...gradientBoostingDefaults, ...params });
  const K = checkTrainingData(X, y);
  if (validation) checkTrainingData(validation.X, validation.y);
  const n = X.nRows;
  const classification = y.task === 'classification';
  if (classification && K < 2) throw invalidInput('gradient boosting needs at least two classes');
  const loss: BoostingLoss = !classification ? squaredError : K === 2 ? binaryLogLoss : multiclassLogLoss(K);
  const T = loss.nTreesPerRound;
  const target = classification ? Float64Array.from(y.codes) : y.values;
  const rng = new Random(control.seed);

  const earlyStopping = p.early_stopping === 'auto' ? n > 10_000 : p.early_stopping;
  let trainRows: Int32Array | undefined;
  let valid: { binned: BinnedColumns; y: Float64Array } | null = null;
  let validRows: Int32Array | undefined;
  if (earlyStopping && !validation && p.validation_fraction !== null) {
    const split = validationSplit(n, p.validation_fraction, rng, classification ? y.codes : null, K);
    trainRows = split.train;
    validRows = split.valid;
  }
  const binned = binTrainingColumns(X.columns, p.max_bins, rng, trainRows);
  const edges = binned.edges;
  const yTrain = trainRows ? gather(target, trainRows) : target;
  if (validRows) valid = { binned: binColumns(X.columns, edges, validRows), y: gather(target, validRows) };
  if (validation) {
    const v = validation.y;
    valid = { binned: binColumns(validation.X.columns, edges), y: v.task === 'classification' ? Float64Array.from(v.codes) : v.values };
  }

  const baseline = loss.baseline(yTrain);
  const nTrain = binned.nRows;
  const raw = filledRows(baseline, nTrain);
  const rawValid = valid ? filledRows(baseline, valid.binned.nRows) : null;
  const grad = Array.from({ length: T }, () => new Float64Array(nTrain));
  const hess = loss.constantHessian ? [] : Array.from({ length: T }, () => new Float64Array(nTrain));
  const grower = new BoostingTreeGrower(binned, {
    maxLeafNodes: p.max_leaf_nodes ?? Infinity,
    maxDepth: checkMaxDepth(p.max_depth),
    minSamplesLeaf: p.min_samples_leaf,
    l2Regularization: p.l2_regularization,
    learningRate: p.learning_rate,
    threads: control.threads,
  });

  const trees: Tree[] = [];
  const treeOutput: number[] = [];
  const scores: number[] = [];
  let nIter = 0;
  try {
    for (let iter = 0; ; iter++) {
      // the gradient pass also gives the loss of the model so far (after `iter` rounds), when someone needs it
      const needTrainLoss = control.onStep !== undefined || (earlyStopping && !valid);
      const trainLoss = loss.gradients(raw, yTrain, grad, hess, needTrainLoss);
      const validLoss = valid && rawValid ? loss.value(rawValid, valid.y) : undefined;
      scores.push(-loss.stoppingScale * (validLoss ?? trainLoss));
      if (iter > 0) {
        control.onStep?.(validLoss === undefined ? { step: iter, train_loss: trainLoss } : { step: iter, train_loss: trainLoss, valid_loss: validLoss });
        control.onProgress?.(iter / p.max_iter, `iteration ${iter} of ${p.max_iter}`);
      }
      nIter = iter;
      if (iter === p.max_iter || (earlyStopping && shouldStop(scores, p.n_iter_no_change, p.tol))) break;
      if (control.isCancelled?.()) throw cancelledError();
      for (let k = 0; k < T; k++) {
        const grown = grower.grow(grad[k], loss.constantHessian ? null : hess[k]);
        const { rows, leafStart, leafEnd, leafValue } = grown;
        for (let j = 0; j < leafValue.length; j++) {
          const v = leafValue[j];
          for (let i = leafStart[j]; i < leafEnd[j]; i++) raw[rows[i] * T + k] += v;
        }
        if (valid && rawValid) addBinnedTree(grown, valid.binned, rawValid, T, k);
        trees.push(grown.tree);
        treeOutput.push(k);
      }
    }
  } finally {
    grower.close();
  }
  control.onProgress?.(1);

  return {
    type: 'gradient_boosting',
    task: y.task,
    classes: classification ? [...y.classes] : [],
    featureNames: [...X.names],
    params: p,
    nIter,
    ensemble: {
      trees,
      treeOutput: Int32Array.from(treeOutput),
      nOutputs: T,
      baseMargin: baseline,
      splitRule: 'le',
      aggregation: 'sum',
      link: loss.link,
      nFeatures: X.columns.length,
    },
  };
}

/** scikit-learn's rule: stop when none of the last n scores beats the one before them by more than tol. */
function shouldStop(scores: number[], nIterNoChange: number, tol: number): boolean {
  const reference = nIterNoChange + 1;
  if (scores.length < reference) return false;
  const referenceScore = scores[scores.length - reference] + tol;
  for (let i = scores.length - reference + 1; i < scores.length; i++) if (scores[i] > referenceScore) return false;
  return true;
}

function gather(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

function filledRows(base: Float64Array, n: number): Float64Array {
  const K = base.length;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[i * K + k] = base[k];
  return out;
}

function checkParams(p: GradientBoostingParams): GradientBoostingParams {
  const bad = (param: string, rule: string) => invalidInput(`${param} must be ${rule}, got ${String(p[param as keyof GradientBoostingParams])}`, { param });
  if (!(p.learning_rate > 0)) throw bad('learning_rate', '> 0');
  if (!Number.isInteger(p.max_iter) || p.max_iter < 1) throw bad('max_iter', 'an integer >= 1');
  if (p.max_leaf_nodes !== null && (!Number.isInteger(p.max_leaf_nodes) || p.max_leaf_nodes < 2)) throw bad('max_leaf_nodes', 'null or an integer >= 2');
  if (!Number.isInteger(p.min_samples_leaf) || p.min_samples_leaf < 1) throw bad('min_samples_leaf', 'an integer >= 1');
  if (!(p.l2_regularization >= 0)) throw bad('l2_regularization', '>= 0');
  if (!Number.isInteger(p.max_bins) || p.max_bins < 2 || p.max_bins > 255) throw bad('max_bins', 'an integer in 2..255');
  if (p.validation_fraction !== null && !(p.validation_fraction > 0 && p.validation_fraction < 1)) throw bad('validation_fraction', 'null or in (0, 1)');
  if (!Number.isInteger(p.n_iter_no_change) || p.n_iter_no_change < 1) throw bad('n_iter_no_change', 'an integer >= 1');
  if (!(p.tol >= 0)) throw bad('tol', '>= 0');
  const es = p.early_stopping as unknown;
  const early_stopping = es === 'true' ? true : es === 'false' ? false : p.early_stopping;
  if (early_stopping !== 'auto' && typeof early_stopping !== 'boolean') throw bad('early_stopping', "'auto', true or false");
  return { ...p, early_stopping };
}
