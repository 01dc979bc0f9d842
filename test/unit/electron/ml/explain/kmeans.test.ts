// Background summaries: k-means finds well-separated clusters, weights are cluster sizes, centers land on real
// column values, NaNs are imputed, and small backgrounds pass through unchanged.

import { describe, expect, it } from 'vitest';
import { kmeans, summarizeBackground } from '../../../../../electron/ml/explain/kmeans.js';
import { Random } from '../../../../../electron/ml/random.js';

/** Blobs of the given sizes around (10c, −10c) with unit noise. */
function blobs(sizes: number[], seed: number): Float64Array[] {
  const rng = new Random(seed);
  const x: number[] = [];
  const y: number[] = [];
  sizes.forEach((size, c) => {
    for (let i = 0; i < size; i++) {
      x.push(10 * c + 0.3 * rng.normal());
      y.push(-10 * c + 0.3 * rng.normal());
    }
  });
  return [Float64Array.from(x), Float64Array.from(y)];
}

describe('kmeans', () => {
  it('recovers separated clusters with their sizes as weights, deterministically for a seed', () => {
    const sizes = [30, 70, 15, 45];
    const columns = blobs(sizes, 3);
    const res = kmeans(columns, 4, { seed: 1, roundValues: false });
    const found = Array.from(res.weights).map((w, c) => ({ w, x: res.centers[0][c], y: res.centers[1][c] }));
    found.sort((a, b) => a.x - b.x);
    expect(found.map((f) => f.w)).toEqual(sizes);
    found.forEach((f, c) => {
      expect(Math.abs(f.x - 10 * c)).toBeLessThan(0.2);
      expect(Math.abs(f.y + 10 * c)).toBeLessThan(0.2);
    });
    const again = kmeans(columns, 4, { seed: 1, roundValues: false });
    expect(Array.from(again.labels)).toEqual(Array.from(res.labels));
    // Inertia is the sum of squared distances to the assigned centers.
    let inertia = 0;
    for (let i = 0; i < columns[0].length; i++) {
      const c = res.labels[i];
      inertia += (columns[0][i] - res.centers[0][c]) ** 2 + (columns[1][i] - res.centers[1][c]) ** 2;
    }
    expect(res.inertia).toBeCloseTo(inertia, 9);
  });

  it('moves centers to values present in each column and imputes NaN with the column mean', () => {
    const codes = Float64Array.from({ length: 40 }, (_, i) => i % 3);
    const numeric = Float64Array.from({ length: 40 }, (_, i) => (i === 5 ? NaN : i));
    const res = kmeans([codes, numeric], 5, { seed: 2 });
    const seen0 = new Set(codes);
    const numericMean = (780 - 5) / 39;
    const seen1 = new Set([...numeric.filter((v) => v === v), numericMean]);
    for (let c = 0; c < 5; c++) {
      expect(seen0.has(res.centers[0][c])).toBe(true);
      expect(seen1.has(res.centers[1][c])).toBe(true);
    }
    expect(res.weights.reduce((s, v) => s + v, 0)).toBe(40);
  });

  it('asks for fewer clusters than rows without failing', () => {
    const res = kmeans([Float64Array.of(1, 2)], 5, { seed: 0 });
    expect(res.weights.length).toBe(2);
    expect(Array.from(res.weights).sort()).toEqual([1, 1]);
  });
});

describe('summarizeBackground', () => {
  it('keeps a background of at most maxRows rows as given', () => {
    const columns = blobs([3, 4], 1);
    const res = summarizeBackground({ columns }, 7, 0);
    expect(res.summarized).toBe(false);
    expect(res.columns).toBe(columns);
  });

  it('summarizes larger ones to weighted centers that keep the total weight and the mean of well-separated blobs', () => {
    const columns = blobs([100, 50, 150], 4);
    const res = summarizeBackground({ columns }, 3, 0);
    expect(res.summarized).toBe(true);
    expect(res.columns[0].length).toBe(3);
    expect(Array.from(res.weights!).sort((a, b) => a - b)).toEqual([50, 100, 150]);
  });

  it('clusters a seeded sample of 10,000 rows when the background is larger', () => {
    const columns = blobs([6000, 4050], 5);
    const res = summarizeBackground({ columns }, 2, 1);
    const weights = Array.from(res.weights!).sort((a, b) => a - b);
    expect(weights[0] + weights[1]).toBe(10_000);
    // The sample keeps the blobs' shares up to sampling noise (4050 / 10050 ≈ 0.403).
    expect(Math.abs(weights[0] / 10_000 - 4050 / 10050)).toBeLessThan(0.02);
  });
});
