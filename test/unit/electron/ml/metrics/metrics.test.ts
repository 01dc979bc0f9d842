// The SPEC §6 metrics against scikit-learn 1.2.1's values (reference file and generated cases).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classificationMetrics, regressionMetrics, rocCurve } from '../../../../../electron/ml/metrics/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/ml/metrics');

interface ClassificationCase {
  name: string;
  classes: string[];
  y_true: number[];
  proba: number[][];
  expected: Record<string, number> & { confusion_matrix: number[][]; roc?: { fpr: number[]; tpr: number[]; thresholds: number[] } };
}
interface RegressionCase {
  name: string;
  y: number[];
  yhat: number[];
  expected: { rmse: number; mae: number; r2: number };
}
const generated = JSON.parse(readFileSync(join(dir, 'generated.json'), 'utf8')) as { classification: ClassificationCase[]; regression: RegressionCase[] };

const close = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9);
};
const closeArray = (actual: number[], expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => close(v, expected[i]));
};

describe('classificationMetrics vs the reference file (binary.csv)', () => {
  const lines = readFileSync(join(dir, 'binary.csv'), 'utf8').trim().split('\n').slice(1);
  const y = Int32Array.from(lines, (l) => Number(l.split(',')[0]));
  const proba = new Float64Array(lines.length * 2);
  lines.forEach((l, i) => {
    const p = Number(l.split(',')[1]);
    proba[2 * i] = 1 - p;
    proba[2 * i + 1] = p;
  });
  const expected = JSON.parse(readFileSync(join(dir, 'binary_expected.json'), 'utf8')) as Record<string, number> & { confusion_matrix: number[][] };
  const got = classificationMetrics(y, proba, ['0', '1']);

  it('matches every scalar within 1e-9', () => {
    for (const key of ['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'log_loss'] as const) {
      close(got[key], expected[key]);
    }
    expect(got.n).toBe(500);
  });

  it('has the same confusion matrix, rows = true class', () => {
    expect(got.confusion_matrix).toEqual({ labels: ['0', '1'], matrix: expected.confusion_matrix });
  });
});

describe('classificationMetrics vs generated scikit-learn cases', () => {
  for (const c of generated.classification) {
    it(c.name, () => {
      const k = c.classes.length;
      const got = classificationMetrics(Int32Array.from(c.y_true), Float64Array.from(c.proba.flat()), c.classes);
      for (const key of ['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'log_loss'] as const) {
        close(got[key], c.expected[key]);
      }
      expect(got.n).toBe(c.y_true.length);
      expect(got.confusion_matrix.labels).toEqual(c.classes);
      expect(got.confusion_matrix.matrix).toEqual(c.expected.confusion_matrix);
      if (k === 2) {
        const roc = c.expected.roc!;
        expect(got.roc).toBeDefined();
        closeArray(got.roc!.fpr, roc.fpr);
        closeArray(got.roc!.tpr, roc.tpr);
        closeArray(got.roc!.thresholds, roc.thresholds);
      } else {
        expect(got.roc).toBeUndefined();
      }
    });
  }
});

describe('classificationMetrics edge cases', () => {
  it('gives a null roc_auc and no curve when a binary truth has one class', () => {
    const got = classificationMetrics(Int32Array.from([1, 1, 1]), Float64Array.from([0.2, 0.8, 0.6, 0.4, 0.5, 0.5]), ['n', 'y']);
    expect(got.roc_auc).toBeNull();
    expect(got.roc).toBeUndefined();
    // predictions: y, n, n (a 0.5/0.5 tie goes to the first class)
    expect(got.confusion_matrix.matrix).toEqual([[0, 0], [2, 1]]);
    expect(got.accuracy).toBeCloseTo(1 / 3, 15);
  });

  it('keeps only the corners of a straight ROC segment (drop_intermediate)', () => {
    // Hand-checked: sorted scores 0.9(+) 0.8(+) 0.7(+) 0.4(-) 0.3(-) 0.1(-) give (fp, tp) points
    // (0,1) (0,2) (0,3) (1,3) (2,3) (3,3); the first and last stay, (0,2), (1,3) and (2,3) lie on
    // straight segments and go. scikit-learn's roc_curve gives the same.
    const curve = rocCurve(Uint8Array.from([1, 1, 1, 0, 0, 0]), [0.9, 0.8, 0.7, 0.4, 0.3, 0.1])!;
    expect(curve.fpr).toEqual([0, 0, 0, 1]);
    expect(curve.tpr).toEqual([0, 1 / 3, 1, 1]);
    expect(curve.thresholds).toEqual([1.9, 0.9, 0.7, 0.1]);
  });

  it('rejects probabilities of the wrong shape and unknown classes', () => {
    expect(() => classificationMetrics(Int32Array.from([0, 1]), new Float64Array(3), ['a', 'b'])).toThrow(/probabilities/);
    expect(() => classificationMetrics(Int32Array.from([0, 2]), new Float64Array(4), ['a', 'b'])).toThrow(/unknown/);
    expect(() => classificationMetrics(new Int32Array(0), new Float64Array(0), ['a', 'b'])).toThrow(/zero rows/);
  });
});

describe('regressionMetrics', () => {
  for (const c of generated.regression) {
    it(`matches scikit-learn: ${c.name}`, () => {
      const got = regressionMetrics(Float64Array.from(c.y), Float64Array.from(c.yhat), 0);
      close(got.rmse, c.expected.rmse);
      close(got.mae, c.expected.mae);
      close(got.r2, c.expected.r2);
      expect(got.n).toBe(c.y.length);
      expect(got.residuals).toEqual(c.y.map((y, i) => ({ y, yhat: c.yhat[i] })));
    });
  }

  it('samples at most 5000 distinct residual points, in row order, the same for the same seed', () => {
    const n = 12000;
    const y = Float64Array.from({ length: n }, (_, i) => i);
    const yhat = Float64Array.from({ length: n }, (_, i) => i + 0.5);
    const a = regressionMetrics(y, yhat, 7).residuals;
    const b = regressionMetrics(y, yhat, 7).residuals;
    const c = regressionMetrics(y, yhat, 8).residuals;
    expect(a).toHaveLength(5000);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (let i = 1; i < a.length; i++) expect(a[i].y).toBeGreaterThan(a[i - 1].y);
    for (const p of a) expect(p.yhat).toBe(p.y + 0.5);
  });

  it('rejects missing values and mismatched lengths', () => {
    expect(() => regressionMetrics(Float64Array.from([1, NaN]), Float64Array.from([1, 2]), 0)).toThrow(/missing/);
    expect(() => regressionMetrics(Float64Array.from([1, 2]), Float64Array.from([1]), 0)).toThrow(/predictions/);
  });
});
