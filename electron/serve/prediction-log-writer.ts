// Writes served predictions to the project in batches: rows queue in memory and one transaction per ≤ 100 ms
// appends them, after the responses went out. `close` flushes what is left.
import type { LoggedPrediction, PredictionLog } from '../store/prediction-log.js';

export const FLUSH_INTERVAL_MS = 100;

export interface PredictionLogWriter {
  /** Queues rows; `build` runs at flush time, so the request path only keeps references. */
  add(build: () => LoggedPrediction[]): void;
  readonly pending: number;
  flush(): void;
  close(): void;
  /** Rows that could not be written (the file was locked too long, or closed); reported, not thrown. */
  readonly failures: number;
}

export function predictionLogWriter(log: PredictionLog, onError: (e: unknown) => void = () => {}): PredictionLogWriter {
  let queue: (() => LoggedPrediction[])[] = [];
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const rows = batch.flatMap((build) => build());
    try {
      log.append(rows);
    } catch (e) {
      failures += rows.length;
      onError(e);
    }
  };

  return {
    add(build) {
      if (closed) return;
      queue.push(build);
      timer ??= setTimeout(flush, FLUSH_INTERVAL_MS);
    },
    get pending() {
      return queue.length;
    },
    flush,
    close() {
      flush();
      closed = true;
    },
    get failures() {
      return failures;
    },
  };
}
