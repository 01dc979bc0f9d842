// CBPE and DLE: isotonic regression equal to scikit-learn's, NannyML's formulas on a hand-checked chunk, the
// sampling-error components, and on seeded data with covariate shift only (P(y | x) unchanged) and a calibrated
// model, realized metrics inside estimate ± 3 sampling errors for ≥ 90 % of chunks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../../../electron/ml/random.js';
import { expectedCalibrationError, needsCalibration } from '../../../../../electron/ml/performance-estimation/calibration.js';
import { estimateChunk, estimatedRocAuc, hanleyMcNeil, realizedChunk, samplingComponents, samplingError } from '../../../../../electron/ml/performance-estimation/cbpe.js';
import { estimateClassification, estimateRegression, CBPE_METRICS } from '../../../../../electron/ml/performance-estimation/index.js';
import { fitIsotonic, predictIsotonic } from '../../../../../electron/ml/performance-estimation/isotonic.js';

const fixture = JSON.parse(readFileSync(new URL('../../../../fixtures/ml/isotonic/isotonic.json', import.meta.url), 'utf8')) as {
  x: number[];
  y: number[];
  query: number[];
  predicted: number[];
};

/** n × 2 probabilities from positive-class p. */
const binary = (p: number[]) => Float64Array.from(p.flatMap((v) => [1 - v, v]));

describe('isotonic regression', () => {
  it('equals scikit-learn 1.2 IsotonicRegression(out_of_bounds="clip") on tied data', () => {
    const fit = fitIsotonic(fixture.x, fixture.y);
    fixture.query.forEach((q, i) => expect(predictIsotonic(fit, q)).toBeCloseTo(fixture.predicted[i], 12));
    for (let i = 1; i < fit.y.length; i++) expect(fit.y[i]).toBeGreaterThanOrEqual(fit.y[i - 1]);
  });
});

