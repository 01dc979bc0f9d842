// Two-sample Kolmogorov–Smirnov test, two-sided, like scipy.stats.ks_2samp(method='auto'): the exact
// p-value when both samples have at most 10,000 values (Hodges' lattice-path counts, in Viehmann's
// 1 − p form), else the one-sample distribution at n = m·n/(m+n) (scipy's "asymp").
import { kolmogorovSf } from './kolmogorov.js';

/** scipy's limit for attempting the exact distribution in 'auto' mode. */
export const KS_EXACT_MAX_N = 10_000;

export interface KsResult {
  /** sup |F_a − F_b|; in the exact case rounded to the lattice value h / lcm(n_a, n_b), as scipy reports it */
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** numpy's round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** sup_x |F_a(x) − F_b(x)| of two sorted samples, with the ECDF differences formed as scipy forms them. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = 0;
  let min = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
  }
  const minS = Math.min(Math.max(-min, 0), 1);
  return minS > max ? minS : max;
}

/** P(D ≥ h/n) for two samples of equal size n: 2 Σ (−1)^(k−1) C(2n, n−kh)/C(2n, n), Horner-style. */
function equalSizeTail(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/**
 * Share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm(m,n): the exact
 * two-sided tail, computed column by column as the complement so no large binomials appear.
 */
function latticeTail(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      const prev = A[jj + minj - lastminj];
      val = ((prev === undefined ? 1 : prev) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

/** The asymptotic two-sided p-value at statistic d for sample sizes n1, n2. */
export function ksAsymptoticP(d: number, n1: number, n2: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  return Math.min(1, Math.max(0, kolmogorovSf(roundHalfEven(en), d)));
}

/** Two-sided two-sample KS test on two sorted samples without NaN (each non-empty). */
export function ksTwoSample(sortedA: Float64Array, sortedB: Float64Array): KsResult {
  const n1 = sortedA.length;
  const n2 = sortedB.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('the KS test needs two non-empty samples');
  let d = ksStatistic(sortedA, sortedB);
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method: 'exact' };
    const p = n1 === n2 ? equalSizeTail(n1, h) : latticeTail(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic: d, pValue: p, method: 'exact' };
  }
  return { statistic: d, pValue: ksAsymptoticP(d, n1, n2), method: 'asymptotic' };
}
