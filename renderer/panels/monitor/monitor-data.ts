// Reading the monitor metrics outputs for their charts: monitor.estimate_performance (estimates, bands, realized,
// thresholds), monitor.performance (per-batch metric and its degradation limit) and monitor.ab_test (difference + CI).

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const metricOf = (v: unknown, metric: string): number | null => (isRec(v) ? num(v[metric]) : null);

/** One point of a chunk chart: a label, the value, an optional band and realized value, and an alert flag. */
export interface ChunkPoint {
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  realized: number | null;
  alert: boolean;
}

export interface EstimateView {
  method: string;
  metrics: string[];
  calibrated: boolean | null;
  /** per metric: points and the alert thresholds */
  series: Record<string, { points: ChunkPoint[]; lower: number | null; upper: number | null }>;
}

export function readEstimate(value: unknown): EstimateView | null {
  if (!isRec(value) || (value.method !== 'cbpe' && value.method !== 'dle') || !Array.isArray(value.chunks) || !Array.isArray(value.metrics)) return null;
  const metrics = value.metrics.map(String);
  const chunks = value.chunks.filter(isRec);
  const thresholds = isRec(value.thresholds) ? value.thresholds : {};
  const series: EstimateView['series'] = {};
  for (const m of metrics) {
    const t = thresholds[m];
    series[m] = {
      points: chunks.map((c) => ({
        label: String(c.chunk),
        value: metricOf(c.estimated, m),
        lower: metricOf(c.lower, m),
        upper: metricOf(c.upper, m),
        realized: metricOf(c.realized, m),
        alert: Array.isArray(c.alerts) ? c.alerts.includes(m) : c.alert === true,
      })),
      lower: isRec(t) ? num(t.lower) : null,
      upper: isRec(t) ? num(t.upper) : null,
    };
  }
  return { method: value.method, metrics, calibrated: typeof value.calibrated === 'boolean' ? value.calibrated : null, series };
}

export interface BatchesView {
  metric: string;
  reference: number | null;
  /** the worst value that is not degradation */
  limit: number | null;
  higherIsBetter: boolean;
  points: ChunkPoint[];
}

/** The value at which a batch counts as degraded: reference ∓ max_drop (absolute) or × (1 ∓ max_drop) (relative). */
export function degradationLimit(reference: number, maxDrop: number, drop: string, higherIsBetter: boolean): number {
  const delta = drop === 'absolute' ? maxDrop : maxDrop * Math.abs(reference);
  return higherIsBetter ? reference - delta : reference + delta;
}

export function readBatches(value: unknown): BatchesView | null {
  if (!isRec(value) || typeof value.metric !== 'string' || !Array.isArray(value.batches) || !('degraded' in value)) return null;
  const reference = num(value.reference);
  const higher = value.higher_is_better !== false;
  const maxDrop = num(value.max_drop);
  return {
    metric: value.metric,
    reference,
    limit: reference !== null && maxDrop !== null ? degradationLimit(reference, maxDrop, String(value.drop ?? 'relative'), higher) : null,
    higherIsBetter: higher,
    points: value.batches.filter(isRec).map((b) => ({ label: String(b.batch), value: num(b.value), lower: null, upper: null, realized: null, alert: b.degraded === true })),
  };
}

export interface AbView {
  metric: string;
  a: { value: number; ci: [number, number] };
  b: { value: number; ci: [number, number] };
  difference: { value: number; ci: [number, number] };
  pValue: number | null;
  winner: string | null;
  confidence: number;
}

const estimate = (v: unknown): { value: number; ci: [number, number] } | null => {
  if (!isRec(v) || num(v.value) === null || !Array.isArray(v.ci) || v.ci.length !== 2) return null;
  return { value: v.value as number, ci: [Number(v.ci[0]), Number(v.ci[1])] };
};

export function readAbTest(value: unknown): AbView | null {
  if (!isRec(value) || typeof value.metric !== 'string' || !('winner' in value)) return null;
  const a = estimate(value.a);
  const b = estimate(value.b);
  const difference = estimate(value.difference);
  if (!a || !b || !difference) return null;
  return { metric: value.metric, a, b, difference, pValue: num(value.p_value), winner: typeof value.winner === 'string' ? value.winner : null, confidence: num(value.confidence) ?? 0.95 };
}
