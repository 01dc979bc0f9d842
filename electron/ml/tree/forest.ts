// model.random_forest: bagged CART trees like scikit-learn's RandomForestClassifier/Regressor; the prediction is
// the mean over trees of each leaf's class shares (or value). Unlike scikit-learn, trees split on features
// binned once into at most 255 bins (exact when a feature has <= 255 distinct values), which is what makes it fast.

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { defaultThreads, openForkJoin } from '../parallel/fork-join.js';
import { Random } from '../random.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { binTrainingColumns } from './binning.js';
import { resolveCriterion, type Criterion } from './cart.js';
import * as blocks from './forest-blocks.js';
import { P_FIRST_TREE } from './forest-blocks.js';
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

/** the kernel module the fork-join helper loads (warm it with warmForkJoin) */
export const FOREST_BLOCKS_URL = new URL('./forest-blocks.ts', import.meta.url).href;
const TREES_PER_JOB = 8;

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
  // one seed per tree drawn up front: trees are grown in any order, on any thread, with the same result
  const seeds = new Float64Array(new SharedArrayBuffer(8 * p.n_estimators));
  for (let t = 0; t < p.n_estimators; t++) seeds[t] = rng.forkSeed();
  const jobs = openForkJoin(
    FOREST_BLOCKS_URL,
    blocks,
    {
      binned: { nRows: n, bins: onShared(binned.bins), edges: binned.edges },
      labels: classification ? onShared(y.codes) : null,
      targets: classification ? null : onShared(y.values),
      nClasses: K,
      settings,
      bootstrap: p.bootstrap,
      seeds,
    },
    control.threads,
  );
  const trees: Tree[] = [];
  // one tree per job on one thread (progress and cancel per tree), a few per job when the helper shares them
  const perJob = (control.threads ?? defaultThreads()) >= 2 ? TREES_PER_JOB : 1;
  try {
    while (trees.length < p.n_estimators) {
      if (control.isCancelled?.()) throw cancelledError();
      jobs.params[P_FIRST_TREE] = trees.length;
      trees.push(...jobs.run(Math.min(perJob, p.n_estimators - trees.length)));
      control.onProgress?.(trees.length / p.n_estimators, `tree ${trees.length} of ${p.n_estimators}`);
    }
  } finally {
    jobs.close();
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

function onShared<T extends Uint8Array | Int32Array | Float64Array>(a: T): T {
  const copy = new (a.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

function invalidParam(param: string, value: unknown): Error {
  return invalidInput(`${param} has an invalid value: ${String(value)}`, { param });
}
