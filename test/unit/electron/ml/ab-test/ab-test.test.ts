// abTest by hand: McNemar's exact and χ² forms from counted discordant rows, weighted metrics equal to the
// metrics of an explicitly resampled data set and to ml/metrics on the full data, seeded bootstrap CIs,
// paired tests on per-row losses, and the winner rule.
import { describe, expect, it } from 'vitest';
import { abTest, type AbTestData } from '../../../../../electron/ml/ab-test/ab-test.js';
import { scoreClassifier, scoreRegressor, CLASSIFICATION_METRICS, REGRESSION_METRICS } from '../../../../../electron/ml/ab-test/row-metrics.js';
import { classificationMetrics, regressionMetrics } from '../../../../../electron/ml/metrics/index.js';
import { pairedTTest, wilcoxonSignedRank } from '../../../../../electron/ml/stats/paired.js';
import { chiSquareSf } from '../../../../../electron/ml/stats/gamma.js';

/** Binary probabilities (n × 2) that predict class `pick[i]` with confidence `p[i]`. */
function binaryProba(pick: number[], confidence: (i: number) => number): Float64Array {
  const out = new Float64Array(pick.length * 2);
  pick.forEach((c, i) => {
    const p = confidence(i);
    out[2 * i + c] = p;
    out[2 * i + 1 - c] = 1 - p;
  });
  return out;
}

/** n rows with truth y; model a is right on rows where `rightA`, b where `rightB`. */
function classifiers(y: number[], rightA: (i: number) => boolean, rightB: (i: number) => boolean): AbTestData {
  const conf = (i: number) => 0.55 + ((i * 37) % 40) / 100;
  return {
    task: 'classification',
    classes: ['no', 'yes'],
    yTrue: Int32Array.from(y),
    probaA: binaryProba(y.map((c, i) => (rightA(i) ? c : 1 - c)), conf),
    probaB: binaryProba(y.map((c, i) => (rightB(i) ? c : 1 - c)), (i) => conf(i + 3)),
  };
}

const options = { metric: 'auto' as const, seed: 7, nBootstrap: 400 };

describe('abTest on classifiers', () => {
  it('uses exact McNemar for few discordant rows: a wrong on 4 rows b gets right → p = 2 · (1/16)', () => {
    const y = Array.from({ length: 10 }, (_, i) => i % 2);
    const r = abTest(classifiers(y, (i) => i >= 4 && i !== 9, (i) => i !== 9), options);
    expect(r).toMatchObject({ metric: 'accuracy', n: 10, test: 'mcnemar', method: 'exact', statistic: 0, discordant: { a_only: 0, b_only: 4 } });
    expect(r.a.value).toBeCloseTo(0.5, 15);
    expect(r.b.value).toBeCloseTo(0.9, 15);
    expect(r.difference.value).toBeCloseTo(0.4, 15);
    expect(r.p_value).toBeCloseTo(2 / 16, 14);
    expect(r.winner).toBe(null); // 0.125 ≥ 0.05
  });

  it('uses χ² with continuity correction for many discordant rows and names b the winner', () => {
    const y = Array.from({ length: 200 }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
    // a only: rows 0..9; b only: rows 10..59; both right elsewhere except rows ≥ 180
    const r = abTest(classifiers(y, (i) => i < 10 || (i >= 60 && i < 180), (i) => i >= 10 && i < 180), options);
    expect(r.discordant).toEqual({ a_only: 10, b_only: 50 });
    expect(r.method).toBe('chi2');
    expect(r.statistic).toBeCloseTo((40 - 1) ** 2 / 60, 12);
    expect(r.p_value).toBeCloseTo(chiSquareSf((39 * 39) / 60, 1), 15);
    expect(r.winner).toBe('b');
    expect(r.difference.value).toBeCloseTo(0.2, 14);
    expect(r.difference.ci[0]).toBeGreaterThan(0);
    expect(r.a.ci[0]).toBeLessThanOrEqual(r.a.value);
    expect(r.a.ci[1]).toBeGreaterThanOrEqual(r.a.value);
  });

  it('gives the same intervals for the same seed, and a point interval when nothing varies', () => {
    const y = Array.from({ length: 60 }, (_, i) => i % 2);
    const data = classifiers(y, (i) => i % 5 !== 0, (i) => i % 7 !== 0);
    expect(abTest(data, options)).toEqual(abTest(data, options));
    expect(abTest(data, { ...options, seed: 8 }).a.ci).not.toEqual(abTest(data, options).a.ci);
    const perfect = abTest(classifiers(y, () => true, () => true), options);
    expect([perfect.a.ci, perfect.difference.ci, perfect.p_value, perfect.winner]).toEqual([[1, 1], [0, 0], 1, null]);
  });

  it('evaluates every metric like ml/metrics on the full data', () => {
    const y = Array.from({ length: 90 }, (_, i) => (i * 11) % 3);
    const proba = new Float64Array(90 * 3);
    for (let i = 0; i < 90; i++) {
      const raw = [1 + ((i * 13) % 7), 1 + ((i * 5) % 4), 1 + ((i + y[i]) % 6) + (y[i] === 2 ? 2 : 0)];
      const s = raw[0] + raw[1] + raw[2];
      for (let c = 0; c < 3; c++) proba[3 * i + c] = raw[c] / s;
    }
    const reference = classificationMetrics(Int32Array.from(y), proba, ['a', 'b', 'c']);
    for (const metric of ['accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss'] as const) {
      expect(scoreClassifier(metric, Int32Array.from(y), proba, 3).evaluate(null), metric).toBeCloseTo(reference[metric], 13);
    }
    const yb = Int32Array.from(y, (v) => (v === 2 ? 1 : 0));
    const pb = Float64Array.from({ length: 180 }, (_, k) => (k % 2 ? proba[3 * (k >> 1) + 2] : 1 - proba[3 * (k >> 1) + 2]));
    expect(scoreClassifier('roc_auc', yb, pb, 2).evaluate(null)).toBeCloseTo(classificationMetrics(yb, pb, ['n', 'y']).roc_auc as number, 13);
  });

  it('with weights equals the metric of the explicitly resampled rows (brute force)', () => {
    const y = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % 3);
    const proba = Float64Array.from({ length: 120 }, (_, k) => [0.2, 0.3, 0.5][(k + Math.floor(k / 3) * ((k % 5) + 1)) % 3]);
    const weights = Float64Array.from({ length: 40 }, (_, i) => (i * 3) % 4);
    const rows = Array.from(weights).flatMap((w, i) => Array<number>(w).fill(i));
    const yR = Int32Array.from(rows, (i) => y[i]);
    const pR = Float64Array.from(rows.flatMap((i) => [proba[3 * i], proba[3 * i + 1], proba[3 * i + 2]]));
    for (const metric of CLASSIFICATION_METRICS.filter((m) => m !== 'roc_auc')) {
      expect(scoreClassifier(metric, y, proba, 3).evaluate(weights), metric).toBeCloseTo(scoreClassifier(metric, yR, pR, 3).evaluate(null), 13);
    }
    const yb = Int32Array.from(y, (v) => (v === 2 ? 1 : 0));
    const pb = Float64Array.from({ length: 80 }, (_, k) => (k % 2 ? proba[3 * (k >> 1) + 2] : 1 - proba[3 * (k >> 1) + 2]));
    const ybR = Int32Array.from(rows, (i) => yb[i]);
    const pbR = Float64Array.from(rows.flatMap((i) => [pb[2 * i], pb[2 * i + 1]]));
    expect(scoreClassifier('roc_auc', yb, pb, 2).evaluate(weights)).toBeCloseTo(scoreClassifier('roc_auc', ybR, pbR, 2).evaluate(null), 13);
    const t = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3);
    const p = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3 + Math.cos(i * 1.7));
    for (const metric of REGRESSION_METRICS) {
      const tR = Float64Array.from(rows, (i) => t[i]);
      const pR2 = Float64Array.from(rows, (i) => p[i]);
      expect(scoreRegressor(metric, t, p).evaluate(weights), metric).toBeCloseTo(scoreRegressor(metric, tR, pR2).evaluate(null), 12);
    }
  });

  it('tests log_loss with a paired t-test on per-row log-loss', () => {
    const y = Array.from({ length: 50 }, (_, i) => i % 2);
    const r = abTest(classifiers(y, (i) => i % 4 !== 0, (i) => i % 6 !== 0), { ...options, metric: 'log_loss' });
    expect(r.test).toBe('paired_t');
    expect(r.higher_is_better).toBe(false);
  });
});

