// The evaluation metrics of SPEC §6.

export { classificationMetrics, confusionMatrix, logLoss, type ClassificationMetrics } from './classification.js';
export { mostProbableClass } from './decision.js';
export { regressionMetrics, residualSample, MAX_RESIDUAL_POINTS, type RegressionMetrics } from './regression.js';
export { areaUnderCurve, rocAuc, rocCurve, type RocCurve } from './roc.js';
