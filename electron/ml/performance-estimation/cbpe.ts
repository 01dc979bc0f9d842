// Confidence-based performance estimation (NannyML's CBPE, "How it works: Performance estimation"): with calibrated
// probabilities p and the model's decisions ŷ, the expected confusion matrix of a chunk is TP = Σ_{ŷ=1} p,
// FP = Σ_{ŷ=1} (1 − p), FN = Σ_{ŷ=0} p, TN = Σ_{ŷ=0} (1 − p); the metrics follow from it. Multiclass: one-vs-rest per
// class, macro average; accuracy is the mean probability of the predicted class. Also the realized metrics from
// labels and NannyML's sampling-error components (nannyml/sampling_error/binary_classification.py).
import { rocAuc } from '../metrics/roc.js';

export const CBPE_METRICS = ['roc_auc', 'f1', 'precision', 'recall', 'accuracy'] as const;
export type CbpeMetric = (typeof CBPE_METRICS)[number];
export type MetricValues = Partial<Record<string, number | null>>;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const div = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function fromCounts(c: Counts): { precision: number | null; recall: number | null; f1: number | null } {
  return { precision: div(c.tp, c.tp + c.fp), recall: div(c.tp, c.tp + c.fn), f1: div(2 * c.tp, 2 * c.tp + c.fp + c.fn) };
}

/** Expected confusion counts of class k over the rows (proba n × K row-major, pred = class code per row). */
export function expectedConfusion(proba: Float64Array, pred: ArrayLike<number>, K: number, k: number): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < pred.length; i++) {
    const p = proba[i * K + k];
    if (pred[i] === k) {
      c.tp += p;
      c.fp += 1 - p;
    } else {
      c.fn += p;
      c.tn += 1 - p;
    }
  }
  return c;
}

/**
 * NannyML's estimated ROC AUC: rows by decreasing p; at each distinct p, expected TPR = Σ_{p' ≥ p} p' / Σ p' and
 * FPR = Σ_{p' ≥ p} (1 − p') / Σ (1 − p'); the trapezoid area under those points from (0, 0).
 */
export function estimatedRocAuc(p: ArrayLike<number>): number | null {
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a]);
  let totalP = 0;
  let totalN = 0;
  for (let i = 0; i < p.length; i++) {
    totalP += p[i];
    totalN += 1 - p[i];
  }
  if (totalP <= 0 || totalN <= 0) return null;
  let tps = 0;
  let fps = 0;
  let x0 = 0;
  let y0 = 0;
  let area = 0;
  for (let r = 0; r < order.length; r++) {
    const v = p[order[r]];
    tps += v;
    fps += 1 - v;
    if (r === order.length - 1 || p[order[r + 1]] !== v) {
      const x1 = fps / totalN;
      const y1 = tps / totalP;
      area += ((x1 - x0) * (y1 + y0)) / 2;
      x0 = x1;
      y0 = y1;
    }
  }
  return area;
}

/** The classes scored one-vs-rest: the positive (last) class for binary, every class for multiclass. */
const scoredClasses = (K: number): number[] => (K === 2 ? [1] : Array.from({ length: K }, (_, k) => k));

function macro(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === values.length && defined.length > 0 ? defined.reduce((s, v) => s + v, 0) / defined.length : null;
}

function classColumn(proba: Float64Array, K: number, k: number): Float64Array {
  const n = proba.length / K;
  return Float64Array.from({ length: n }, (_, i) => proba[i * K + k]);
}

/** Estimated metrics of one chunk from calibrated probabilities and the model's decisions. */
export function estimateChunk(proba: Float64Array, pred: ArrayLike<number>, K: number, metrics: readonly CbpeMetric[]): MetricValues {
  const out: MetricValues = {};
  const classes = scoredClasses(K);
  const counts = classes.map((k) => fromCounts(expectedConfusion(proba, pred, K, k)));
  for (const metric of metrics) {
    if (metric === 'accuracy') {
      let s = 0;
      for (let i = 0; i < pred.length; i++) s += proba[i * K + pred[i]];
      out.accuracy = pred.length ? s / pred.length : null;
    } else if (metric === 'roc_auc') out.roc_auc = macro(classes.map((k) => estimatedRocAuc(classColumn(proba, K, k))));
    else out[metric] = macro(counts.map((c) => c[metric]));
  }
  return out;
}

