// The per-column drift tests of SPEC §6, each matching Evidently's legacy stattests (and the scipy
// functions they call) on the same inputs: sorted samples for KS and Wasserstein, aligned counts for the rest.
import { chiSquareSf } from '../stats/gamma.js';
import { ksTwoSample } from '../stats/ks-two-sample.js';
import { twoSidedNormalP } from '../stats/normal.js';
import { accurateSum, populationStd } from '../stats/summary.js';
import { fillEmptyShares } from './binning.js';

export interface TestOutcome {
  statistic: number | null;
  pValue: number | null;
  method?: 'exact' | 'asymptotic';
}

/** Two-sample KS (scipy ks_2samp, method 'auto') on sorted finite samples. */
export function ksTest(sortedReference: Float64Array, sortedCurrent: Float64Array): TestOutcome {
  const r = ksTwoSample(sortedReference, sortedCurrent);
  return { statistic: r.statistic, pValue: r.pValue, method: r.method };
}

/** scipy.stats.chisquare(current counts, reference counts · n_cur/n_ref), k − 1 degrees of freedom. */
export function chiSquareTest(referenceCounts: Float64Array, currentCounts: Float64Array): TestOutcome {
  const k = referenceCounts.length;
  const nReference = accurateSum(referenceCounts);
  const nCurrent = accurateSum(currentCounts);
  const scale = nCurrent / nReference;
  const terms = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const expected = referenceCounts[i] * scale;
    const d = currentCounts[i] - expected;
    terms[i] = (d * d) / expected;
  }
  // A category the reference never had makes the statistic infinite (scipy: inf, p = 0).
  const statistic = accurateSum(terms);
  if (k < 2) return { statistic, pValue: 1 };
  return { statistic: Number.isFinite(statistic) ? statistic : null, pValue: chiSquareSf(statistic, k - 1) };
}

/**
 * Two-proportion pooled z-test, "success" = any value other than the first category; two-sided p-value.
 * Both sides constant at the same value → p = 1 (Evidently's special case).
 */
export function zTest(referenceCounts: Float64Array, currentCounts: Float64Array): TestOutcome {
  const n1 = accurateSum(referenceCounts);
  const n2 = accurateSum(currentCounts);
  const p1 = (n1 - referenceCounts[0]) / n1;
  const p2 = (n2 - currentCounts[0]) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / Math.sqrt(variance);
  return { statistic: z, pValue: twoSidedNormalP(z) };
}

/** scipy.stats.wasserstein_distance(ref, cur) on sorted samples: ∫ |F_ref − F_cur| dx. */
export function wassersteinDistance(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let carry = 0;
  while (i < n1 || j < n2) {
    let x: number;
    if (j >= n2 || (i < n1 && a[i] <= b[j])) x = a[i++];
    else x = b[j++];
    if (i >= n1 && j >= n2) break;
    const next = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    const term = Math.abs(i / n1 - j / n2) * (next - x);
    const t = sum + term;
    carry += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
  }
  return Number.isFinite(sum) ? sum + carry : sum;
}

/** Evidently's normed Wasserstein: W1 / max(std(ref, ddof 0), 0.001). */
export function wassersteinNormed(sortedReference: Float64Array, sortedCurrent: Float64Array): TestOutcome {
  const norm = Math.max(populationStd(sortedReference), 0.001);
  return { statistic: wassersteinDistance(sortedReference, sortedCurrent) / norm, pValue: null };
}

/** x ln(x / y) with scipy.special.rel_entr's conventions at 0. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

function normalized(values: Float64Array): Float64Array {
  const total = accurateSum(values);
  return values.map((v) => v / total);
}

/** scipy.spatial.distance.jensenshannon(ref shares, cur shares), natural log: a distance in [0, √ln 2]. */
export function jensenShannon(referenceShares: Float64Array, currentShares: Float64Array): TestOutcome {
  const p = normalized(referenceShares);
  const q = normalized(currentShares);
  const terms = new Float64Array(2 * p.length);
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    terms[2 * i] = relEntr(p[i], m);
    terms[2 * i + 1] = relEntr(q[i], m);
  }
  return { statistic: Math.sqrt(Math.max(accurateSum(terms), 0) / 2), pValue: null };
}

/** Population stability index Σ (ref − cur) ln(ref / cur), empty shares filled first. */
export function populationStabilityIndex(referenceShares: Float64Array, currentShares: Float64Array): TestOutcome {
  const r = fillEmptyShares(referenceShares);
  const c = fillEmptyShares(currentShares);
  const terms = r.map((ri, i) => (ri - c[i]) * Math.log(ri / c[i]));
  return { statistic: accurateSum(terms), pValue: null };
}

/** KL(ref ‖ cur) as scipy.stats.entropy on the filled, renormalized shares. */
export function klDivergence(referenceShares: Float64Array, currentShares: Float64Array): TestOutcome {
  const r = normalized(fillEmptyShares(referenceShares));
  const c = normalized(fillEmptyShares(currentShares));
  const terms = r.map((ri, i) => relEntr(ri, c[i]));
  return { statistic: accurateSum(terms), pValue: null };
}
