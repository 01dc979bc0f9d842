// Two-sample KS against scipy.stats.ks_2samp(method='auto'): exact small samples with ties, the exact
// lattice count up to 10,000 values, the asymptotic branch beyond it (including a tie of m·n/(m+n) at .5).
import { describe, expect, it } from 'vitest';
import { ksStatistic, ksTwoSample, roundHalfEven } from '../../../../../electron/ml/stats/ks-two-sample.js';
import { monitorFixture, relativeError, sample, type SampleSpec } from './samples.js';

interface KsCase {
  a?: number[];
  b?: number[];
  a_spec?: SampleSpec;
  b_spec?: SampleSpec;
  statistic: number;
  p_value: number;
}

const sorted = (values: ArrayLike<number>) => Float64Array.from(values).sort();
const cases = monitorFixture<{ cases: KsCase[] }>('ks.json').cases;

describe('ksTwoSample', () => {
  it.each(cases.map((c, i) => [i, c] as const))('case %i matches scipy within 1e-9', (_i, c) => {
    const a = sorted(c.a ?? sample(c.a_spec as SampleSpec));
    const b = sorted(c.b ?? sample(c.b_spec as SampleSpec));
    const result = ksTwoSample(a, b);
    expect(relativeError(result.statistic, c.statistic)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(result.pValue, c.p_value)).toBeLessThanOrEqual(1e-9);
    expect(result.method).toBe(Math.max(a.length, b.length) <= 10_000 ? 'exact' : 'asymptotic');
  });

  it('gives D = 0 and p = 1 for identical samples, and D = 1 for separated ones (brute-force ECDFs)', () => {
    const x = sorted([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(ksTwoSample(x, x)).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
    expect(ksStatistic(sorted([1, 2, 3]), sorted([4, 5]))).toBe(1);
    // brute force: max over all points of |F_a − F_b|
    const a = sorted([0.5, 2, 2, 3, 7, 7, 7, 8]);
    const b = sorted([1, 2, 7, 9, 9]);
    const ecdf = (s: Float64Array, v: number) => s.filter((x) => x <= v).length / s.length;
    const brute = Math.max(...[...a, ...b].map((v) => Math.abs(ecdf(a, v) - ecdf(b, v))));
    expect(ksStatistic(a, b)).toBeCloseTo(brute, 15);
  });

  it('rounds halves to even like numpy', () => {
    expect([0.5, 1.5, 2.5, 5000.5, 5001.5, 2.4, -0.5].map(roundHalfEven)).toEqual([0, 2, 2, 5000, 5002, 2, -0]);
  });
});
