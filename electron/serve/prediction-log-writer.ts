// Writes served predictions to the project in batches: a request only stores references in preallocated slots
// (struct of arrays, grown by doubling between flushes); one transaction per ≤ 100 ms turns them into rows and
// appends them, on a timer after the responses went out. `close` flushes what is left.
import type { ModelOutput, PlumbModelFile } from '../ml/model-file.js';
import type { LoggedPrediction, PredictionLog } from '../store/prediction-log.js';
import type { Cell } from './request-body.js';
import { rowAnswer } from './responses.js';

export const FLUSH_INTERVAL_MS = 100;

/** What every prediction of one served version shares: made once per version. */
export interface LoggedVersion {
  model: string;
  version: string;
  file: Pick<PlumbModelFile, 'task' | 'classes'>;
  /** The request columns logged as `inputs`, in order. */
  inputs: readonly string[];
}

export interface PredictionLogWriter {
  /**
   * Queues the predictions of one request: `rows` (the request's row objects) or `cells` (its columns) give the
   * inputs; nothing is copied or formatted until the flush.
   */
  log(
    version: LoggedVersion,
    servedAtMs: number,
    latencyMs: number,
    key: string | null,
    out: ModelOutput,
    nRows: number,
    rows: readonly Record<string, unknown>[] | null,
    cells: Record<string, readonly Cell[]> | null,
  ): void;
  /** Queues rows built at flush time. */
  add(build: () => LoggedPrediction[]): void;
  /** Requests queued and not yet written. */
  readonly pending: number;
  flush(): void;
  close(): void;
  /** Rows that could not be written (the file was locked too long, or closed); reported, not thrown. */
  readonly failures: number;
}

const INITIAL_SLOTS = 1024;

export function predictionLogWriter(log: PredictionLog, onError: (e: unknown) => void = () => {}): PredictionLogWriter {
  let capacity = INITIAL_SLOTS;
  let servedAt = new Float64Array(capacity);
  let latency = new Float64Array(capacity);
  let nRowsOf = new Int32Array(capacity);
  const versions: (LoggedVersion | undefined)[] = new Array(capacity).fill(undefined);
  const keys: (string | null)[] = new Array(capacity).fill(null);
  const outs: (ModelOutput | undefined)[] = new Array(capacity).fill(undefined);
  const rowsOf: (readonly Record<string, unknown>[] | null)[] = new Array(capacity).fill(null);
  const cellsOf: (Record<string, readonly Cell[]> | null)[] = new Array(capacity).fill(null);
  const builders: ((() => LoggedPrediction[]) | undefined)[] = new Array(capacity).fill(undefined);
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;

  const grow = () => {
    const bigger = capacity * 2;
    const widen = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T) => {
      const b = make(bigger);
      b.set(a);
      return b;
    };
    servedAt = widen(servedAt, (n) => new Float64Array(n));
    latency = widen(latency, (n) => new Float64Array(n));
    nRowsOf = widen(nRowsOf, (n) => new Int32Array(n));
    for (const list of [versions, outs, builders] as unknown[][]) list.length = bigger;
    for (const list of [keys, rowsOf, cellsOf] as unknown[][]) for (let i = capacity; i < bigger; i++) list[i] = null;
    capacity = bigger;
  };

  const slot = (): number => {
    if (queued === capacity) grow();
    timer ??= setTimeout(flush, FLUSH_INTERVAL_MS);
    return queued++;
  };

  function rowsAt(k: number): LoggedPrediction[] {
    const build = builders[k];
    if (build) return build();
    const version = versions[k]!;
    const out = outs[k]!;
    const at = new Date(servedAt[k]).toISOString();
    const rows = rowsOf[k];
    const cells = cellsOf[k];
    const made: LoggedPrediction[] = [];
    for (let i = 0; i < nRowsOf[k]; i++) {
      const inputs: Record<string, unknown> = {};
      for (const f of version.inputs) {
        const v = rows ? (Object.hasOwn(rows[i], f) ? rows[i][f] : undefined) : cells![f]?.[i];
        inputs[f] = v ?? null;
      }
      made.push({ servedAt: at, model: version.model, modelVersion: version.version, latencyMs: latency[k], key: keys[k], inputs, ...rowAnswer(version.file, out, i) });
    }
    return made;
  }

  function flush() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (queued === 0) return;
    const n = queued;
    queued = 0;
    const rows: LoggedPrediction[] = [];
    let built = 0;
    try {
      for (let k = 0; k < n; k++) {
        for (const r of rowsAt(k)) rows.push(r);
        built = k + 1;
      }
    } catch (e) {
      onError(e);
    } finally {
      // Slots release their references, so a flushed request's bodies and outputs can be collected.
      for (let k = 0; k < n; k++) {
        versions[k] = outs[k] = builders[k] = undefined;
        keys[k] = rowsOf[k] = cellsOf[k] = null;
      }
    }
    if (built < n) failures += n - built;
    try {
      log.append(rows);
    } catch (e) {
      failures += rows.length;
      onError(e);
    }
  }

  return {
    log(version, servedAtMs, latencyMs, key, out, nRows, rows, cells) {
      if (closed) return;
      const k = slot();
      versions[k] = version;
      servedAt[k] = servedAtMs;
      latency[k] = latencyMs;
      keys[k] = key;
      outs[k] = out;
      nRowsOf[k] = nRows;
      rowsOf[k] = rows;
      cellsOf[k] = cells;
    },
    add(build) {
      if (closed) return;
      builders[slot()] = build;
    },
    get pending() {
      return queued;
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
