// Fairness metrics on a 12-row table worked out by hand (Fairlearn's definitions), and the edge cases.
import { describe, expect, it } from 'vitest';
import { fairnessMetrics, groupRates } from '../../../../../electron/ml/fairness/index.js';

// group A: TP 1, FN 1, FP 1, TN 2; group B: TP 3, FP 1; group C: FP 1, TN 2 (no actual positives)
const ACTUAL = [1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0];
const PREDICTED = [1, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0];
const GROUP = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2];

describe('fairness metrics', () => {
  it('per-group rates equal the hand counts', () => {
    const groups = groupRates(ACTUAL, PREDICTED, GROUP, ['A', 'B', 'C', 'empty']);
    expect(groups).toEqual([
      { group: 'A', n: 5, selection_rate: 0.4, accuracy: 0.6, tpr: 0.5, fpr: 1 / 3, precision: 0.5 },
      { group: 'B', n: 4, selection_rate: 1, accuracy: 0.75, tpr: 1, fpr: 1, precision: 0.75 },
      { group: 'C', n: 3, selection_rate: 1 / 3, accuracy: 2 / 3, tpr: null, fpr: 1 / 3, precision: 0 },
    ]);
  });

  it('disparities: max − min and min / max over the groups where the rate is defined', () => {
    const m = fairnessMetrics(groupRates(ACTUAL, PREDICTED, GROUP, ['A', 'B', 'C']));
    expect(m.demographic_parity_difference).toBeCloseTo(2 / 3, 15);
    expect(m.demographic_parity_ratio).toBeCloseTo(1 / 3, 15);
    // TPR over A, B: 0.5 vs 1; FPR over A, B, C: 1/3 vs 1
    expect(m.equal_opportunity_difference).toBe(0.5);
    expect(m.equal_opportunity_ratio).toBe(0.5);
    expect(m.equalized_odds_difference).toBeCloseTo(2 / 3, 15);
    expect(m.equalized_odds_ratio).toBeCloseTo(1 / 3, 15);
  });

  it('equal groups have no disparity; one group alone has none either', () => {
    const same = fairnessMetrics(groupRates([1, 0, 1, 0], [1, 0, 1, 0], [0, 0, 1, 1], ['x', 'y']));
    expect(same).toMatchObject({ demographic_parity_difference: 0, demographic_parity_ratio: 1, equalized_odds_difference: 0, equal_opportunity_difference: 0 });
    const none = fairnessMetrics(groupRates([0, 0], [0, 0], [0, 0], ['x']));
    expect(none).toMatchObject({ demographic_parity_difference: 0, demographic_parity_ratio: 1, equal_opportunity_difference: null, equalized_odds_difference: 0 });
  });
});
