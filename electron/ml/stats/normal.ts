// The standard normal distribution: CDF as scipy's ndtr, and the upper tail without the 1 − CDF cancellation.
import { erf, erfc } from './special.js';

const SQRT1_2 = Math.SQRT1_2;

/** Φ(x), computed like scipy.special.ndtr (so 1 − Φ(x) rounds the same way it does there). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return x;
  const t = x * SQRT1_2;
  const z = Math.abs(t);
  if (z < SQRT1_2) return 0.5 + 0.5 * erf(t);
  const y = 0.5 * erfc(z);
  return t > 0 ? 1 - y : y;
}

/** 1 − Φ(x), accurate far into the tail. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/** Two-sided p-value of a z statistic: 2 (1 − Φ(|z|)). */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return z;
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}
