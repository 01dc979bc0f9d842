// The drift view's column order (drifted first, then p-value ascending / distance descending) and chart rows
// (shares per shared bin or category, summing to 1 per side).
import { describe, expect, it } from 'vitest';
import { distributionRows, driftScore, readDriftReport, sortDriftColumns, type DriftColumnView } from '../../../../shared/drift/report-view.js';

const col = (name: string, test: string, statistic: number | null, p_value: number | null, threshold: number, drifted: boolean): DriftColumnView => ({ name, kind: 'numeric', test, statistic, p_value, threshold, drifted });

describe('drift report view', () => {
  it('puts drifted columns first, p-values ascending and distances descending', () => {
    const columns = [
      col('calm_p', 'ks', 0.1, 0.6, 0.05, false),
      col('weak_dist', 'wasserstein', 0.12, null, 0.1, true),
      col('strong_p', 'ks', 0.5, 1e-9, 0.05, true),
      col('calm_dist', 'jensenshannon', 0.01, null, 0.1, false),
      col('strong_dist', 'wasserstein', 0.9, null, 0.1, true),
      col('mid_p', 'chi2', 3, 0.2, 0.05, false),
    ];
    expect(sortDriftColumns(columns).map((c) => c.name)).toEqual(['strong_p', 'strong_dist', 'weak_dist', 'mid_p', 'calm_dist', 'calm_p']);
    // Scores: strong_p 5e7, strong_dist 9, weak_dist 1.2, mid_p 0.25, calm_dist 0.1, calm_p 0.083; above 1 exactly when drifted.
    for (const c of columns) expect(driftScore(c) >= 1).toBe(c.drifted);
  });

  it('turns counts into shares per bin or category, with other categories last', () => {
    const bins = distributionRows({ type: 'bins', edges: [0, 1, 2], reference: [3, 1], current: [0, 4] });
    expect(bins).toEqual([
      { label: '0–1', reference: 0.75, current: 0 },
      { label: '1–2', reference: 0.25, current: 1 },
    ]);
    const cats = distributionRows({ type: 'categories', categories: ['a', 'b'], reference: [2, 1], current: [1, 1], other: { reference: 1, current: 2 } });
    expect(cats.map((r) => r.label)).toEqual(['a', 'b', '(other)']);
    expect(cats.reduce((s, r) => s + r.reference, 0)).toBeCloseTo(1, 12);
    expect(cats.reduce((s, r) => s + r.current, 0)).toBeCloseTo(1, 12);
  });

  it('recognises drift reports only', () => {
    expect(readDriftReport({ accuracy: 1 })).toBeUndefined();
    expect(readDriftReport({ dataset_drift: true, share_drifted: 1, drift_share_threshold: 0.5, columns: [col('a', 'ks', 1, 0, 0.05, true), { junk: 1 }] })?.columns).toHaveLength(1);
  });
});
