// Anomaly scores for table rows (monitor.anomaly).
export { averagePathLength, contaminationOffset, fitIsolationForest, resolveMaxSamples, scoreSamples, type IsolationForest, type IsolationForestParams, type IsolationTree } from './isolation-forest.js';
