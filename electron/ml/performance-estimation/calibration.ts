// Calibrating a classifier's scores on the reference before CBPE, as NannyML does: each class's probability gets an
// isotonic map of "is this class" on the score, used only when it lowers the expected calibration error on held-out
// reference rows (NannyML `needs_calibration`; here 10 interleaved folds instead of its seeded shuffle splits).
import { fitIsotonic, predictIsotonic, type IsotonicFit } from './isotonic.js';

const ECE_BINS = 10;
const FOLDS = 10;

/** Expected calibration error over 10 equal-width bins: Σ_bins |mean(y) − mean(p)| · n_bin / n. */
export function expectedCalibrationError(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const count = new Float64Array(ECE_BINS);
  const sumY = new Float64Array(ECE_BINS);
  const sumP = new Float64Array(ECE_BINS);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(ECE_BINS - 1, Math.max(0, Math.floor(p[i] * ECE_BINS)));
    count[b]++;
    sumY[b] += y[i];
    sumP[b] += p[i];
  }
  let ece = 0;
  for (let b = 0; b < ECE_BINS; b++) if (count[b] > 0) ece += Math.abs(sumY[b] - sumP[b]) / p.length;
  return ece;
}

/** Whether an isotonic map fitted on the other folds lowers the mean ECE on each held-out fold. */
export function needsCalibration(y: ArrayLike<number>, p: ArrayLike<number>): boolean {
  const n = p.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  if (positives === 0 || positives === n || n < 2 * FOLDS) return false;
  if (expectedCalibrationError(y, p) === 0) return false;
  let raw = 0;
  let calibrated = 0;
  for (let f = 0; f < FOLDS; f++) {
    const trainX: number[] = [];
    const trainY: number[] = [];
    const testY: number[] = [];
    const testP: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i % FOLDS === f) {
        testY.push(y[i]);
        testP.push(p[i]);
      } else {
        trainX.push(p[i]);
        trainY.push(y[i]);
      }
    }
    const fit = fitIsotonic(trainX, trainY);
    raw += expectedCalibrationError(testY, testP);
    calibrated += expectedCalibrationError(testY, testP.map((v) => predictIsotonic(fit, v)));
  }
  return calibrated < raw;
}

export interface Calibrator {
  /** per class, its isotonic map, or null when the class's scores are left as they are */
  maps: (IsotonicFit | null)[];
}

/**
 * Fits the calibrator on reference probabilities (n × K row-major) and true class codes. Binary models calibrate
 * the positive class only (the negative is 1 − p).
 */
export function fitCalibrator(proba: Float64Array, codes: Int32Array, K: number): Calibrator {
  const n = codes.length;
  const classes = K === 2 ? [1] : Array.from({ length: K }, (_, k) => k);
  const maps: (IsotonicFit | null)[] = new Array(K).fill(null);
  for (const k of classes) {
    const p = Float64Array.from({ length: n }, (_, i) => proba[i * K + k]);
    const y = Float64Array.from(codes, (c) => (c === k ? 1 : 0));
    if (needsCalibration(y, p)) maps[k] = fitIsotonic(p, y);
  }
  return { maps };
}

/** Calibrated probabilities (n × K); multiclass rows are renormalized to sum to 1 after the per-class maps. */
export function applyCalibrator(cal: Calibrator, proba: Float64Array, K: number): Float64Array {
  const n = proba.length / K;
  const out = Float64Array.from(proba);
  if (cal.maps.every((m) => m === null)) return out;
  for (let i = 0; i < n; i++) {
    if (K === 2) {
      const map = cal.maps[1];
      if (map) {
        out[i * 2 + 1] = predictIsotonic(map, proba[i * 2 + 1]);
        out[i * 2] = 1 - out[i * 2 + 1];
      }
      continue;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const map = cal.maps[k];
      if (map) out[i * K + k] = predictIsotonic(map, proba[i * K + k]);
      sum += out[i * K + k];
    }
    if (sum > 0) for (let k = 0; k < K; k++) out[i * K + k] /= sum;
  }
  return out;
}
