// model.knn: k-nearest neighbours (scikit-learn KNeighborsClassifier / KNeighborsRegressor, Euclidean).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { LINEAR_INPUT_DOCS, ROWS_DOCS, trainerInputs, trainerOutputs, trainerParams, trainerUi } from './common.js';

export const knnParams = z.object({
  n_neighbors: z.number().int().min(1).default(5).describe('How many neighbours vote.'),
  weights: z.enum(['uniform', 'distance']).default('uniform').describe('uniform: every neighbour counts the same; distance: by 1/distance.'),
  standardize: z.boolean().default(true).describe('Standardize numeric features, so no feature dominates the distance by its units.'),
});

export const knn = defineNode({
  type: 'model.knn',
  version: 1,
  group: 'model',
  title: 'k-nearest neighbours',
  docs:
    'Predicts from the `n_neighbors` closest training rows (exact Euclidean search): class shares of the vote for ' +
    'classification, their (weighted) mean for regression. The model file keeps the encoded training rows. ' +
    `${LINEAR_INPUT_DOCS} ${ROWS_DOCS} The history has one point (loss on at most 5,000 evenly spaced training rows).`,
  inputs: trainerInputs,
  outputs: trainerOutputs,
  params: trainerParams(knnParams),
  ui: trainerUi,
  heavy: true,
});
