// The seeded row keys behind split and sample: the SQL computes exactly the TypeScript mirror, keys are a
// bijection of the row index, and sklearn's _approximate_mode allocation.
import { describe, expect, it } from 'vitest';
import { approximateMode, keyedSql, mix32, rowKey } from '../../../../../electron/nodes/data/seeded-rows.js';
import { withSession } from './context.js';

describe('mix32', () => {
  it('matches murmur3 fmix32 reference values', () => {
    // fmix32(0) = 0; others from the C reference (h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16).
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).toBe(0x514e28b7);
    expect(mix32(0xffffffff)).toBe(0x81f16f39);
  });
});

describe('rowKey in SQL and TypeScript', () => {
  it('gives the same keys for several seeds and large indices', () =>
    withSession(async (data) => {
      for (const seed of [0, 1, 42, 4294967295]) {
        const indices = `SELECT * FROM (VALUES (0), (1), (2), (1000), (123456789), (4294967295)) v(i)`;
        const rows = await data.all(`SELECT i, k FROM (${keyedSql(indices, 'i', 'k', seed, 3)}) ORDER BY i`);
        expect(rows.map((r) => r.k)).toEqual(rows.map((r) => rowKey(seed, 3, Number(r.i))));
      }
    }));

  it('is a bijection of the index for a seed: no two rows share a key', () =>
    withSession(async (data) => {
      const [row] = await data.all(
        `SELECT count(DISTINCT k) AS d, min(k) AS lo, max(k) AS hi FROM (${keyedSql('SELECT range AS i FROM range(200000)', 'i', 'k', 7, 1)})`,
      );
      expect(row.d).toBe(200000);
      expect(row.lo as number).toBeGreaterThanOrEqual(0);
      expect(row.hi as number).toBeLessThan(2 ** 32);
    }));

  it('orders rows differently for different seeds and streams', () => {
    const order = (seed: number, stream: number) =>
      Array.from({ length: 50 }, (_, i) => i).sort((a, b) => rowKey(seed, stream, a) - rowKey(seed, stream, b));
    expect(order(0, 1)).not.toEqual(order(1, 1));
    expect(order(0, 1)).not.toEqual(order(0, 2));
    expect(order(5, 1)).toEqual(order(5, 1));
  });

  it('looks uniform: keys of 0..9999 fill 10 equal bins evenly', () => {
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) bins[Math.floor((rowKey(3, 1, i) / 2 ** 32) * 10)]++;
    // Expected 1000 per bin; 5 standard deviations is about 150.
    for (const b of bins) expect(Math.abs(b - 1000)).toBeLessThan(150);
  });
});

describe('approximateMode', () => {
  it('floors proportional shares and gives the rest to the largest remainders', () => {
    expect(approximateMode([93, 10], 72, 0)).toEqual([65, 7]); // 65.01 and 6.99
    expect(approximateMode([50, 30, 20], 10, 0)).toEqual([5, 3, 2]);
    expect(approximateMode([7, 5, 3], 9, 0)).toEqual([4, 3, 2]); // 4.2, 3.0, 1.8
  });

  it('breaks ties among equal remainders by seed, and always sums to the draws', () => {
    const picks = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const a = approximateMode([1, 1, 1], 1, seed);
      expect(a.reduce((s, x) => s + x, 0)).toBe(1);
      picks.add(a.join(','));
      expect(approximateMode([1, 1, 1], 1, seed)).toEqual(a);
    }
    expect(picks.size).toBe(3);
  });
});
