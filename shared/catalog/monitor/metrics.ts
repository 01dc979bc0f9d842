// The metrics monitor.performance and monitor.ab_test compute, with their direction (shared by both).

export const MONITOR_CLASSIFICATION_METRICS = ['accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss', 'roc_auc'] as const;
export const MONITOR_REGRESSION_METRICS = ['rmse', 'mae', 'mse', 'r2'] as const;
export const MONITOR_METRICS = ['auto', ...MONITOR_CLASSIFICATION_METRICS, ...MONITOR_REGRESSION_METRICS] as const;

export const METRIC_DOCS =
  'Metrics: accuracy, balanced_accuracy, f1_macro, log_loss, roc_auc (binary, last class positive) for classifiers; ' +
  'rmse, mae, mse, r2 for regressors; auto = accuracy or rmse. Definitions follow scikit-learn; log_loss, rmse, mae ' +
  'and mse are better when lower.';
