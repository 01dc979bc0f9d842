// The distribution functions against scipy 1.10 (test/fixtures/monitor/distributions.json), covering every
// branch of the KS one-sample distribution (Ruben–Gambino, Durbin, Pomeranz, Smirnov, Pelz–Good).
import { describe, expect, it } from 'vitest';
import { binomialCdf, studentTSf } from '../../../../../electron/ml/stats/beta.js';
import { chiSquareSf } from '../../../../../electron/ml/stats/gamma.js';
import { kolmogorovSf, smirnovSf } from '../../../../../electron/ml/stats/kolmogorov.js';
import { normalCdf, normalSf } from '../../../../../electron/ml/stats/normal.js';
import { monitorFixture, relativeError } from './samples.js';

interface Fixture {
  chi2: { x: number; k: number; sf: number }[];
  t: { t: number; df: number; sf: number }[];
  normal: { x: number; cdf: number; sf: number }[];
  binom: { k: number; n: number; p: number; cdf: number }[];
  kstwo: { n: number; x: number; sf: number }[];
  smirnov: { n: number; x: number; sf: number }[];
}

const fixture = monitorFixture<Fixture>('distributions.json');

function expectClose(rows: { got: number; want: number; label: string }[], rtol: number): void {
  const bad = rows.filter((r) => !(relativeError(r.got, r.want) <= rtol || Math.abs(r.got - r.want) < 1e-300));
  expect(bad.map((r) => `${r.label}: got ${r.got}, scipy ${r.want}`)).toEqual([]);
}

describe('distributions against scipy', () => {
  it('chi-square survival function', () => {
    expectClose(fixture.chi2.map((r) => ({ got: chiSquareSf(r.x, r.k), want: r.sf, label: `chi2.sf(${r.x}, ${r.k})` })), 1e-10);
  });

  it("Student's t survival function", () => {
    // The continued fraction loses about 1e-10 for millions of degrees of freedom (checked against mpmath).
    expectClose(fixture.t.map((r) => ({ got: studentTSf(r.t, r.df), want: r.sf, label: `t.sf(${r.t}, ${r.df})` })), 5e-10);
  });

  it('normal CDF and survival function', () => {
    expectClose(fixture.normal.map((r) => ({ got: normalCdf(r.x), want: r.cdf, label: `norm.cdf(${r.x})` })), 1e-13);
    expectClose(fixture.normal.map((r) => ({ got: normalSf(r.x), want: r.sf, label: `norm.sf(${r.x})` })), 1e-13);
  });

  it('binomial CDF', () => {
    expectClose(fixture.binom.map((r) => ({ got: binomialCdf(r.k, r.n, r.p), want: r.cdf, label: `binom.cdf(${r.k}, ${r.n})` })), 1e-11);
  });

  it('one-sided Smirnov tail', () => {
    expectClose(fixture.smirnov.map((r) => ({ got: smirnovSf(r.n, r.x), want: r.sf, label: `smirnov(${r.n}, ${r.x})` })), 1e-12);
  });

  it('two-sided one-sample KS tail (kstwo.sf) in every branch', () => {
    expectClose(fixture.kstwo.map((r) => ({ got: kolmogorovSf(r.n, r.x), want: r.sf, label: `kstwo.sf(${r.x}, ${r.n})` })), 1e-10);
  });
});
