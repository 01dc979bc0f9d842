// PR curve and calibration bins against hand-checked scikit-learn 1.2 values.
import { describe, expect, it } from 'vitest';
import { calibrationBins, prCurve } from '../../../../../electron/ml/metrics/curves.js';

describe('prCurve', () => {
  it('matches precision_recall_curve (reversed to decreasing thresholds)', () => {
    // sklearn: precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
    const curve = prCurve(Uint8Array.from([0, 0, 1, 1]), [0.1, 0.4, 0.35, 0.8])!;
    expect(curve.thresholds).toEqual([0.8, 0.4, 0.35, 0.1]);
    expect(curve.recall).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(curve.precision.map((p) => Number(p.toFixed(4)))).toEqual([1, 1, 0.5, 0.6667, 0.5]);
  });
  it('keeps thresholds past full recall (as since scikit-learn 1.1) and is null without positives', () => {
    expect(prCurve(Uint8Array.from([1, 0]), [0.9, 0.1])!.precision).toEqual([1, 1, 0.5]);
    expect(prCurve(Uint8Array.from([0, 0]), [0.9, 0.1])).toBeNull();
  });
});

describe('calibrationBins', () => {
  it('averages predictions and outcomes per uniform bin, skipping empty bins', () => {
    const bins = calibrationBins(Uint8Array.from([0, 1, 1, 1]), [0.05, 0.15, 0.95, 1], 10);
    expect(bins).toEqual([
      { mean_predicted: 0.05, fraction_positive: 0, count: 1 },
      { mean_predicted: 0.15, fraction_positive: 1, count: 1 },
      { mean_predicted: 0.975, fraction_positive: 1, count: 2 },
    ]);
  });
});
