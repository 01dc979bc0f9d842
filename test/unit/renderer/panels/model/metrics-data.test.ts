// Metrics panel data: kind detection, row-normalized confusion shares, downsampled curves, residuals, model card facts.
import { describe, expect, it } from 'vitest';
import { MAX_CURVE_POINTS, readClassificationMetrics, readRegressionMetrics, residualPoints, rowShares } from '../../../../../renderer/panels/model/metrics-data.js';
import { readModelSummary } from '../../../../../renderer/panels/model/model-summary.js';

describe('metrics views', () => {
  it('reads classification metrics with curves, keeping the curve ends when downsampling', () => {
    const n = 1001;
    const fpr = Array.from({ length: n }, (_, i) => i / (n - 1));
    const view = readClassificationMetrics({
      accuracy: 0.9,
      roc_auc: 0.8,
      n: 10,
      confusion_matrix: { labels: ['a', 'b'], matrix: [[3, 1], [0, 0]] },
      roc: { fpr, tpr: fpr, thresholds: fpr },
      pr: { precision: [1, 0.5], recall: [0, 1], thresholds: [0.5] },
      calibration: { bins: [{ mean_predicted: 0.1, fraction_positive: 0.2, count: 4 }] },
    })!;
    expect(view.summary).toEqual([['accuracy', 0.9], ['roc_auc', 0.8], ['n', 10]]);
    expect(view.roc!.x.length).toBe(MAX_CURVE_POINTS);
    expect(view.roc!.x[0]).toBe(0);
    expect(view.roc!.x.at(-1)).toBe(1);
    expect(view.pr).toEqual({ x: [0, 1], y: [1, 0.5] });
    expect(view.calibration).toHaveLength(1);
    expect(readRegressionMetrics({ accuracy: 1 })).toBeNull();
  });

  it('row shares sum to 1 per non-empty row and are 0 for an empty one', () => {
    expect(rowShares([[3, 1], [0, 0]])).toEqual([[0.75, 0.25], [0, 0]]);
  });

  it('reads regression metrics and residuals = actual − predicted', () => {
    const view = readRegressionMetrics({ rmse: 1, mae: 1, r2: 0.5, n: 2, residuals: [{ y: 3, yhat: 1 }, { y: 0, yhat: 2 }] })!;
    expect(view.summary.map(([k]) => k)).toEqual(['rmse', 'mae', 'r2', 'n']);
    expect(residualPoints(view.residuals)).toEqual([{ yhat: 1, residual: 2 }, { yhat: 2, residual: -2 }]);
  });

  it('reads the model card facts of a model file and nothing else', () => {
    const card = readModelSummary({ plumb_model: 1, type: 'knn', features: ['a', 'b'], target: 'y', task: 'classification', classes: ['n', 'y'], feature_levels: { b: ['u', 'v'] }, params: { k: 5, w: null }, trained: { rows: 9, seconds: 0.5 } })!;
    expect(card.features).toEqual(['a', 'b']);
    expect(card.featureLevels).toEqual({ b: ['u', 'v'] });
    expect(card.params).toEqual([['k', '5'], ['w', 'default']]);
    expect(card.trained).toEqual({ rows: 9, seconds: 0.5 });
    expect(readModelSummary({ type: 'knn' })).toBeNull();
  });
});
