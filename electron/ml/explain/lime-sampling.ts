// Draws from a normal distribution truncated to [lo, hi] (LIME's way back from a bin to a number, scipy's
// truncnorm), by inverting the CDF on the tail side where the probabilities keep their precision.

import type { Random } from '../random.js';

/** erfc with relative error < 1.2e-7 (Numerical Recipes' Chebyshev fit): plenty for sampling. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** A standard normal draw conditioned on [lo, hi] (lo < hi, in standard units). */
export function truncatedStandardNormal(lo: number, hi: number, rng: Random): number {
  if (lo >= 0) return -truncatedLowerTail(-hi, -lo, rng);
  if (hi <= 0) return truncatedLowerTail(lo, hi, rng);
  const pl = normalCdf(lo);
  const ph = normalCdf(hi);
  return clamp(normalQuantile(pl + rng.uniform() * (ph - pl)), lo, hi);
}

/** lo < hi <= 0: the lower-tail CDF values are small numbers with full relative precision. */
function truncatedLowerTail(lo: number, hi: number, rng: Random): number {
  const pl = normalCdf(lo);
  const ph = normalCdf(hi);
  // So far out that both ends round to 0: the mass sits at the end nearest the center.
  if (!(ph > 0)) return hi;
  return clamp(normalQuantile(pl + rng.uniform() * (ph - pl)), lo, hi);
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** A draw from N(mean, std²) truncated to [min, max]; the mean itself when the interval or the spread is empty. */
export function truncatedNormal(mean: number, std: number, min: number, max: number, rng: Random): number {
  const lo = (min - mean) / std;
  const hi = (max - mean) / std;
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Math.min(Math.max(mean, min), max);
  return mean + std * truncatedStandardNormal(lo, hi, rng);
}
