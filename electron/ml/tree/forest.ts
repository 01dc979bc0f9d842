// model.random_forest: bagged CART trees like scikit-learn's RandomForestClassifier/Regressor; the prediction is
// the mean over trees of each leaf's class shares (or value). Unlike scikit-learn, trees split on features
// binned once into at most 255 bins (exact when a feature has <= 255 distinct values), which is what makes it fast.

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { binTrainingColumns } from './binning.js';
import { resolveCriterion, type Criterion } from './cart.js';
import { HistogramTreeGrower } from './histogram-tree.js';
import { checkTrainingData, type TreeModel } from './model.js';
import { checkMaxDepth, resolveMaxFeatures, resolveRowCount, type MaxFeatures } from './params.js';
import type { Tree } from './types.js';

export { predict, predictMargin, predictProba } from './model.js';

export interface RandomForestParams {
  n_estimators: number;
  /** null: gini for classification, squared_error for regression */
  criterion: Criterion | null;
  max_depth: number | null;
  min_samples_split: number;
  min_samples_leaf: number;
  /** when left out: 'sqrt' for classification, 1.0 (all) for regression, as in scikit-learn */
  max_features: MaxFeatures;
  bootstrap: boolean;
  max_bins: number;
}

export const randomForestDefaults: Omit<RandomForestParams, 'max_features'> = {
  n_estimators: 100,
  criterion: null,
  max_depth: null,
  min_samples_split: 2,
  min_samples_leaf: 1,
  bootstrap: true,
  max_bins: 255,
};

export type RandomForestModel = TreeModel<'random_forest', RandomForestParams>;

export function fitRandomForest(X: FeatureMatrix, y: Target, params: Partial<RandomForestParams> = {}, control: FitControl = { seed: 0 }): RandomForestModel {
  const classification = y.task === 'classification';
  const p: RandomForestParams = { max_features: classification ? 'sqrt' : 1, ...randomForestDefaults, ...params };
  const K = checkTrainingData(X, y);
  const n = X.nRows;
  const criterion = resolveCriterion(p.criterion, y.task);
  if (!Number.isInteger(p.n_estimators) || p.n_estimators < 1) throw invalidParam('n_estimators', p.n_estimators);
  if (!Number.isInteger(p.max_bins) || p.max_bins < 2 || p.max_bins > 255) throw invalidParam('max_bins', p.max_bins);
  const settings = {
    criterion,
    maxDepth: checkMaxDepth(p.max_depth),
    minSamplesSplit: resolveRowCount(p.min_samples_split, n, 'min_samples_split', 2),
    minSamplesLeaf: resolveRowCount(p.min_samples_leaf, n, 'min_samples_leaf', 1),
    maxFeatures: resolveMaxFeatures(p.max_features, X.columns.length),
  };
  const rng = new Random(control.seed);
  const binned = binTrainingColumns(X.columns, p.max_bins, rng);
  const grower = new HistogramTreeGrower(
    { binned, labels: classification ? y.codes : null, targets: classification ? null : y.values, nClasses: K },
    settings,
  );
  // one seed per tree drawn up front, so trees could be grown in any order (or in parallel) with the same result
  const treeRngs = Array.from({ length: p.n_estimators }, () => rng.fork());
  const counts = new Int32Array(n);
  const weights = new Float64Array(n);
  const trees: Tree[] = [];
  for (let t = 0; t < p.n_estimators; t++) {
    if (control.isCancelled?.()) throw cancelledError();
    const treeRng = treeRngs[t];
    let rows: Int32Array;
    if (p.bootstrap) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[treeRng.int(n)]++;
      let used = 0;
      for (let i = 0; i < n; i++) if (counts[i] > 0) used++;
      rows = new Int32Array(used);
      used = 0;
      for (let i = 0; i < n; i++) {
        weights[i] = counts[i];
        if (counts[i] > 0) rows[used++] = i;
      }
    } else {
      rows = new Int32Array(n);
      for (let i = 0; i < n; i++) rows[i] = i;
      weights.fill(1);
    }
    trees.push(grower.grow(rows, weights, treeRng, control));
    control.onProgress?.((t + 1) / p.n_estimators, `tree ${t + 1} of ${p.n_estimators}`);
  }
  return {
    type: 'random_forest',
    task: y.task,
    classes: classification ? [...y.classes] : [],
    featureNames: [...X.names],
    params: { ...p, criterion },
    ensemble: {
      trees,
      treeOutput: new Int32Array(trees.length),
      nOutputs: classification ? K : 1,
      baseMargin: new Float64Array(classification ? K : 1),
      splitRule: 'le',
      aggregation: 'mean',
      link: 'identity',
      nFeatures: X.columns.length,
    },
  };
}

function invalidParam(param: string, value: unknown): Error {
  return invalidInput(`${param} has an invalid value: ${String(value)}`, { param });
}
