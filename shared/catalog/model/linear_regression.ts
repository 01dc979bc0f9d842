// model.linear_regression: least squares, optionally ridge-penalized (scikit-learn LinearRegression / Ridge).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { LINEAR_INPUT_DOCS, ROWS_DOCS, trainerInputs, trainerOutputs, trainerParams, trainerUi } from './common.js';

export const linearRegressionParams = z.object({
  alpha: z.number().min(0).default(0).describe('L2 penalty on the (standardized) coefficients, as in Ridge; 0 is ordinary least squares.'),
  fit_intercept: z.boolean().default(true).describe('Fit an intercept (not penalized).'),
  standardize: z.boolean().default(true).describe('Standardize numeric features before fitting; coefficients are reported in original units either way.'),
});

export const linearRegression = defineNode({
  type: 'model.linear_regression',
  version: 1,
  group: 'model',
  title: 'Linear regression',
  docs:
    'Fits y ≈ b + Σ wᵢxᵢ by least squares (Cholesky on the normal equations, or the minimum-norm solution when ' +
    'features are collinear, like scikit-learn). With `alpha` > 0 it is Ridge regression on standardized features. ' +
    `Needs a numeric target. ${LINEAR_INPUT_DOCS} ${ROWS_DOCS} The history has one point (training mean squared error).`,
  inputs: trainerInputs,
  outputs: trainerOutputs,
  params: trainerParams(linearRegressionParams),
  ui: trainerUi,
  heavy: true,
});
