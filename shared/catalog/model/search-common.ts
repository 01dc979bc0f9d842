// What model.automl and model.tune share: ports, the common params around each node's own, and the leaderboard's
// columns (the `leaderboard` table both write).
import { z } from 'zod';
import type { PortDeclaration } from '../define.js';
import { TASKS } from './common.js';
import { SEARCH_METRICS } from './search-space.js';

export const searchInputs = {
  train: { type: 'table', docs: 'The training rows: the target column and the feature columns. Cross-validation folds are cut from these.' },
  valid: {
    type: 'table',
    optional: true,
    docs:
      'Optional validation rows. When connected, every candidate is fitted on (a halving rung of) `train` and scored on these rows instead of ' +
      'cross-validation folds (metric mean ± std over `folds` parts of them), and the stacked ensemble is cross-validated on the same parts; ' +
      'the leaderboard says `scored_on: valid`.',
  },
} satisfies Record<string, PortDeclaration>;

export const searchOutputs = {
  model: { type: 'model', docs: 'The best model (or the one `use_model` names), fitted on all training rows, as a Plumb model file.' },
  leaderboard: {
    type: 'table',
    docs: 'One row per candidate, best first: rank, model_id, family, params (JSON), metric, metric_mean, metric_std, rung (halving rung; -1 = scored on all rows outside the halving), rows, fit_seconds (mean per fold), predict_ms_per_row, cut_by_time, scored_on (cv: folds of `train`; valid: the `valid` table).',
  },
  history: { type: 'series', docs: 'One point per finished evaluation: step, metric = the best full-resource metric so far, seconds since the start.' },
} satisfies Record<string, PortDeclaration>;

export const searchHead = {
  target: z.string().min(1).describe('The column to predict.'),
  features: z.array(z.string().min(1)).default([]).describe('Columns the models read, in order; empty means every column except the target.'),
  task: z.enum(TASKS).default('auto').describe('auto: classification when the target is text or boolean, regression when it is numeric.'),
  metric: z
    .enum(['auto', ...SEARCH_METRICS])
    .default('auto')
    .describe('What candidates are ranked by; auto = roc_auc for two classes, log_loss for more, rmse for regression.'),
};

export const searchTail = {
  max_models: z.number().int().min(1).max(500).default(20).describe('Candidates sampled (besides the default gradient boosting and the stacked ensemble).'),
  time_budget_s: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe('Stop starting new fits after this many seconds (running fits finish); the leaderboard marks what was cut. null = no limit.'),
  folds: z.number().int().min(2).max(20).default(5).describe('Cross-validation folds (stratified for classification).'),
  seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the sampling, the folds and every model: the same seed and max_models give the same leaderboard.'),
  use_model: z
    .string()
    .nullable()
    .default(null)
    .describe('A leaderboard model_id to output instead of the best; the search is kept, so this does not repeat it (a row not scored on all rows costs one fit).'),
};

export const searchUi = {
  target: { widget: 'column', port: 'train' },
  features: { widget: 'columns', port: 'train' },
} as const;

export const LEADERBOARD_COLUMNS = [
  'rank',
  'model_id',
  'family',
  'params',
  'metric',
  'metric_mean',
  'metric_std',
  'rung',
  'rows',
  'fit_seconds',
  'predict_ms_per_row',
  'cut_by_time',
  'scored_on',
] as const;
