// The ROC curve and its area, computed like scikit-learn 1.2's roc_curve (drop_intermediate=True,
// first threshold = highest score + 1) and roc_auc_score (trapezoidal area under that curve).

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/**
 * The curve for a binary problem: `positive[i]` says whether row i is in the positive class,
 * `score[i]` is its score (higher = more positive). Null when one of the classes is absent.
 */
export function rocCurve(positive: Uint8Array, score: ArrayLike<number>): RocCurve | null {
  const n = positive.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => score[b] - score[a] || a - b);
  // One point per distinct score, after all rows with that score count as positive predictions.
  let fps: number[] = [];
  let tps: number[] = [];
  let thresholds: number[] = [];
  let tp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (positive[i]) tp++;
    if (r === n - 1 || score[order[r + 1]] !== score[i]) {
      tps.push(tp);
      fps.push(r + 1 - tp);
      thresholds.push(score[i]);
    }
  }
  const totalP = tps[tps.length - 1] ?? 0;
  const totalN = fps[fps.length - 1] ?? 0;
  if (totalP <= 0 || totalN <= 0) return null;
  if (fps.length > 2) {
    // Drop points on a straight segment between their neighbours (they do not change the curve).
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      if (fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = keep.map((i) => fps[i]);
    tps = keep.map((i) => tps[i]);
    thresholds = keep.map((i) => thresholds[i]);
  }
  return {
    fpr: [0, ...fps.map((v) => v / totalN)],
    tpr: [0, ...tps.map((v) => v / totalP)],
    thresholds: [thresholds[0] + 1, ...thresholds],
  };
}

/** Trapezoidal area under a curve given by increasing x. */
export function areaUnderCurve(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

/** Area under the ROC curve; null when one of the classes is absent (scikit-learn raises there). */
export function rocAuc(positive: Uint8Array, score: ArrayLike<number>): number | null {
  const curve = rocCurve(positive, score);
  return curve ? areaUnderCurve(curve.fpr, curve.tpr) : null;
}
