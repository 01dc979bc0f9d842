// The regularized incomplete gamma functions and the chi-square survival function built on them.
import { log1pmx, logGamma, stirlingCorrection } from './special.js';

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** x^a e^−x / Γ(a); for large a in Temme's form so the exponent does not cancel two huge numbers. */
function gammaPrefix(a: number, x: number): number {
  if (a < 15) return Math.exp(a * Math.log(x) - x - logGamma(a));
  return Math.sqrt(a / (2 * Math.PI)) * Math.exp(a * log1pmx((x - a) / a) - stirlingCorrection(a));
}

/** Σ x^n / (a (a+1) … (a+n)), the series of P(a, x) without its prefix. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPS) break;
  }
  return sum;
}

/** The continued fraction of Q(a, x) without its prefix (modified Lentz), for x ≥ a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  return 1 - regularizedGammaQ(a, x);
}

/** Q(a, x) = Γ(a, x) / Γ(a), the upper tail, accurate when small. */
export function regularizedGammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return Math.max(0, 1 - gammaPrefix(a, x) * lowerSeries(a, x));
  return Math.min(1, gammaPrefix(a, x) * upperFraction(a, x));
}

/** P(χ²_k ≥ x), scipy.stats.chi2.sf(x, k). */
export function chiSquareSf(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(k / 2, x / 2);
}
