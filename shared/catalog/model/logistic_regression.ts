// model.logistic_regression: L2-penalized logistic regression (scikit-learn LogisticRegression, lbfgs).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { LINEAR_INPUT_DOCS, ROWS_DOCS, trainerInputs, trainerOutputs, trainerParams, trainerUi } from './common.js';

export const logisticRegressionParams = z.object({
  C: z.number().positive().default(1).describe('Inverse strength of the L2 penalty (smaller = stronger), as in scikit-learn.'),
  max_iter: z.number().int().min(1).default(100).describe('Most L-BFGS iterations.'),
  tol: z.number().min(0).default(1e-4).describe('Stop when the largest gradient component is at most this.'),
  fit_intercept: z.boolean().default(true).describe('Fit an intercept (not penalized).'),
  standardize: z.boolean().default(true).describe('Standardize numeric features before fitting; coefficients are reported in original units either way.'),
});

export const logisticRegression = defineNode({
  type: 'model.logistic_regression',
  version: 1,
  group: 'model',
  title: 'Logistic regression',
  docs:
    'Binary (one logit for the last class) or multinomial (softmax) logistic regression with the objective of ' +
    'scikit-learn\'s lbfgs solver: log-loss + ‖w‖²/(2C). Needs a categorical target (or `task: classification`). ' +
    `${LINEAR_INPUT_DOCS} ${ROWS_DOCS} The history has one point per L-BFGS iteration (mean training log-loss).`,
  inputs: trainerInputs,
  outputs: trainerOutputs,
  params: trainerParams(logisticRegressionParams),
  ui: trainerUi,
  heavy: true,
});