describe('abTest on regressors', () => {
  const y = Float64Array.from({ length: 80 }, (_, i) => i / 4 + Math.sin(i));
  const predA = y.map((v, i) => v + (i % 2 ? 1.5 : -1.2) + Math.cos(i) * 0.3);
  const predB = y.map((v, i) => v + (i % 3 ? 0.4 : -0.6));
  const data: AbTestData = { task: 'regression', y, predictionA: predA, predictionB: predB };

  it('reports rmse like ml/metrics, tests squared errors with a paired t-test, and picks the lower error', () => {
    const r = abTest(data, options);
    expect(r.metric).toBe('rmse');
    expect(r.a.value).toBeCloseTo(regressionMetrics(y, predA, 0).rmse, 13);
    expect(r.b.value).toBeCloseTo(regressionMetrics(y, predB, 0).rmse, 13);
    const sq = (p: Float64Array) => p.map((v, i) => (y[i] - v) ** 2);
    expect(r).toMatchObject({ test: 'paired_t', statistic: pairedTTest(sq(predB), sq(predA)).statistic, winner: 'b', higher_is_better: false });
    expect(r.difference.ci[1]).toBeLessThan(0);
  });

  it('runs Wilcoxon on absolute errors for mae, and r2 like ml/metrics', () => {
    const r = abTest(data, { ...options, metric: 'mae', test: 'wilcoxon' });
    const ab = (p: Float64Array) => p.map((v, i) => Math.abs(y[i] - v));
    const w = wilcoxonSignedRank(ab(predB), ab(predA));
    expect([r.test, r.statistic, r.p_value, r.method]).toEqual(['wilcoxon', w.statistic, w.pValue, w.method]);
    expect(abTest(data, { ...options, metric: 'r2' }).a.value).toBeCloseTo(regressionMetrics(y, predA, 0).r2, 13);
  });

  it('rejects McNemar and classification metrics for regressors, and roc_auc for three classes', () => {
    expect(() => abTest(data, { ...options, test: 'mcnemar' })).toThrow(/needs classifiers/);
    expect(() => abTest(data, { ...options, metric: 'accuracy' })).toThrow(/not a regression metric/);
    const three: AbTestData = { task: 'classification', classes: ['a', 'b', 'c'], yTrue: Int32Array.of(0, 1, 2), probaA: new Float64Array(9).fill(1 / 3), probaB: new Float64Array(9).fill(1 / 3) };
    expect(() => abTest(three, { ...options, metric: 'roc_auc' })).toThrow(/binary classifier/);
  });
});
