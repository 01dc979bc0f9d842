// What the Serving view shows live: per-second throughput and latency percentiles over the last minute, and the
// last requests. Kept in a bounded ring, so a long-running server holds a fixed amount of memory.
import type { ServedRequest, TrafficPoint } from '../../shared/api/serving.js';

const WINDOW_SECONDS = 60;
const RECENT = 50;
const MAX_SAMPLES = 200_000;

export interface LiveStats {
  record(request: Omit<ServedRequest, 'at'> & { atMs: number }): void;
  readonly total: number;
  traffic(nowMs?: number): TrafficPoint[];
  recent(): ServedRequest[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function liveStats(): LiveStats {
  const times = new Float64Array(MAX_SAMPLES);
  const latencies = new Float64Array(MAX_SAMPLES);
  let head = 0;
  let count = 0;
  let total = 0;
  // The last requests, in a ring of plain fields: a request only stores values, the list is built when read.
  const recentAt = new Float64Array(RECENT);
  const recentLatency = new Float64Array(RECENT);
  const recentCode = new Int32Array(RECENT);
  const recentRows = new Float64Array(RECENT);
  const recentMethod = new Array<string>(RECENT).fill('');
  const recentPath = new Array<string>(RECENT).fill('');
  const recentVersion = new Array<string | null>(RECENT).fill(null);
  let recentHead = 0;
  return {
    record(request) {
      times[head] = request.atMs;
      latencies[head] = request.latencyMs;
      head = head + 1 === MAX_SAMPLES ? 0 : head + 1;
      if (count < MAX_SAMPLES) count++;
      total++;
      recentAt[recentHead] = request.atMs;
      recentLatency[recentHead] = request.latencyMs;
      recentCode[recentHead] = request.code;
      recentRows[recentHead] = request.rows;
      recentMethod[recentHead] = request.method;
      recentPath[recentHead] = request.path;
      recentVersion[recentHead] = request.version;
      recentHead = recentHead + 1 === RECENT ? 0 : recentHead + 1;
    },
    get total() {
      return total;
    },
    traffic(nowMs = Date.now()) {
      const end = Math.floor(nowMs / 1000);
      const start = end - WINDOW_SECONDS + 1;
      const buckets: number[][] = Array.from({ length: WINDOW_SECONDS }, () => []);
      for (let j = 0; j < count; j++) {
        const i = (head - 1 - j + MAX_SAMPLES) % MAX_SAMPLES;
        const second = Math.floor(times[i] / 1000);
        if (second < start) break;
        if (second <= end) buckets[second - start].push(latencies[i]);
      }
      return buckets.map((values, k) => {
        const sorted = Float64Array.from(values).sort();
        const empty = sorted.length === 0;
        return {
          t: (start + k) * 1000,
          requests: sorted.length,
          p50: empty ? null : percentile(sorted, 50),
          p95: empty ? null : percentile(sorted, 95),
          p99: empty ? null : percentile(sorted, 99),
        };
      });
    },
    recent() {
      const out: ServedRequest[] = [];
      for (let j = 0; j < Math.min(total, RECENT); j++) {
        const i = (recentHead - 1 - j + RECENT) % RECENT;
        out.push({
          at: new Date(recentAt[i]).toISOString(),
          method: recentMethod[i],
          path: recentPath[i],
          code: recentCode[i],
          version: recentVersion[i],
          rows: recentRows[i],
          latencyMs: recentLatency[i],
        });
      }
      return out;
    },
  };
}
