// The A/B split: shares by weight within binomial tolerance, zero weights never chosen, a key always lands on the
// same version, and --split parsing errors say what is wrong.
import { describe, expect, it } from 'vitest';
import { Random } from '../../../../electron/ml/random.js';
import { keyHash, parseSplit, trafficSplit } from '../../../../electron/serve/traffic-split.js';

describe('trafficSplit', () => {
  it.each([
    [[90, 10]],
    [[1, 1]],
    [[0.2, 0.3, 0.5]],
  ])('keyed shares follow weights %j within 4 binomial sd over 20,000 keys', (weights) => {
    const split = trafficSplit(weights);
    const n = 20_000;
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < n; i++) counts[split.choose(`customer-${i}`)]++;
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, k) => {
      const p = w / total;
      expect(Math.abs(counts[k] - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    });
  });

  it.each([
    [[90, 10], 1],
    [[50, 50], 2],
    [[0.7, 0.2, 0.1], 3],
  ])('unkeyed shares follow weights %j within 4 binomial sd over 10,000 seeded draws (seed %i)', (weights, seed) => {
    const random = new Random(seed);
    const split = trafficSplit(weights, () => random.uniform());
    const n = 10_000;
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < n; i++) counts[split.choose(undefined)]++;
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, k) => {
      const p = w / total;
      expect(Math.abs(counts[k] - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    });
  });

  it('never sends traffic to a zero weight, keyed or not', () => {
    const split = trafficSplit([0, 1]);
    for (let i = 0; i < 1000; i++) {
      expect(split.choose(`k${i}`)).toBe(1);
      expect(split.choose(undefined)).toBe(1);
    }
  });

  it('is sticky: the same key always picks the same version; unkeyed requests are drawn', () => {
    const split = trafficSplit([50, 50], () => 0.75);
    for (let i = 0; i < 200; i++) expect(split.choose(`user-${i}`)).toBe(split.choose(`user-${i}`));
    expect(split.choose(undefined)).toBe(1);
  });

  it('keyHash spreads sequential keys over all 16 high-bit buckets evenly', () => {
    const buckets = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) buckets[keyHash(`id-${i}`) >>> 28]++;
    // Chi-square with 15 dof: 99.9th percentile is 37.7.
    const chi2 = buckets.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(37.7);
  });

  it('refuses weights that cannot split traffic', () => {
    expect(() => trafficSplit([0, 0])).toThrow(/positive sum/);
    expect(() => trafficSplit([-1, 2])).toThrow(/non-negative/);
  });
});

describe('parseSplit', () => {
  it('reads one weight per model', () => {
    expect(parseSplit('90,10', 2)).toEqual([90, 10]);
    expect(parseSplit(' 0.5 , 0.5 ', 2)).toEqual([0.5, 0.5]);
  });
  it.each([
    ['90', 2, /1 weights for 2 models/],
    ['90,x', 2, /expected non-negative weights/],
    ['0,0', 2, /expected non-negative weights/],
    ['90,,10', 3, /expected non-negative weights/],
  ])('%s for %i models is refused', (text, models, message) => {
    expect(() => parseSplit(text, models)).toThrow(message);
  });
});
