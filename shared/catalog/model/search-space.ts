// The model families AutoML and tuning search, and each family's default hyperparameter space (the ranges the
// node docs list): scale-like params (rates, penalties, neighbour counts, leaf sizes) on log scales, structural
// ones as choices. Pure data: electron/ml/automl samples it, the catalog documents it.

export const SEARCH_FAMILIES = [
  'logistic_regression',
  'linear_regression',
  'decision_tree',
  'random_forest',
  'gradient_boosting',
  'knn',
  'naive_bayes',
  'mlp',
] as const;
export type Family = (typeof SEARCH_FAMILIES)[number];

export const SEARCH_METRICS = ['roc_auc', 'log_loss', 'accuracy', 'balanced_accuracy', 'f1_macro', 'rmse', 'mae', 'r2'] as const;
export type SearchMetricName = (typeof SEARCH_METRICS)[number];

export type ParamValue = number | string | boolean | null | number[];
export type ParamSet = Record<string, ParamValue>;

/** One param's range: a number in [low, high] (log scale when `log`, whole numbers when `int`), or a choice. */
export type Dimension =
  | { kind: 'float'; low: number; high: number; log: boolean }
  | { kind: 'int'; low: number; high: number; log: boolean }
  | { kind: 'choice'; values: readonly ParamValue[] };

export type Space = Record<string, Dimension>;

const logFloat = (low: number, high: number): Dimension => ({ kind: 'float', low, high, log: true });
const logInt = (low: number, high: number): Dimension => ({ kind: 'int', low, high, log: true });
const int = (low: number, high: number): Dimension => ({ kind: 'int', low, high, log: false });
const choice = (...values: ParamValue[]): Dimension => ({ kind: 'choice', values });

export interface FamilySpace {
  space: Space;
  /** set on every candidate of the family, not searched: they bound a candidate's cost (the MLP's epochs) */
  fixed: ParamSet;
  tasks: readonly ('classification' | 'regression')[];
  /**
   * Relative share of `max_models` the family gets: gradient boosting has the most hyperparameters that matter and
   * usually wins on tables, so it gets three samples for one of a one-param family.
   */
  share?: number;
}

export const FAMILY_SPACES: Record<Family, FamilySpace> = {
  logistic_regression: { space: { C: logFloat(1e-3, 1e2) }, fixed: {}, tasks: ['classification'] },
  linear_regression: { space: { alpha: logFloat(1e-4, 1e2) }, fixed: {}, tasks: ['regression'] },
  decision_tree: { space: { max_depth: int(2, 16), min_samples_leaf: logInt(1, 64) }, fixed: {}, tasks: ['classification', 'regression'] },
  random_forest: {
    space: { n_estimators: int(30, 150), max_depth: choice(null, 8, 16), min_samples_leaf: logInt(1, 16), max_features: choice('sqrt', 'log2', 0.5) },
    fixed: {},
    share: 2,
    tasks: ['classification', 'regression'],
  },
  gradient_boosting: {
    space: { learning_rate: logFloat(0.01, 0.3), max_leaf_nodes: logInt(8, 64), min_samples_leaf: logInt(5, 100), l2_regularization: logFloat(1e-4, 10) },
    // Early stopping at every rung size, not only above 10,000 rows: without it a fast learner overfits the small
    // rungs' log-loss and halving drops the family before it reaches the rows where it wins. (A higher max_iter cap
    // for the slow learners was tried: they then survived halving yet stayed behind, at twice the time.)
    fixed: { early_stopping: true },
    share: 3,
    tasks: ['classification', 'regression'],
  },
  knn: { space: { n_neighbors: logInt(3, 50), weights: choice('uniform', 'distance') }, fixed: {}, tasks: ['classification', 'regression'] },
  naive_bayes: { space: { var_smoothing: logFloat(1e-11, 1e-5) }, fixed: {}, tasks: ['classification'] },
  mlp: {
    space: { hidden_layer_sizes: choice([32], [64], [64, 32]), alpha: logFloat(1e-5, 1e-2), learning_rate_init: logFloat(1e-4, 1e-2) },
    fixed: { max_iter: 40, early_stopping: true },
    tasks: ['classification', 'regression'],
  },
};

/** "gradient_boosting: learning_rate 0.01–0.3 (log), …": one line per family, for docs. */
export function describeSpace(family: Family): string {
  const dims = Object.entries(FAMILY_SPACES[family].space).map(([name, d]) =>
    d.kind === 'choice' ? `${name} ∈ {${d.values.map((v) => JSON.stringify(v)).join(', ')}}` : `${name} ${d.low}–${d.high}${d.log ? ' (log)' : ''}`,
  );
  return `${family}: ${dims.join(', ')}`;
}

const LOWER_IS_BETTER: ReadonlySet<string> = new Set(['log_loss', 'rmse', 'mae']);

/** Errors and losses: a smaller value ranks higher. */
export function lowerIsBetter(metric: string): boolean {
  return LOWER_IS_BETTER.has(metric);
}
