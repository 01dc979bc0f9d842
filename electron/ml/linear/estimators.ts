// Estimator records of linear and logistic regression: least squares / ridge and L-BFGS logistic regression,
// explained by LinearSHAP on their design terms.

import { z } from 'zod';
import type { Estimator } from '../estimator.js';
import { mostProbableClass } from '../metrics/decision.js';
import { coefficientsSchema, encodingSchema } from '../model-file/parts.js';
import { checkClasses, checkEncoding, levelsOf, type Problems } from '../model-file/problems.js';
import type { ModelFileEnvelope } from '../model-file/envelope.js';
import { fitLogisticRegression, logisticMargins, logisticRegressionDefaults, predictProbaLogisticRegression, type LogisticRegressionModel, type LogisticRegressionParams } from './logistic.js';
import { fitLinearRegression, linearRegressionDefaults, predictLinearRegression, type LinearRegressionModel, type LinearRegressionParams } from './regression.js';

type LinearModel = LinearRegressionModel | LogisticRegressionModel;

/** Sizes of the encoding and the coefficients agree with the file's features and outputs. */
function checkLinear(model: LinearModel, file: ModelFileEnvelope, outputs: number, p: Problems): void {
  checkEncoding(p, model.encoding, levelsOf(file));
  const width = model.encoding.feature.length;
  p.check(model.coefficients.weights.length === outputs, 'model.coefficients.weights', `expected ${outputs} rows of weights`);
  model.coefficients.weights.forEach((w, k) => p.check(w.length === width, `model.coefficients.weights[${k}]`, `expected ${width} weights`));
  p.check(model.coefficients.intercept.length === outputs, 'model.coefficients.intercept', `expected ${outputs} intercepts`);
}

export const linearRegressionEstimator: Estimator<'linear_regression', LinearRegressionModel, LinearRegressionParams> = {
  type: 'linear_regression',
  tasks: ['regression'],
  defaults: linearRegressionDefaults,
  fit: (X, y, params, control) => fitLinearRegression(X, y, params, control),
  schema: z.object({
    kind: z.literal('linear_regression'),
    task: z.literal('regression'),
    params: z.record(z.string(), z.unknown()),
    encoding: encodingSchema,
    coefficients: coefficientsSchema,
  }),
  check(model, file, p) {
    checkLinear(model, file, 1, p);
    p.check(file.task === 'regression', 'task', 'linear regression is a regression model');
  },
  predict(model, X) {
    const values = predictLinearRegression(model, X);
    return { prediction: values, margin: values };
  },
  hasMargin: true,
  linearTerms: (model) => model,
};

export const logisticRegressionEstimator: Estimator<'logistic_regression', LogisticRegressionModel, LogisticRegressionParams> = {
  type: 'logistic_regression',
  tasks: ['classification'],
  defaults: logisticRegressionDefaults,
  fit: (X, y, params, control) => fitLogisticRegression(X, y, params, control),
  schema: z.object({
    kind: z.literal('logistic_regression'),
    task: z.literal('classification'),
    classes: z.array(z.string()),
    params: z.record(z.string(), z.unknown()),
    encoding: encodingSchema,
    coefficients: coefficientsSchema,
  }),
  check(model, file, p) {
    const K = file.classes.length;
    checkLinear(model, file, K === 2 ? 1 : K, p);
    checkClasses(p, model.classes, file.classes, 2);
  },
  predict(model, X, file) {
    const proba = predictProbaLogisticRegression(model, X);
    return { prediction: mostProbableClass(proba, X.nRows, file.classes.length), proba, margin: logisticMargins(model, X) };
  },
  hasMargin: true,
  linearTerms: (model) => model,
};