describe('CBPE formulas (NannyML)', () => {
  // p = 0.9, 0.8, 0.3, 0.6, 0.1 with decisions at 0.5: ŷ = 1, 1, 0, 1, 0
  // TP = .9 + .8 + .6 = 2.3, FP = .1 + .2 + .4 = 0.7, FN = .3 + .1 = 0.4, TN = .7 + .9 = 1.6
  const p = [0.9, 0.8, 0.3, 0.6, 0.1];
  const pred = [1, 1, 0, 1, 0];

  it('estimates accuracy, precision, recall and F1 from the expected confusion matrix', () => {
    const est = estimateChunk(binary(p), pred, 2, CBPE_METRICS);
    expect(est.accuracy).toBeCloseTo((2.3 + 1.6) / 5, 14);
    expect(est.precision).toBeCloseTo(2.3 / 3, 14);
    expect(est.recall).toBeCloseTo(2.3 / 2.7, 14);
    expect(est.f1).toBeCloseTo(4.6 / 5.7, 14);
  });

  it('estimates ROC AUC from expected TPR/FPR at each score', () => {
    // by decreasing p: cumulative TP .9, 1.7, 2.3, 2.6, 2.7 (of 2.7); FP .1, .3, .7, 1.4, 2.3 (of 2.3)
    const tpr = [0, 0.9, 1.7, 2.3, 2.6, 2.7].map((v) => v / 2.7);
    const fpr = [0, 0.1, 0.3, 0.7, 1.4, 2.3].map((v) => v / 2.3);
    let area = 0;
    for (let i = 1; i < 6; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
    expect(estimatedRocAuc(p)).toBeCloseTo(area, 14);
    expect(estimateChunk(binary(p), pred, 2, ['roc_auc']).roc_auc).toBeCloseTo(area, 14);
    // all scores 1: no expected negatives, AUC undefined
    expect(estimatedRocAuc([1, 1])).toBeNull();
  });

  it('realized metrics and NannyML sampling-error components on a labelled reference', () => {
    const codes = [1, 1, 0, 0, 0];
    const real = realizedChunk(codes, pred, binary(p), 2, CBPE_METRICS);
    // TP 2, FP 1, FN 0, TN 2; both positives (0.9, 0.8) score above every negative
    expect(real).toEqual({ roc_auc: 1, f1: 0.8, precision: 2 / 3, recall: 1, accuracy: 0.8 });
    const c = samplingComponents(codes, pred, binary(p), 2);
    expect(c.accuracy.std).toBeCloseTo(0.4, 14); // std of 1,1,0,1,1
    const std3 = Math.sqrt(2) / 3; // std of 1, 1, 0
    expect(samplingError(c, 'precision', 100)).toBeCloseTo(std3 / Math.sqrt(100 * 0.6), 14);
    expect(samplingError(c, 'recall', 100)).toBe(0);
    expect(samplingError(c, 'f1', 100)).toBeCloseTo(std3 / Math.sqrt(100 * 0.6), 14);
    expect(samplingError(c, 'accuracy', 16)).toBeCloseTo(0.1, 14);
    expect(samplingError(c, 'roc_auc', 100)).toBe(0); // a perfect AUC has no Hanley–McNeil spread
    // A = 0.8, 2 positives, 2 negatives: Q1 = 0.8 / 1.2, Q2 = 1.28 / 1.8
    expect(hanleyMcNeil(0.8, 2, 2)).toBeCloseTo(Math.sqrt((0.16 + (0.8 / 1.2 - 0.64) + (1.28 / 1.8 - 0.64)) / 4), 14);
  });

  it('calibration: ECE by hand, and isotonic calibration only when the scores are off', () => {
    expect(expectedCalibrationError([1, 0, 1, 1], [0.95, 0.05, 0.55, 0.55])).toBeCloseTo((0.05 + 0.05 + 0.9) / 4, 14);
    const rng = new Random(3);
    const n = 4000;
    const truth = Array.from({ length: n }, () => rng.uniform());
    const y = truth.map((t) => (rng.uniform() < t ? 1 : 0));
    expect(needsCalibration(y, truth)).toBe(false);
    expect(needsCalibration(y, truth.map((t) => t ** 3))).toBe(true);
  });
});

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Share of chunks whose realized value of `metric` lies in [lower, upper]. */
function coverage(result: ReturnType<typeof estimateClassification>, metric: string): number {
  const inside = result.chunks.filter((c) => {
    const r = c.realized?.[metric];
    return typeof r === 'number' && r >= (c.lower[metric] as number) && r <= (c.upper[metric] as number);
  });
  return inside.length / result.chunks.length;
}

describe('CBPE under covariate shift', () => {
  it('realized metrics lie within estimate ± 3 SE for ≥ 90 % of 40 chunks (seeded), and the shift raises alerts', () => {
    const rng = new Random(11);
    const chunkSize = 500;
    const make = (mean: number, n: number) => {
      const x = Array.from({ length: n }, () => mean + rng.normal());
      // P(y = 1 | x) never changes; the model's (slightly miscalibrated) score is a monotone map of the truth.
      const truth = x.map((v) => sigmoid(1.5 * v - 0.5));
      const codes = Int32Array.from(truth, (t) => (rng.uniform() < t ? 1 : 0));
      const score = truth.map((t) => t ** 1.3);
      return { proba: binary(score), pred: Int32Array.from(score, (s) => (s >= 0.5 ? 1 : 0)), codes };
    };
    const ref = make(0, 10 * chunkSize);
    const chunks = Array.from({ length: 40 }, (_, k) => make(-1.5 + (3 * k) / 39, chunkSize));
    const current = {
      proba: Float64Array.from(chunks.flatMap((c) => Array.from(c.proba))),
      pred: Int32Array.from(chunks.flatMap((c) => Array.from(c.pred))),
      codes: Int32Array.from(chunks.flatMap((c) => Array.from(c.codes))),
      chunkOf: Int32Array.from({ length: 40 * chunkSize }, (_, i) => Math.floor(i / chunkSize)),
      nChunks: 40,
    };
    const reference = { ...ref, chunkOf: Int32Array.from({ length: 10 * chunkSize }, (_, i) => Math.floor(i / chunkSize)), nChunks: 10 };
    const result = estimateClassification({ K: 2, metrics: CBPE_METRICS, reference, current });
    expect(result.calibrated).toBe(true);
    expect(result.chunks.length).toBe(40);
    for (const metric of ['accuracy', 'precision', 'recall', 'f1', 'roc_auc']) expect(coverage(result, metric)).toBeGreaterThanOrEqual(0.9);
    // the far ends of the shift move accuracy outside the reference thresholds
    expect(result.chunks.some((c) => c.alerts.includes('accuracy'))).toBe(true);
    expect(result.chunks[20].alerts).toEqual([]);
  });

  it('DLE: a heteroscedastic regressor under shift has MAE / RMSE within estimate ± 3 SE for ≥ 90 % of chunks', () => {
    const rng = new Random(5);
    const chunkSize = 400;
    const make = (mean: number, n: number) => {
      const x = Float64Array.from({ length: n }, () => mean + rng.normal());
      const prediction = x.map((v) => 2 * v);
      const y = Float64Array.from(x, (v) => 2 * v + (0.2 + Math.abs(v)) * rng.normal());
      return { X: { nRows: n, columns: [x], names: ['x'], levels: [null] }, prediction, y };
    };
    const ref = make(0, 8 * chunkSize);
    const parts = Array.from({ length: 30 }, (_, k) => make((2 * k) / 29, chunkSize));
    const x = Float64Array.from(parts.flatMap((p) => Array.from(p.X.columns[0])));
    const current = {
      X: { nRows: x.length, columns: [x], names: ['x'], levels: [null] },
      prediction: Float64Array.from(parts.flatMap((p) => Array.from(p.prediction))),
      y: Float64Array.from(parts.flatMap((p) => Array.from(p.y))),
      chunkOf: Int32Array.from({ length: x.length }, (_, i) => Math.floor(i / chunkSize)),
      nChunks: 30,
    };
    const result = estimateRegression({
      metrics: ['mae', 'rmse'],
      seed: 0,
      reference: { ...ref, chunkOf: Int32Array.from({ length: 8 * chunkSize }, (_, i) => Math.floor(i / chunkSize)), nChunks: 8 },
      current,
    });
    expect(result.method).toBe('dle');
    expect(coverage(result, 'mae')).toBeGreaterThanOrEqual(0.9);
    expect(coverage(result, 'rmse')).toBeGreaterThanOrEqual(0.9);
    // errors grow with |x|: the last chunk's estimate is far above the first's and alerts
    expect(result.chunks[29].estimated.mae as number).toBeGreaterThan(2 * (result.chunks[0].estimated.mae as number));
    expect(result.chunks[29].alerts).toContain('mae');
  });
});
