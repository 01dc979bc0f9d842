// Prometheus metrics of one server (its own prom-client registry, so two servers in one process never mix):
// requests by model, version and status code, a latency histogram, and predicted rows.
import { Counter, Histogram, Registry } from 'prom-client';

export interface ServeMetrics {
  registry: Registry;
  requests: Counter<'model' | 'version' | 'code'>;
  duration: Histogram<'model' | 'version'>;
  predictions: Counter<'model' | 'version'>;
}

/** Sub-millisecond to seconds: a single-row tree prediction takes well under a millisecond. */
const BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function serveMetrics(): ServeMetrics {
  const registry = new Registry();
  return {
    registry,
    requests: new Counter({
      name: 'plumb_requests_total',
      help: 'HTTP requests by served model, version and status code',
      labelNames: ['model', 'version', 'code'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'plumb_request_duration_seconds',
      help: 'Time from request arrival to response, in seconds',
      labelNames: ['model', 'version'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    predictions: new Counter({
      name: 'plumb_predictions_total',
      help: 'Rows predicted, by served model and version',
      labelNames: ['model', 'version'],
      registers: [registry],
    }),
  };
}
