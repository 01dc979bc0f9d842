// Predictions served by `plumb serve`: appended in batches (one transaction each), read back in time order
// for data.prediction_log with filters by model, version and time range.
import { write, type StoreContext } from './db.js';

export interface LoggedPrediction {
  /** ISO-8601 time the request arrived. */
  servedAt: string;
  model: string;
  modelVersion: string;
  latencyMs: number;
  /** The request's key (body "key" or X-Plumb-Key), if any. */
  key: string | null;
  /** Column → value as requested (numbers, text, booleans, null). */
  inputs: Record<string, unknown>;
  /** Class label (classifiers) or value (regression). */
  prediction: string | number;
  probabilities: Record<string, number> | null;
}

export interface PredictionLogFilter {
  model?: string;
  modelVersion?: string;
  /** inclusive ISO-8601 bounds */
  since?: string;
  until?: string;
  limit?: number;
}

export interface PredictionLog {
  /** Appends all rows in one transaction. */
  append(rows: readonly LoggedPrediction[]): void;
  /** Oldest first (served_at, then insertion order). */
  list(filter?: PredictionLogFilter): (LoggedPrediction & { id: number })[];
  /** Rows matching the filter and the largest id among them: what a cache key needs to see new rows. */
  stamp(filter?: PredictionLogFilter): { count: number; lastId: number };
}

interface Row {
  id: number;
  servedAt: string;
  model: string;
  modelVersion: string;
  latencyMs: number;
  key: string | null;
  inputs: string;
  prediction: string;
  probabilities: string | null;
}

const WHERE = `
  WHERE (@model IS NULL OR model = @model) AND (@version IS NULL OR model_version = @version)
    AND (@since IS NULL OR served_at >= @since) AND (@until IS NULL OR served_at <= @until)`;

export function predictionLogOf({ db }: StoreContext): PredictionLog {
  const insert = db.prepare(
    'INSERT INTO prediction_log (served_at, model, model_version, latency_ms, request_key, inputs, prediction, probabilities) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare(`
    SELECT id, served_at AS servedAt, model, model_version AS modelVersion, latency_ms AS latencyMs, request_key AS key,
           inputs, prediction, probabilities
    FROM prediction_log ${WHERE} ORDER BY served_at, id LIMIT @limit`);
  const count = db.prepare(`SELECT count(*) AS count, coalesce(max(id), 0) AS lastId FROM prediction_log ${WHERE}`);
  const bind = (filter: PredictionLogFilter) => ({
    model: filter.model ?? null,
    version: filter.modelVersion ?? null,
    since: filter.since ?? null,
    until: filter.until ?? null,
  });

  return {
    append(rows) {
      if (rows.length === 0) return;
      write(db, () => {
        for (const r of rows) {
          insert.run(
            r.servedAt,
            r.model,
            r.modelVersion,
            r.latencyMs,
            r.key,
            JSON.stringify(r.inputs),
            JSON.stringify(r.prediction),
            r.probabilities ? JSON.stringify(r.probabilities) : null,
          );
        }
      });
    },
    list(filter = {}) {
      const rows = select.all({ ...bind(filter), limit: filter.limit ?? -1 }) as Row[];
      return rows.map((r) => ({
        ...r,
        inputs: JSON.parse(r.inputs) as Record<string, unknown>,
        prediction: JSON.parse(r.prediction) as string | number,
        probabilities: r.probabilities === null ? null : (JSON.parse(r.probabilities) as Record<string, number>),
      }));
    },
    stamp: (filter = {}) => count.get(bind(filter)) as { count: number; lastId: number },
  };
}
