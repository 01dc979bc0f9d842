// Live stats of the Serving view: per-second counts and nearest-rank percentiles equal a brute-force computation
// over the same requests; the recent list is newest first and bounded.
import { describe, expect, it } from 'vitest';
import { liveStats } from '../../../../electron/serve/live-stats.js';
import { Random } from '../../../../electron/ml/random.js';

describe('liveStats', () => {
  it('matches brute force per second over the last minute', () => {
    const random = new Random(3);
    const stats = liveStats();
    const now = 1_700_000_060_500;
    const requests = Array.from({ length: 3000 }, () => ({ atMs: now - Math.floor(random.uniform() * 90_000), latencyMs: random.uniform() * 20 }));
    requests.sort((a, b) => a.atMs - b.atMs);
    for (const r of requests) stats.record({ ...r, method: 'POST', path: '/invocations', code: 200, version: '1', rows: 1 });

    const traffic = stats.traffic(now);
    expect(traffic).toHaveLength(60);
    for (const point of traffic) {
      const second = requests.filter((r) => Math.floor(r.atMs / 1000) * 1000 === point.t).map((r) => r.latencyMs).sort((a, b) => a - b);
      expect(point.requests).toBe(second.length);
      const nearestRank = (p: number) => (second.length ? second[Math.ceil((p / 100) * second.length) - 1] : null);
      expect(point.p50).toBe(nearestRank(50));
      expect(point.p95).toBe(nearestRank(95));
      expect(point.p99).toBe(nearestRank(99));
    }
    expect(stats.total).toBe(3000);
    const recent = stats.recent();
    expect(recent).toHaveLength(50);
    expect(recent[0].at).toBe(new Date(requests.at(-1)!.atMs).toISOString());
  });
});
