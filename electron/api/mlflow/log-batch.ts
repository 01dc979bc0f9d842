// What one run sends to MLflow's runs/log-batch, split into requests within the documented limits
// (https://mlflow.org/docs/latest/rest-api.html#log-batch): at most 1000 metrics, 100 params and 100 tags, and
// 1000 entities in total, per request. Keys and values are cut to the documented lengths.

export interface MlflowMetric {
  key: string;
  value: number;
  /** milliseconds since the epoch */
  timestamp: number;
  step: number;
}

export interface MlflowParam {
  key: string;
  value: string;
}

export type MlflowTag = MlflowParam;

export interface LogBatch {
  metrics: MlflowMetric[];
  params: MlflowParam[];
  tags: MlflowTag[];
}

export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;
/** MLflow's key limit (250) and param value limit (6000 since MLflow 2.x: `MAX_PARAM_VAL_LENGTH`). */
export const MAX_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 5000;

/** Params first (they are immutable, so a retried push fails early on a conflict), then tags, then metrics. */
export function splitLogBatch(all: LogBatch): LogBatch[] {
  const batches: LogBatch[] = [];
  let p = 0;
  let t = 0;
  let m = 0;
  while (p < all.params.length || t < all.tags.length || m < all.metrics.length) {
    const params = all.params.slice(p, p + LOG_BATCH_LIMITS.params);
    const tags = all.tags.slice(t, t + Math.min(LOG_BATCH_LIMITS.tags, LOG_BATCH_LIMITS.total - params.length));
    const room = Math.min(LOG_BATCH_LIMITS.metrics, LOG_BATCH_LIMITS.total - params.length - tags.length);
    const metrics = all.metrics.slice(m, m + room);
    p += params.length;
    t += tags.length;
    m += metrics.length;
    batches.push({ metrics, params, tags });
  }
  return batches;
}

/** MLflow keys allow letters, digits, `_ - . / ` and spaces; anything else becomes `_`. */
export function mlflowKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_\-./ ]/g, '_').slice(0, MAX_KEY_LENGTH);
}

/** A param value as text (JSON for non-strings), cut to MLflow's limit with a marker. */
export function paramValue(value: unknown, limit = MAX_PARAM_VALUE_LENGTH): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'null';
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