function trueCounts(codes: ArrayLike<number>, pred: ArrayLike<number>, k: number): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < codes.length; i++) {
    const y = codes[i] === k;
    if (pred[i] === k) {
      if (y) c.tp++;
      else c.fp++;
    } else if (y) c.fn++;
    else c.tn++;
  }
  return c;
}

/** Realized metrics of one chunk from its labels (scikit-learn's definitions; roc_auc on the given scores). */
export function realizedChunk(codes: ArrayLike<number>, pred: ArrayLike<number>, proba: Float64Array, K: number, metrics: readonly CbpeMetric[]): MetricValues {
  const out: MetricValues = {};
  const classes = scoredClasses(K);
  const counts = classes.map((k) => fromCounts(trueCounts(codes, pred, k)));
  for (const metric of metrics) {
    if (metric === 'accuracy') {
      let right = 0;
      for (let i = 0; i < codes.length; i++) if (codes[i] === pred[i]) right++;
      out.accuracy = codes.length ? right / codes.length : null;
    } else if (metric === 'roc_auc') {
      out.roc_auc = macro(classes.map((k) => rocAuc(Uint8Array.from(codes as ArrayLike<number>, (c) => (c === k ? 1 : 0)), classColumn(proba, K, k))));
    } else out[metric] = macro(counts.map((c) => c[metric]));
  }
  return out;
}

function std(values: number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

/** Per scored class and metric: the reference's observation-level std and the share of rows that observe it. */
export interface SamplingComponents {
  accuracy: { std: number };
  perClass: { precision: [number, number]; recall: [number, number]; f1: [number, number]; auc: number | null; positiveShare: number }[];
}

export function samplingComponents(codes: ArrayLike<number>, pred: ArrayLike<number>, proba: Float64Array, K: number): SamplingComponents {
  const n = codes.length;
  const correct: number[] = [];
  for (let i = 0; i < n; i++) correct.push(codes[i] === pred[i] ? 1 : 0);
  const perClass = scoredClasses(K).map((k) => {
    const precision: number[] = [];
    const recall: number[] = [];
    const f1: number[] = [];
    let positives = 0;
    for (let i = 0; i < n; i++) {
      const y = codes[i] === k;
      const p = pred[i] === k;
      if (y) positives++;
      if (p) precision.push(y ? 1 : 0);
      if (y) recall.push(p ? 1 : 0);
      if (y || p) f1.push(y && p ? 1 : 0);
    }
    const auc = rocAuc(Uint8Array.from(codes as ArrayLike<number>, (c) => (c === k ? 1 : 0)), classColumn(proba, K, k));
    return {
      precision: [std(precision), precision.length / n] as [number, number],
      recall: [std(recall), recall.length / n] as [number, number],
      f1: [std(f1), f1.length / n] as [number, number],
      auc,
      positiveShare: positives / n,
    };
  });
  return { accuracy: { std: std(correct) }, perClass };
}

/** Hanley & McNeil (1982) standard error of an AUC A with n1 positives and n0 negatives. */
export function hanleyMcNeil(A: number, n1: number, n0: number): number {
  if (n1 <= 0 || n0 <= 0) return NaN;
  const q1 = A / (2 - A);
  const q2 = (2 * A * A) / (1 + A);
  return Math.sqrt(Math.max(0, (A * (1 - A) + (n1 - 1) * (q1 - A * A) + (n0 - 1) * (q2 - A * A)) / (n1 * n0)));
}

/**
 * The sampling error of a metric on a chunk of n rows: NannyML's std / √(n · share) per class (accuracy: share 1),
 * macro metrics combining classes as √(Σ se²) / K; ROC AUC by Hanley & McNeil at the reference AUC and class shares.
 */
export function samplingError(c: SamplingComponents, metric: CbpeMetric, n: number): number {
  if (metric === 'accuracy') return c.accuracy.std / Math.sqrt(n);
  const per = c.perClass.map((k) => {
    if (metric === 'roc_auc') return k.auc === null ? NaN : hanleyMcNeil(k.auc, n * k.positiveShare, n * (1 - k.positiveShare));
    const [s, share] = k[metric];
    return share > 0 ? s / Math.sqrt(n * share) : NaN;
  });
  return Math.sqrt(per.reduce((s, v) => s + v * v, 0)) / per.length;
}
