// Binary-classifier curves beside ROC: precision–recall (like scikit-learn ≥ 1.1's precision_recall_curve with
// drop_intermediate=False: every distinct threshold) and a
// reliability diagram (like calibration_curve with uniform bins), for the metrics panels.

export interface PrCurve {
  /** in order of decreasing threshold, ending at recall 0 / precision 1 as scikit-learn does */
  precision: number[];
  recall: number[];
  thresholds: number[];
}

export interface CalibrationBin {
  mean_predicted: number;
  fraction_positive: number;
  count: number;
}

/** Null when there are no positives (recall is undefined). */
export function prCurve(positive: Uint8Array, score: ArrayLike<number>): PrCurve | null {
  const n = positive.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
  const precision: number[] = [];
  const recall: number[] = [];
  const thresholds: number[] = [];
  let totalP = 0;
  for (let i = 0; i < n; i++) totalP += positive[i];
  if (totalP === 0) return null;
  let tp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    tp += positive[i];
    if (r === n - 1 || score[order[r + 1]] !== score[i]) {
      precision.push(tp / (r + 1));
      recall.push(tp / totalP);
      thresholds.push(score[i]);
    }
  }
  // Reported from the highest threshold down, with the (recall 0, precision 1) end point.
  return { precision: [1, ...precision], recall: [0, ...recall], thresholds };
}

/** Uniform bins over [0, 1]; empty bins are left out. */
export function calibrationBins(positive: Uint8Array, score: ArrayLike<number>, nBins = 10): CalibrationBin[] {
  const sum = new Float64Array(nBins);
  const hits = new Float64Array(nBins);
  const count = new Float64Array(nBins);
  for (let i = 0; i < positive.length; i++) {
    const p = Math.min(1, Math.max(0, score[i]));
    const b = Math.min(nBins - 1, Math.floor(p * nBins));
    sum[b] += p;
    hits[b] += positive[i];
    count[b]++;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (count[b] > 0) bins.push({ mean_predicted: sum[b] / count[b], fraction_positive: hits[b] / count[b], count: count[b] });
  }
  return bins;
}
