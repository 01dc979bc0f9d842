// Comparing two models on the same rows (monitor.ab_test).
export { abTest, type AbTestData, type AbTestName, type AbTestOptions, type AbTestResult, type Estimate } from './ab-test.js';
export { CLASSIFICATION_METRICS, REGRESSION_METRICS, higherIsBetter, scoreClassifier, scoreRegressor, type AbMetric, type ScoredRows, type WeightedMetric } from './row-metrics.js';
