// The prediction log writer: rows reach the project in one transaction per batch of at most 100 ms, in order,
// none lost, and close() flushes what is queued; a failing write is counted, not thrown at the request path.
import { describe, expect, it, vi } from 'vitest';
import { FLUSH_INTERVAL_MS, predictionLogWriter } from '../../../../electron/serve/prediction-log-writer.js';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import type { LoggedPrediction, PredictionLog } from '../../../../electron/store/prediction-log.js';

const prediction = (i: number): LoggedPrediction => ({
  servedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
  model: 'churn',
  modelVersion: String(1 + (i % 2)),
  latencyMs: 0.5,
  key: `k${i}`,
  inputs: { tenure: i, contract: i % 3 ? 'month' : null },
  prediction: i % 2 ? 'yes' : 'no',
  probabilities: { no: 0.25, yes: 0.75 },
});

describe('predictionLogWriter', () => {
  it('batches by time, keeps order and loses nothing; the store filters by version and time', async () => {
    vi.useFakeTimers();
    try {
      const project = openProjectFile(':memory:', { create: true });
      const appends: number[] = [];
      const log: PredictionLog = { ...project.predictionLog, append: (rows) => (appends.push(rows.length), project.predictionLog.append(rows)) };
      const writer = predictionLogWriter(log);
      for (let i = 0; i < 250; i++) writer.add(() => [prediction(i)]);
      expect(appends).toEqual([]);
      await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
      expect(appends).toEqual([250]);
      for (let i = 250; i < 300; i++) writer.add(() => [prediction(i)]);
      writer.close();
      expect(appends).toEqual([250, 50]);
      writer.add(() => [prediction(999)]);
      await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS * 2);

      const rows = project.predictionLog.list();
      expect(rows.map((r) => r.key)).toEqual(Array.from({ length: 300 }, (_, i) => `k${i}`));
      expect(rows[4]).toMatchObject({ ...prediction(4), id: 5 });
      expect(project.predictionLog.list({ modelVersion: '2' })).toHaveLength(150);
      const since = prediction(100).servedAt;
      const until = prediction(199).servedAt;
      expect(project.predictionLog.list({ since, until }).map((r) => r.key)).toEqual(Array.from({ length: 100 }, (_, i) => `k${100 + i}`));
      expect(project.predictionLog.stamp({ model: 'churn' })).toEqual({ count: 300, lastId: 300 });
      expect(project.predictionLog.stamp({ model: 'other' })).toEqual({ count: 0, lastId: 0 });
      project.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a burst of 5,000 logged requests (past the preallocated slots) reaches the log in one flush, in order, none lost', () => {
    const project = openProjectFile(':memory:', { create: true });
    const appends: number[] = [];
    const log: PredictionLog = { ...project.predictionLog, append: (rows) => (appends.push(rows.length), project.predictionLog.append(rows)) };
    const writer = predictionLogWriter(log);
    const version = { model: 'churn', version: '2', file: { task: 'classification' as const, classes: ['no', 'yes'] }, inputs: ['tenure', 'contract'] };
    const t0 = Date.UTC(2026, 0, 1);
    let rows = 0;
    for (let i = 0; i < 5000; i++) {
      // Alternate the two request shapes: JSON row objects (extra keys not logged) and parsed columns (CSV, columnar).
      const n = 1 + (i % 3);
      const out = { prediction: Int32Array.from({ length: n }, (_, r) => (i + r) % 2), proba: Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 ? 0.75 : 0.25)) };
      if (i % 2) {
        const objects = Array.from({ length: n }, (_, r) => ({ tenure: i + r, contract: r ? 'month' : null, extra: 'x' }));
        writer.log(version, t0 + i, 0.5, `k${i}`, out, n, objects, null);
      } else {
        const cells = { tenure: Array.from({ length: n }, (_, r) => i + r), contract: Array.from({ length: n }, (_, r) => (r ? 'month' : null)) };
        writer.log(version, t0 + i, 0.5, i % 4 ? null : `k${i}`, out, n, null, cells);
      }
      rows += n;
    }
    expect(writer.pending).toBe(5000);
    writer.close();
    expect(appends).toEqual([rows]);
    const logged = project.predictionLog.list();
    expect(logged).toHaveLength(rows);
    const expected: unknown[] = [];
    for (let i = 0; i < 5000; i++) {
      for (let r = 0; r < 1 + (i % 3); r++) {
        expected.push([new Date(t0 + i).toISOString(), i + r, r ? 'month' : null, (i + r) % 2 ? 'yes' : 'no', i % 2 || i % 4 === 0 ? `k${i}` : null]);
      }
    }
    expect(logged.every((row) => Object.keys(row.inputs).join() === 'tenure,contract')).toBe(true);
    expect(logged.map((row) => [row.servedAt, row.inputs.tenure, row.inputs.contract, row.prediction, row.key])).toEqual(expected);
    expect(logged[0]).toMatchObject({ model: 'churn', modelVersion: '2', latencyMs: 0.5, probabilities: { no: 0.25, yes: 0.75 } });
    project.close();
  });

  it('counts rows it could not write and reports the error', () => {
    const errors: unknown[] = [];
    const writer = predictionLogWriter({ append: () => { throw new Error('database is locked'); }, list: () => [], stamp: () => ({ count: 0, lastId: 0 }) }, (e) => errors.push(e));
    writer.add(() => [prediction(1), prediction(2)]);
    writer.flush();
    expect(writer.failures).toBe(2);
    expect(String(errors[0])).toMatch(/locked/);
  });
});
