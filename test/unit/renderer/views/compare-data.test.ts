// Overlaying several runs' training curves in one chart: checked against a brute-force merge of the points.
import { describe, expect, it } from 'vitest';
import { formatParam, measuresOf, overlaySeries, runLabel, type RunSeries } from '../../../../renderer/views/runs/compare-data.js';

function randomRuns(seed: number): RunSeries[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: 4 }, (_, r) => ({
    runId: `run-${r}`,
    points: Array.from({ length: 5 + Math.floor(next() * 20) }, (_, i) => ({
      step: i * (r + 1),
      seconds: i,
      train_loss: 1 / (i + 1) + next() * 0.1,
      ...(r !== 2 ? { valid_loss: 1.2 / (i + 1) } : {}),
    })),
  }));
}

describe('overlaySeries', () => {
  it('puts every point of every run on its step, steps sorted and unique', () => {
    for (const seed of [1, 2, 3]) {
      const runs = randomRuns(seed);
      const overlay = overlaySeries(runs, 'train_loss', 1000);
      const steps = overlay.data.map((row) => row.step);
      expect(steps).toEqual([...new Set(runs.flatMap((r) => r.points.map((p) => p.step)))].sort((a, b) => a - b));
      expect(overlay.lines.map((l) => l.runId)).toEqual(runs.map((r) => r.runId));
      // Brute force: look every point up in the rows.
      runs.forEach((run, i) => {
        for (const p of run.points) expect(overlay.data.find((row) => row.step === p.step)![`run${i}`]).toBe(p.train_loss);
        const present = overlay.data.filter((row) => `run${i}` in row).length;
        expect(present).toBe(run.points.length);
      });
    }
  });

  it('leaves out runs without the measure, keeping the others’ indices', () => {
    const overlay = overlaySeries(randomRuns(4), 'valid_loss', 1000);
    expect(overlay.lines.map((l) => [l.key, l.index])).toEqual([
      ['run0', 0],
      ['run1', 1],
      ['run3', 3],
    ]);
    expect(overlay.data.every((row) => !('run2' in row))).toBe(true);
  });

  it('downsamples each run to the cap, keeping its first and last point', () => {
    const long: RunSeries = { runId: 'long', points: Array.from({ length: 5000 }, (_, i) => ({ step: i, seconds: i, train_loss: i })) };
    const overlay = overlaySeries([long], 'train_loss', 100);
    expect(overlay.data).toHaveLength(100);
    expect(overlay.data[0]).toEqual({ step: 0, run0: 0 });
    expect(overlay.data.at(-1)).toEqual({ step: 4999, run0: 4999 });
  });

  it('lists the measures some run has, in a fixed order; skips non-finite values', () => {
    expect(measuresOf(randomRuns(5))).toEqual(['train_loss', 'valid_loss']);
    expect(measuresOf([{ runId: 'a', points: [{ step: 0, seconds: 0, metric: 0.5 }] }])).toEqual(['metric']);
    const overlay = overlaySeries([{ runId: 'a', points: [{ step: 0, train_loss: Number.NaN }, { step: 1, train_loss: 2 }] }], 'train_loss');
    expect(overlay.data).toEqual([{ step: 1, run0: 2 }]);
  });
});

describe('labels and params', () => {
  it('labels runs by place and short id; writes params as text', () => {
    expect(runLabel(1, 'abcdef0123456')).toBe('#2 abcdef01');
    expect([formatParam('x'), formatParam(3), formatParam(['a', 1]), formatParam(null), formatParam(undefined), formatParam(false)]).toEqual(['x', '3', '["a",1]', '—', '—', 'false']);
  });
});
