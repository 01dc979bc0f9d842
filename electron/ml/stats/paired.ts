// Tests on paired samples (the same rows scored by two models): McNemar on correctness, the paired t-test
// and the Wilcoxon signed-rank test on per-row losses, each two-sided and matching statsmodels / scipy.
import { binomialCdf, twoSidedStudentP } from './beta.js';
import { chiSquareSf } from './gamma.js';
import { twoSidedNormalP } from './normal.js';
import { accurateSum } from './summary.js';

export interface PairedTestResult {
  statistic: number;
  pValue: number;
}

/** Below this many discordant pairs McNemar's p-value is the exact binomial one. */
export const MCNEMAR_EXACT_BELOW = 25;

/**
 * McNemar's test from the discordant counts: `onlyA` rows only model A got right, `onlyB` only B.
 * Exact (statsmodels exact=True): statistic min(b, c), p = 2 P(X ≤ min) for X ~ Bin(b + c, ½).
 * Otherwise χ² with continuity correction: (|b − c| − 1)² / (b + c), 1 degree of freedom.
 */
export function mcnemarTest(onlyA: number, onlyB: number, exact = onlyA + onlyB < MCNEMAR_EXACT_BELOW): PairedTestResult & { method: 'exact' | 'chi2' } {
  const n = onlyA + onlyB;
  if (n === 0) return { statistic: 0, pValue: 1, method: exact ? 'exact' : 'chi2' };
  if (exact) {
    const k = Math.min(onlyA, onlyB);
    return { statistic: k, pValue: Math.min(1, 2 * binomialCdf(k, n, 0.5)), method: 'exact' };
  }
  const statistic = (Math.abs(onlyA - onlyB) - 1) ** 2 / n;
  return { statistic, pValue: chiSquareSf(statistic, 1), method: 'chi2' };
}

/** scipy.stats.ttest_rel(x, y): t on the differences x − y with n − 1 degrees of freedom. */
export function pairedTTest(x: Float64Array, y: Float64Array): PairedTestResult {
  const n = x.length;
  if (n < 2) return { statistic: 0, pValue: 1 };
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = x[i] - y[i];
  const mean = accurateSum(d) / n;
  const squares = d.map((v) => (v - mean) * (v - mean));
  const variance = accurateSum(squares) / (n - 1);
  const t = mean / Math.sqrt(variance / n);
  // all differences equal: no spread to test against (scipy gives nan for 0/0, ±inf otherwise)
  if (Number.isNaN(t)) return { statistic: 0, pValue: 1 };
  return { statistic: t, pValue: twoSidedStudentP(t, n - 1) };
}

/** Average ranks (1-based) with ties sharing their mean rank, as scipy.stats.rankdata. */
export function averageRanks(values: Float64Array): Float64Array {
  const order = Array.from(values, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Exact null distribution of the positive rank sum for n untied ranks: counts / 2^n. */
function signedRankPmf(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = max; s >= k; s--) counts[s] += counts[s - k];
  const total = 2 ** n;
  return counts.map((c) => c / total);
}

/** scipy's limit for the exact distribution in 'auto' mode. */
export const WILCOXON_EXACT_MAX_N = 50;

/**
 * scipy.stats.wilcoxon(x, y) with its defaults (zero_method 'wilcox', no continuity correction, mode
 * 'auto'): exact for ≤ 50 pairs without zero differences, else the normal approximation with the tie
 * correction. The statistic is min(R⁺, R⁻).
 */
export function wilcoxonSignedRank(x: Float64Array, y: Float64Array): PairedTestResult & { method: 'exact' | 'approx' } {
  const all = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) all[i] = x[i] - y[i];
  let method: 'exact' | 'approx' = all.length <= WILCOXON_EXACT_MAX_N ? 'exact' : 'approx';
  const d = all.filter((v) => v !== 0);
  if (d.length < all.length) method = 'approx';
  if (d.length === 0) return { statistic: 0, pValue: 1, method };
  const count = d.length;
  const ranks = averageRanks(d.map(Math.abs));
  let plus = 0;
  let minus = 0;
  for (let i = 0; i < count; i++) {
    if (d[i] > 0) plus += ranks[i];
    else minus += ranks[i];
  }
  const statistic = Math.min(plus, minus);
  if (method === 'exact') {
    const pmf = signedRankPmf(count);
    const r = Math.trunc(plus);
    if (r === Math.floor((pmf.length - 1) / 2)) return { statistic, pValue: 1, method };
    const less = accurateSum(pmf.subarray(0, r + 1));
    const greater = accurateSum(pmf.subarray(r));
    return { statistic, pValue: Math.min(1, Math.max(0, 2 * Math.min(less, greater))), method };
  }
  const mean = (count * (count + 1)) / 4;
  let se = count * (count + 1) * (2 * count + 1);
  const sorted = Float64Array.from(ranks).sort();
  for (let i = 0; i < count; ) {
    let j = i;
    while (j + 1 < count && sorted[j + 1] === sorted[i]) j++;
    const tied = j - i + 1;
    if (tied > 1) se -= 0.5 * tied * (tied * tied - 1);
    i = j + 1;
  }
  const z = (statistic - mean) / Math.sqrt(se / 24);
  return { statistic, pValue: twoSidedNormalP(z), method };
}
