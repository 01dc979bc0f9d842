// explain.permutation_importance: how much a model's score drops when one feature is shuffled (scikit-learn's
// permutation_importance).
import { z } from 'zod';
import { defineNode } from '../define.js';

export const PERMUTATION_METRICS = [
  'auto',
  'accuracy',
  'balanced_accuracy',
  'f1_macro',
  'neg_log_loss',
  'roc_auc',
  'r2',
  'neg_mean_squared_error',
  'neg_root_mean_squared_error',
  'neg_mean_absolute_error',
] as const;

export const permutationImportance = defineNode({
  type: 'explain.permutation_importance',
  version: 1,
  group: 'explain',
  title: 'Permutation importance',
  docs:
    'Scores the model on labelled rows, then shuffles one feature at a time `n_repeats` times and reports the score ' +
    'drop (baseline − shuffled score) as mean and standard deviation, like scikit-learn\'s permutation_importance. ' +
    'Metrics use scikit-learn\'s scoring names (greater is better, losses negated); auto = accuracy for classifiers, ' +
    'R² for regressors. The one-hot columns data.encode made from one column (`color=red`, `color=blue`) are ' +
    'shuffled together and reported as `color`. Rows with a missing target are left out.',
  inputs: {
    model: { type: 'model', docs: 'The model to explain.' },
    data: { type: 'table', docs: 'Labelled rows (usually the test split): the model\'s features and its target.' },
  },
  outputs: { explanation: { type: 'explanation', docs: 'The metric, its baseline and per feature the mean and std of the score drop.' } },
  params: z.object({
    n_repeats: z.number().int().min(1).default(5).describe('Shuffles per feature.'),
    metric: z.enum(PERMUTATION_METRICS).default('auto').describe('The score whose drop is measured.'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the shuffles.'),
  }),
  heavy: true,
});
