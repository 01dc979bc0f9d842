// The seeded generator: reference xoshiro128** output, determinism, ranges and the sampling helpers.

import { describe, expect, it } from 'vitest';
import { Random } from '../../../../electron/ml/random.js';

describe('Random', () => {
  it('matches the reference xoshiro128** stream for state (1, 2, 3, 4)', () => {
    // first outputs of the reference C implementation (prng.di.unimi.it/xoshiro128starstar.c) from s = {1, 2, 3, 4}
    const r = Random.fromState(1, 2, 3, 4);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const draw = (seed: number) => {
      const r = new Random(seed);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(0)).not.toEqual(draw(2 ** 32));
  });

  it('uniform stays in [0, 1) with mean near 1/2', () => {
    const r = new Random(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const u = r.uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
    }
    // sd of the mean is sqrt(1/12/20000) ≈ 0.002
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('int(n) hits every value of [0, n) about equally often', () => {
    const r = new Random(2);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70000; i++) counts[r.int(7)]++;
    // expected 10000 each, sd ≈ 93
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });

  it('normal draws have mean 0 and variance 1', () => {
    const r = new Random(3);
    let s = 0;
    let s2 = 0;
    const n = 40000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });

  it('shuffle is a permutation and sample draws distinct values', () => {
    const r = new Random(4);
    const a = r.shuffle(Array.from({ length: 50 }, (_, i) => i));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const s = r.sample(100, 30);
    expect(new Set(s).size).toBe(30);
    for (const v of s) expect(v >= 0 && v < 100).toBe(true);
    expect(() => r.sample(3, 4)).toThrow();
  });

  it('fork gives independent but reproducible generators', () => {
    const a = new Random(5);
    const b = new Random(5);
    const fa = a.fork();
    const fb = b.fork();
    expect(fa.nextUint32()).toBe(fb.nextUint32());
    expect(a.fork().nextUint32()).not.toBe(fa.nextUint32());
  });
});
