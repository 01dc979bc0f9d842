// model.naive_bayes: Gaussian likelihoods for numbers and categorical likelihoods for categories.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { ROWS_DOCS, trainerInputs, trainerOutputs, trainerParams, trainerUi } from './common.js';

export const naiveBayesParams = z.object({
  var_smoothing: z.number().min(0).default(1e-9).describe('Share of the largest feature variance added to every variance (GaussianNB).'),
  alpha: z.number().positive().default(1).describe('Additive (Laplace/Lidstone) smoothing of category counts (CategoricalNB).'),
});

export const naiveBayes = defineNode({
  type: 'model.naive_bayes',
  version: 1,
  group: 'model',
  title: 'Naive Bayes',
  docs:
    'A classifier that multiplies per-feature likelihoods under the class prior: numeric features are Gaussian ' +
    '(scikit-learn GaussianNB), categorical ones use smoothed level frequencies (CategoricalNB). A missing value ' +
    'adds no factor, neither when fitting nor when predicting, and neither does a level unseen in training. ' +
    `Needs a categorical target (or \`task: classification\`). ${ROWS_DOCS} The history has one point (training log-loss).`,
  inputs: trainerInputs,
  outputs: trainerOutputs,
  params: trainerParams(naiveBayesParams),
  ui: trainerUi,
  heavy: true,
});
