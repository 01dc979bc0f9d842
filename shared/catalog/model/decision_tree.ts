// model.decision_tree: one CART tree (scikit-learn DecisionTreeClassifier / DecisionTreeRegressor).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { ROWS_DOCS, TREE_INPUT_DOCS, trainerInputs, trainerOutputs, trainerParams, trainerUi } from './common.js';
import { criterionParam, maxDepthParam, maxFeaturesParam, rowsParam } from './tree-params.js';

export const decisionTreeParams = z.object({
  criterion: criterionParam,
  max_depth: maxDepthParam,
  min_samples_split: rowsParam(2, 2, 'Fewest rows a node needs to be split'),
  min_samples_leaf: rowsParam(1, 1, 'Fewest rows in a leaf'),
  max_features: maxFeaturesParam(null),
});

export const decisionTree = defineNode({
  type: 'model.decision_tree',
  version: 1,
  group: 'model',
  title: 'Decision tree',
  docs:
    'Grows one exact CART tree like scikit-learn: the best split over all distinct values, thresholds at midpoints, ' +
    `depth first. Classification leaves hold class shares, regression leaves the mean. ${TREE_INPUT_DOCS} ${ROWS_DOCS} ` +
    'The history has one point (training loss: log-loss or mean squared error).',
  inputs: trainerInputs,
  outputs: trainerOutputs,
  params: trainerParams(decisionTreeParams),
  ui: trainerUi,
  heavy: true,
});
