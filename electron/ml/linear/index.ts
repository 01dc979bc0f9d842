// The linear models: least squares / ridge and logistic regression, with coefficients in original units.

export { linearMargins, toOriginalUnits, type LinearCoefficients } from './coefficients.js';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type Objective } from './lbfgs.js';
export {
  fitLogisticRegression,
  logisticMargins,
  logisticRegressionDefaults,
  predictLogisticRegression,
  predictProbaLogisticRegression,
  type LogisticRegressionModel,
  type LogisticRegressionParams,
} from './logistic.js';
export {
  fitLinearRegression,
  linearRegressionDefaults,
  predictLinearRegression,
  type LinearRegressionModel,
  type LinearRegressionParams,
} from './regression.js';
