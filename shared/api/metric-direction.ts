// Which way a metric is better, for marking the best run in a comparison. Keyed on the metric's last name part
// (`evaluate.roc_auc` → `roc_auc`); metrics not listed (counts, statistics) have no direction.
const HIGHER = new Set([
  'accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'r2', 'precision', 'recall', 'f1',
  'demographic_parity_ratio',
]);
const LOWER = new Set([
  'log_loss', 'rmse', 'mae', 'mse', 'share_drifted',
  'demographic_parity_difference', 'equalized_odds_difference', 'equal_opportunity_difference',
]);

export function metricDirection(name: string): 'higher' | 'lower' | null {
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (HIGHER.has(last)) return 'higher';
  if (LOWER.has(last)) return 'lower';
  return null;
}
