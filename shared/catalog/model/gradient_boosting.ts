// model.gradient_boosting: histogram gradient boosting (scikit-learn HistGradientBoostingClassifier / Regressor).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { ROWS_DOCS, TREE_INPUT_DOCS, trainerInputs, trainerOutputs, trainerParams, trainerUi } from './common.js';
import { maxBinsParam, maxDepthParam } from './tree-params.js';

export const gradientBoostingParams = z.object({
  max_iter: z.number().int().min(1).default(100).describe('Boosting rounds (one tree per round, per class for multiclass).'),
  learning_rate: z.number().positive().default(0.1).describe('Shrinkage applied to every tree.'),
  max_leaf_nodes: z.number().int().min(2).nullable().default(31).describe('Most leaves per tree; null = no limit.'),
  max_depth: maxDepthParam,
  min_samples_leaf: z.number().int().min(1).default(20).describe('Fewest rows in a leaf.'),
  l2_regularization: z.number().min(0).default(0).describe('L2 penalty on leaf values.'),
  max_bins: maxBinsParam,
  early_stopping: z
    .union([z.literal('auto'), z.boolean()])
    .default('auto')
    .describe('Stop when the validation loss stops improving; auto = on when there are more than 10,000 training rows.'),
  validation_fraction: z
    .number()
    .gt(0)
    .lt(1)
    .nullable()
    .default(0.1)
    .describe('Share of training rows held out for early stopping (stratified for classification); null = stop on the training loss. Not used when a `valid` table is connected.'),
  n_iter_no_change: z.number().int().min(1).default(10).describe('Rounds without improvement before early stopping.'),
  tol: z.number().min(0).default(1e-7).describe('Smallest improvement that counts for early stopping.'),
});

export const gradientBoosting = defineNode({
  type: 'model.gradient_boosting',
  version: 1,
  group: 'model',
  title: 'Gradient boosting',
  docs:
    'Histogram gradient boosting like scikit-learn\'s HistGradientBoosting and LightGBM: features are binned once ' +
    '(missing values get their own bin), trees grow leaf-wise on gradients, starting from the log-odds (classification) ' +
    'or the mean (regression). With a `valid` table connected, its loss is tracked each round and is what early stopping watches. ' +
    `${TREE_INPUT_DOCS} ${ROWS_DOCS} The history has one point per boosting round (train and validation loss).`,
  inputs: trainerInputs,
  outputs: trainerOutputs,
  params: trainerParams(gradientBoostingParams),
  ui: trainerUi,
  heavy: true,
});
