// Reading evaluate.* metrics JSON for the charts: which kind it is, row-normalized confusion colours, curve points
// (downsampled), residual points and the summary rows.
import { downsample } from '../downsample.js';

export const MAX_CURVE_POINTS = 400;
export const MAX_SCATTER_POINTS = 2000;

export interface Curve {
  x: number[];
  y: number[];
}

export interface ClassificationView {
  kind: 'classification';
  summary: [string, number | null][];
  confusion?: { labels: string[]; matrix: number[][] };
  roc?: Curve;
  rocAuc: number | null;
  pr?: Curve;
  calibration?: { mean_predicted: number; fraction_positive: number; count: number }[];
}

export interface RegressionView {
  kind: 'regression';
  summary: [string, number | null][];
  residuals: { y: number; yhat: number }[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const nums = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

const CLASSIFICATION_KEYS = ['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'log_loss', 'roc_auc', 'n'];
const REGRESSION_KEYS = ['rmse', 'mae', 'r2', 'n'];

function curve(x: unknown, y: unknown): Curve | undefined {
  if (!nums(x) || !nums(y) || x.length !== y.length || x.length === 0) return undefined;
  const idx = downsample(
    x.map((_, i) => i),
    MAX_CURVE_POINTS,
  );
  return { x: idx.map((i) => x[i]), y: idx.map((i) => y[i]) };
}

export function readClassificationMetrics(value: unknown): ClassificationView | null {
  if (!isRec(value) || typeof value.accuracy !== 'number') return null;
  const view: ClassificationView = {
    kind: 'classification',
    summary: CLASSIFICATION_KEYS.filter((k) => k in value).map((k) => [k, numOrNull(value[k])]),
    rocAuc: numOrNull(value.roc_auc),
  };
  const cm = value.confusion_matrix;
  if (isRec(cm) && Array.isArray(cm.labels) && Array.isArray(cm.matrix) && cm.matrix.every(nums)) {
    view.confusion = { labels: cm.labels.map(String), matrix: cm.matrix };
  }
  if (isRec(value.roc)) view.roc = curve(value.roc.fpr, value.roc.tpr);
  if (isRec(value.pr)) view.pr = curve(value.pr.recall, value.pr.precision);
  if (isRec(value.calibration) && Array.isArray(value.calibration.bins)) {
    view.calibration = value.calibration.bins.filter(
      (b): b is { mean_predicted: number; fraction_positive: number; count: number } => isRec(b) && typeof b.mean_predicted === 'number' && typeof b.fraction_positive === 'number',
    );
  }
  return view;
}

export function readRegressionMetrics(value: unknown): RegressionView | null {
  if (!isRec(value) || typeof value.rmse !== 'number') return null;
  const residuals = Array.isArray(value.residuals)
    ? value.residuals.filter((p): p is { y: number; yhat: number } => isRec(p) && typeof p.y === 'number' && typeof p.yhat === 'number')
    : [];
  return { kind: 'regression', summary: REGRESSION_KEYS.filter((k) => k in value).map((k) => [k, numOrNull(value[k])]), residuals: downsample(residuals, MAX_SCATTER_POINTS) };
}

/** Each cell as a share of its true-class row (0 for an empty row), for the heat-map colour. */
export function rowShares(matrix: number[][]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
}

/** A light-to-dark blue for a share in [0, 1], and a text colour that stays readable on it. */
export function heatColour(share: number): { background: string; color: string } {
  const t = Math.min(1, Math.max(0, share));
  const light = Math.round(97 - t * 55);
  return { background: `hsl(212 70% ${light}%)`, color: light < 60 ? '#fff' : '#1f2328' };
}

/** Residual-plot points: predicted value against (actual − predicted). */
export function residualPoints(points: { y: number; yhat: number }[]): { yhat: number; residual: number }[] {
  return points.map((p) => ({ yhat: p.yhat, residual: p.y - p.yhat }));
}
