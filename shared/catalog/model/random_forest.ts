// model.random_forest: bagged trees (scikit-learn RandomForestClassifier / RandomForestRegressor).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { ROWS_DOCS, TREE_INPUT_DOCS, trainerInputs, trainerOutputs, trainerParams, trainerUi } from './common.js';
import { criterionParam, maxBinsParam, maxDepthParam, maxFeaturesParam, rowsParam } from './tree-params.js';

export const randomForestParams = z.object({
  n_estimators: z.number().int().min(1).default(100).describe('Number of trees.'),
  criterion: criterionParam,
  max_depth: maxDepthParam,
  min_samples_split: rowsParam(2, 2, 'Fewest rows a node needs to be split'),
  min_samples_leaf: rowsParam(1, 1, 'Fewest rows in a leaf'),
  max_features: maxFeaturesParam('sqrt'),
  bootstrap: z.boolean().default(true).describe('Grow each tree on a bootstrap sample of the rows (else on all rows).'),
  max_bins: maxBinsParam,
});

export const randomForest = defineNode({
  type: 'model.random_forest',
  version: 1,
  group: 'model',
  title: 'Random forest',
  docs:
    'Averages `n_estimators` trees, each grown on a bootstrap sample and trying `max_features` random features per ' +
    'split; the prediction is the mean of the trees\' class shares (or values). Features are binned once into at most ' +
    '`max_bins` bins (exact when a column has no more distinct values). `max_features` defaults to sqrt for both ' +
    `tasks (scikit-learn's regressor uses all features: set null for that). ${TREE_INPUT_DOCS} ${ROWS_DOCS} ` +
    'The history has one point (training loss: log-loss or mean squared error).',
  inputs: trainerInputs,
  outputs: trainerOutputs,
  params: trainerParams(randomForestParams),
  ui: trainerUi,
  heavy: true,
});
