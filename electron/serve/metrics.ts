// Prometheus metrics of one server (its own prom-client registry, so two servers in one process never mix):
// requests by model, version and status code, a latency histogram, and predicted rows. The request path uses
// label children made once per model/version/code (`series`), never a labels object per request.
import { Counter, Histogram, Registry } from 'prom-client';

export interface ServeMetrics {
  registry: Registry;
  requests: Counter<'model' | 'version' | 'code'>;
  duration: Histogram<'model' | 'version'>;
  predictions: Counter<'model' | 'version'>;
  /** The series of one model and version (version '' for requests that reached none), made on first use. */
  series(model: string, version: string): VersionSeries;
}

export interface VersionSeries {
  /** Counts one request answered with `code`. */
  answered(code: number): void;
  observe(seconds: number): void;
  predicted(rows: number): void;
}

/** Sub-millisecond to seconds: a single-row tree prediction takes well under a millisecond. */
const BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function serveMetrics(): ServeMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'plumb_requests_total',
    help: 'HTTP requests by served model, version and status code',
    labelNames: ['model', 'version', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'plumb_request_duration_seconds',
    help: 'Time from request arrival to response, in seconds',
    labelNames: ['model', 'version'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  const predictions = new Counter({
    name: 'plumb_predictions_total',
    help: 'Rows predicted, by served model and version',
    labelNames: ['model', 'version'] as const,
    registers: [registry],
  });
  const made = new Map<string, VersionSeries>();
  const series = (model: string, version: string): VersionSeries => {
    const id = `${model}\u0000${version}`;
    let found = made.get(id);
    if (!found) {
      const byCode = new Map<number, { inc(value?: number): void }>();
      const timed = duration.labels(model, version);
      const rows = predictions.labels(model, version);
      found = {
        answered(code) {
          let child = byCode.get(code);
          if (!child) byCode.set(code, (child = requests.labels(model, version, String(code))));
          child.inc();
        },
        observe: (seconds) => timed.observe(seconds),
        predicted: (n) => rows.inc(n),
      };
      made.set(id, found);
    }
    return found;
  };
  return { registry, requests, duration, predictions, series };
}
