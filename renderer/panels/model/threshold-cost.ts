// Threshold and cost for a binary classifier from its ROC data (evaluate.classification's `roc` and confusion
// matrix): at each ROC threshold t (positive when score ≥ t) the confusion counts TP = tpr·P, FP = fpr·N, the
// precision / recall / F1, and the cost c_FP·FP + c_FN·FN; the cost-optimal threshold is the cheapest point. The
// ROC points dropped as collinear cannot be cheaper than both neighbours (cost is linear along a segment).

export interface ThresholdPoint {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  cost: number;
}

export interface ThresholdData {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
  /** actual positives (the last class) and negatives */
  positives: number;
  negatives: number;
  labels: [string, string];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const nums = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

/** The ROC arrays and class counts of binary classification metrics, or null for anything else. */
export function readThresholdData(value: unknown): ThresholdData | null {
  if (!isRec(value) || !isRec(value.roc) || !isRec(value.confusion_matrix)) return null;
  const { fpr, tpr, thresholds } = value.roc;
  const { labels, matrix } = value.confusion_matrix;
  if (!nums(fpr) || !nums(tpr) || !nums(thresholds) || fpr.length !== tpr.length || fpr.length !== thresholds.length || fpr.length === 0) return null;
  if (!Array.isArray(labels) || labels.length !== 2 || !Array.isArray(matrix) || matrix.length !== 2 || !matrix.every(nums)) return null;
  const rows = matrix as number[][];
  const positives = rows[1][0] + rows[1][1];
  const negatives = rows[0][0] + rows[0][1];
  return { fpr, tpr, thresholds, positives, negatives, labels: [String(labels[0]), String(labels[1])] };
}

export function thresholdPoints(data: ThresholdData, costFp: number, costFn: number): ThresholdPoint[] {
  const { positives: P, negatives: N } = data;
  return data.thresholds.map((threshold, k) => {
    const tp = Math.round(data.tpr[k] * P);
    const fp = Math.round(data.fpr[k] * N);
    const fn = P - tp;
    const tn = N - fp;
    return {
      threshold,
      tp,
      fp,
      fn,
      tn,
      precision: tp + fp > 0 ? tp / (tp + fp) : null,
      recall: P > 0 ? tp / P : null,
      f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
      cost: costFp * fp + costFn * fn,
    };
  });
}

/** Index of the cheapest point (the first on ties, i.e. the highest threshold). */
export function costOptimalIndex(points: ThresholdPoint[]): number {
  let best = 0;
  for (let k = 1; k < points.length; k++) if (points[k].cost < points[best].cost) best = k;
  return best;
}

/** The ROC point used for a threshold: the lowest listed threshold that is still ≥ t (positive when score ≥ t). */
export function pointAt(data: ThresholdData, t: number): number {
  let at = 0;
  for (let k = 0; k < data.thresholds.length; k++) if (data.thresholds[k] >= t) at = k;
  return at;
}
