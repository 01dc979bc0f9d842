// Chart data helpers: downsampling keeps the ends and order, histogram bars are scaled to the tallest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsample } from '../../../../renderer/panels/downsample.js';
import { formatNumber, histogramBars, readColumnStats } from '../../../../renderer/panels/column-stats.js';

describe('downsample', () => {
  it('keeps at most max points, the first and the last, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 3000 }), fc.integer({ min: 2, max: 500 }), (points, max) => {
        const sorted = points.map((_, i) => i);
        const out = downsample(sorted, max);
        expect(out.length).toBe(Math.min(max, sorted.length));
        if (sorted.length > 0) {
          expect(out[0]).toBe(0);
          expect(out.at(-1)).toBe(sorted.length - 1);
        }
        for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1]);
      }),
    );
  });
});

describe('column stats', () => {
  it('reads well-formed stats and drops malformed ones', () => {
    const stats = readColumnStats([
      { name: 'age', type: 'DOUBLE', kind: 'numeric', count: 10, missing: 1, mean: 30, histogram: { edges: [0, 10, 20], counts: [2, 8] } },
      { name: 42 },
    ]);
    expect(stats.map((s) => s.name)).toEqual(['age']);
  });

  it('scales histogram bars to the tallest and labels them with bin edges', () => {
    const [age] = readColumnStats([{ name: 'age', histogram: { edges: [0, 10, 20], counts: [2, 8] } }]);
    expect(histogramBars(age)).toEqual([
      { label: '0 – 10', count: 2, fraction: 0.25 },
      { label: '10 – 20', count: 8, fraction: 1 },
    ]);
    const [city] = readColumnStats([{ name: 'city', top: [{ value: 'Oslo', count: 3 }, { value: 'Rome', count: 1 }] }]);
    expect(histogramBars(city).map((b) => [b.label, b.fraction])).toEqual([['Oslo', 1], ['Rome', 1 / 3]]);
  });

  it('formats numbers compactly', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(2.718281828)).toBe('2.718');
    expect(formatNumber(0.00001234)).toBe('1.234e-5');
    expect(formatNumber('x')).toBe('x');
  });
});
