// The regularized incomplete beta function and the distributions built on it: Student's t and the binomial.
import { logBeta } from './special.js';

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** The continued fraction of I_x(a, b) without its prefix (modified Lentz; converges for x < (a+1)/(a+b+2)). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** x^a y^b / (a B(a, b)) with y = 1 − x; the log of whichever is near 1 comes from the other, exactly given. */
function betaPrefix(a: number, b: number, x: number, y: number): number {
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  return Math.exp(a * logX + b * logY - logBeta(a, b)) / a;
}

/**
 * I_x(a, b) and its complement 1 − I_x(a, b), each accurate when small. `y` must be 1 − x, passed in
 * so callers can compute it without rounding (e.g. t² / (ν + t²) instead of 1 − ν / (ν + t²)).
 */
export function regularizedBeta(a: number, b: number, x: number, y = 1 - x): { lower: number; upper: number } {
  if (!(a > 0 && b > 0) || Number.isNaN(x) || x < 0 || x > 1) return { lower: Number.NaN, upper: Number.NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  if (x < (a + 1) / (a + b + 2)) {
    const lower = Math.min(1, betaPrefix(a, b, x, y) * betaFraction(a, b, x));
    return { lower, upper: 1 - lower };
  }
  const upper = Math.min(1, betaPrefix(b, a, y, x) * betaFraction(b, a, y));
  return { lower: 1 - upper, upper };
}

/** P(T_ν ≥ t) for Student's t with ν degrees of freedom (scipy.stats.t.sf). */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === 0) return 0.5;
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  const t2 = t * t;
  const tail = 0.5 * regularizedBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2)).lower;
  return t > 0 ? tail : 1 - tail;
}

/** Two-sided p-value of a t statistic: 2 P(T_ν ≥ |t|). */
export function twoSidedStudentP(t: number, df: number): number {
  if (Number.isNaN(t)) return t;
  return Math.min(1, 2 * studentTSf(Math.abs(t), df));
}

/** P(X ≤ k) for X ~ Binomial(n, p) (scipy.stats.binom.cdf). */
export function binomialCdf(k: number, n: number, p: number): number {
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  return regularizedBeta(n - kk, kk + 1, 1 - p, p).lower;
}
