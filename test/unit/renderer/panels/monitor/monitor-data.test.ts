// Monitor and fairness panel data on hand-made outputs: estimate series with bands and thresholds, the degradation
// limit of monitor.performance, A/B intervals, fairness groups; other metrics are not claimed.
import { describe, expect, it } from 'vitest';
import { readFairness } from '../../../../../renderer/panels/fairness/fairness-data.js';
import { degradationLimit, readAbTest, readBatches, readEstimate } from '../../../../../renderer/panels/monitor/monitor-data.js';

describe('monitor panel data', () => {
  it('reads estimate chunks per metric with band, realized values, alerts and thresholds', () => {
    const view = readEstimate({
      method: 'cbpe',
      metrics: ['accuracy', 'f1'],
      alert: true,
      thresholds: { accuracy: { lower: 0.7, upper: 0.9 }, f1: { lower: null, upper: null } },
      chunks: [
        { chunk: 1, n: 10, estimated: { accuracy: 0.8, f1: 0.5 }, lower: { accuracy: 0.7, f1: 0.4 }, upper: { accuracy: 0.9, f1: 0.6 }, alert: false, alerts: [] },
        { chunk: 2, n: 10, estimated: { accuracy: 0.6, f1: 0.5 }, lower: { accuracy: 0.5, f1: 0.4 }, upper: { accuracy: 0.7, f1: 0.6 }, realized: { accuracy: 0.65 }, alert: true, alerts: ['accuracy'] },
      ],
    })!;
    expect(view.series.accuracy.points).toEqual([
      { label: '1', value: 0.8, lower: 0.7, upper: 0.9, realized: null, alert: false },
      { label: '2', value: 0.6, lower: 0.5, upper: 0.7, realized: 0.65, alert: true },
    ]);
    expect(view.series.f1.points[1].alert).toBe(false);
    expect([view.series.accuracy.lower, view.series.f1.upper]).toEqual([0.7, null]);
    expect(readEstimate({ accuracy: 1 })).toBeNull();
  });

  it('places the degradation limit in the metric\'s direction', () => {
    expect(degradationLimit(0.8, 0.1, 'relative', true)).toBeCloseTo(0.72, 14);
    expect(degradationLimit(2, 0.5, 'absolute', false)).toBe(2.5);
    const view = readBatches({ metric: 'accuracy', reference: 0.9, batches: [{ batch: 1, n: 5, value: 0.9, degraded: false }, { batch: 2, n: 5, value: 0.5, degraded: true }], degraded: true, higher_is_better: true, max_drop: 0.1, drop: 'absolute' })!;
    expect(view.limit).toBeCloseTo(0.8, 14);
    expect(view.points.map((p) => [p.label, p.value, p.alert])).toEqual([['1', 0.9, false], ['2', 0.5, true]]);
  });

  it('reads an A/B test and fairness groups, and nothing else', () => {
    const ab = readAbTest({ metric: 'accuracy', n: 10, a: { value: 0.7, ci: [0.6, 0.8] }, b: { value: 0.8, ci: [0.7, 0.9] }, difference: { value: 0.1, ci: [0.02, 0.18] }, p_value: 0.03, winner: 'b', confidence: 0.9 })!;
    expect(ab.difference.ci).toEqual([0.02, 0.18]);
    expect(ab.confidence).toBe(0.9);
    const fair = readFairness({ demographic_parity_difference: 0.2, demographic_parity_ratio: 0.5, positive: 'yes', sensitive: ['sex'], groups: [{ group: 'F', n: 3, selection_rate: 0.2, accuracy: 1, tpr: null, fpr: 0, precision: null }] })!;
    expect(fair.groups[0].tpr).toBeNull();
    expect(fair.disparities.find((d) => d.key === 'demographic_parity_ratio')!.value).toBe(0.5);
    expect(fair.disparities.find((d) => d.key === 'equalized_odds_difference')!.value).toBeNull();
    for (const read of [readFairness, readEstimate, readBatches, readAbTest]) expect(read({ accuracy: 0.9, roc_auc: 0.8 })).toBeNull();
  });
});
