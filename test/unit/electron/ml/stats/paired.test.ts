// Paired tests against scipy 1.10 (paired.json: ttest_rel, wilcoxon in exact and normal-approximation
// modes, with ties and zeros) and McNemar's exact / continuity-corrected forms, plus hand-checked cases.
import { describe, expect, it } from 'vitest';
import { averageRanks, mcnemarTest, pairedTTest, wilcoxonSignedRank } from '../../../../../electron/ml/stats/paired.js';
import { monitorFixture, relativeError, sample, type SampleSpec } from './samples.js';

interface Fixture {
  cases: { x: SampleSpec; y: SampleSpec; wilcoxon: [number, number]; ttest_rel: [number, number] }[];
  mcnemar: { a_only: number; b_only: number; statistic: number; p_value: number }[];
}
const fixture = monitorFixture<Fixture>('paired.json');

describe('paired tests against scipy', () => {
  it.each(fixture.cases.map((c, i) => [i, c] as const))('case %i: ttest_rel and wilcoxon', (_i, c) => {
    const x = sample(c.x);
    const y = sample(c.y);
    const t = pairedTTest(x, y);
    expect(relativeError(t.statistic, c.ttest_rel[0])).toBeLessThanOrEqual(1e-9);
    expect(relativeError(t.pValue, c.ttest_rel[1])).toBeLessThanOrEqual(1e-9);
    const w = wilcoxonSignedRank(x, y);
    expect(w.statistic).toBe(c.wilcoxon[0]);
    expect(relativeError(w.pValue, c.wilcoxon[1])).toBeLessThanOrEqual(1e-9);
  });

  it.each(fixture.mcnemar.map((c) => [c.a_only, c.b_only, c] as const))('McNemar b = %i, c = %i', (_b, _c, c) => {
    const r = mcnemarTest(c.a_only, c.b_only);
    expect(r.method).toBe(c.a_only + c.b_only < 25 ? 'exact' : 'chi2');
    expect(relativeError(r.statistic, c.statistic)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(r.pValue, c.p_value)).toBeLessThanOrEqual(1e-10);
  });
});

describe('paired tests by hand', () => {
  it('McNemar exact: b = 1, c = 5 gives 2 · (1 + 6) / 64', () => {
    const r = mcnemarTest(1, 5);
    expect([r.statistic, r.method]).toEqual([1, 'exact']);
    expect(r.pValue).toBeCloseTo(14 / 64, 14);
    expect(mcnemarTest(0, 0).pValue).toBe(1);
  });

  it('Wilcoxon exact: differences 1..5 all positive give R⁻ = 0 and p = 2/32', () => {
    const r = wilcoxonSignedRank(Float64Array.of(1, 2, 3, 4, 5), new Float64Array(5));
    expect(r).toEqual({ statistic: 0, pValue: 2 / 32, method: 'exact' });
  });

  it('paired t: differences 1, 2, 3 give t = 2 / (1 / √3) = 2√3', () => {
    const r = pairedTTest(Float64Array.of(2, 4, 6), Float64Array.of(1, 2, 3));
    expect(r.statistic).toBeCloseTo(2 * Math.sqrt(3), 14);
    // two-sided p of t = 2√3 with 2 df: 1 − t/√(t² + 2) ... = 0.0741799...
    expect(r.pValue).toBeCloseTo(1 - (2 * Math.sqrt(3)) / Math.sqrt(12 + 2), 12);
    expect(pairedTTest(Float64Array.of(1, 1), Float64Array.of(1, 1))).toEqual({ statistic: 0, pValue: 1 });
  });

  it('ranks ties by their average rank', () => {
    expect(Array.from(averageRanks(Float64Array.of(10, 20, 20, 5)))).toEqual([2, 3.5, 3.5, 1]);
  });
});
