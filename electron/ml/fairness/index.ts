// Group fairness of a classifier's decisions, with Fairlearn's definitions (fairlearn.metrics, v0.10:
// demographic_parity_difference/_ratio, equalized_odds_difference/_ratio, equal_opportunity_difference/_ratio with
// method='between_groups'): a disparity is max − min (or min / max) of a per-group rate over the groups.
import type { FairnessGroupRates } from '../../../shared/catalog/evaluate/fairness.js';

export type GroupRates = FairnessGroupRates;

export interface FairnessResult {
  demographic_parity_difference: number;
  demographic_parity_ratio: number;
  equalized_odds_difference: number | null;
  equalized_odds_ratio: number | null;
  equal_opportunity_difference: number | null;
  equal_opportunity_ratio: number | null;
  groups: GroupRates[];
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/**
 * Per-group rates of binary decisions. `actual` and `predicted` are 1 for the positive class, 0 otherwise;
 * `groupOf[i]` indexes `groupNames`. Groups without rows are left out.
 */
export function groupRates(actual: ArrayLike<number>, predicted: ArrayLike<number>, groupOf: ArrayLike<number>, groupNames: readonly string[]): GroupRates[] {
  const g = groupNames.length;
  const tp = new Float64Array(g);
  const fp = new Float64Array(g);
  const fn = new Float64Array(g);
  const tn = new Float64Array(g);
  for (let i = 0; i < groupOf.length; i++) {
    const k = groupOf[i];
    if (predicted[i] === 1) {
      if (actual[i] === 1) tp[k]++;
      else fp[k]++;
    } else if (actual[i] === 1) fn[k]++;
    else tn[k]++;
  }
  const out: GroupRates[] = [];
  for (let k = 0; k < g; k++) {
    const n = tp[k] + fp[k] + fn[k] + tn[k];
    if (n === 0) continue;
    out.push({
      group: groupNames[k],
      n,
      selection_rate: (tp[k] + fp[k]) / n,
      accuracy: (tp[k] + tn[k]) / n,
      tpr: ratio(tp[k], tp[k] + fn[k]),
      fpr: ratio(fp[k], fp[k] + tn[k]),
      precision: ratio(tp[k], tp[k] + fp[k]),
    });
  }
  return out;
}

/** max − min and min / max of the defined values (null when fewer than one is defined; ratio 1 when max = 0, as 0/0 groups are equal). */
function spread(values: (number | null)[]): { difference: number | null; ratio: number | null } {
  const defined = values.filter((v): v is number => v !== null);
  if (defined.length === 0) return { difference: null, ratio: null };
  const lo = Math.min(...defined);
  const hi = Math.max(...defined);
  return { difference: hi - lo, ratio: hi > 0 ? lo / hi : 1 };
}

const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

/**
 * Fairlearn's disparities over the groups: demographic parity on selection rates; equalized odds = the larger of the
 * TPR and FPR differences (the smaller of the two ratios); equal opportunity on TPR alone. Groups where a rate is
 * undefined (no actual positives for TPR, no negatives for FPR) are left out of that rate's comparison.
 */
export function fairnessMetrics(groups: GroupRates[]): FairnessResult {
  const dp = spread(groups.map((g) => g.selection_rate));
  const tpr = spread(groups.map((g) => g.tpr));
  const fpr = spread(groups.map((g) => g.fpr));
  return {
    demographic_parity_difference: dp.difference ?? 0,
    demographic_parity_ratio: dp.ratio ?? 1,
    equalized_odds_difference: maxOf(tpr.difference, fpr.difference),
    equalized_odds_ratio: minOf(tpr.ratio, fpr.ratio),
    equal_opportunity_difference: tpr.difference,
    equal_opportunity_ratio: tpr.ratio,
    groups,
  };
}
