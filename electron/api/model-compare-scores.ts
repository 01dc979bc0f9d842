// models.compare from the models' outputs on the scored rows: evaluate.*'s metrics per model (ml/metrics, so the
// numbers match the evaluate nodes'), one-vs-rest curves of one class, and each row's predictions side by side.
import type { ComparedModel, ModelComparison } from '../../shared/api/model-compare.js';
import { invalidInput } from '../../shared/errors.js';
import { classificationMetrics, mostProbableClass, regressionMetrics, rocCurve } from '../ml/metrics/index.js';
import { calibrationBins, prCurve } from '../ml/metrics/curves.js';
import type { ModelOutput, PlumbModelFile } from '../ml/model-file.js';
import type { Target } from '../ml/types.js';

export interface ScoredModel {
  node: string;
  runId: string;
  file: Pick<PlumbModelFile, 'type' | 'task' | 'classes' | 'decision_threshold'>;
  /** the model's output on the scored rows */
  out: Pick<ModelOutput, 'prediction' | 'proba'>;
}

export interface ScoredRows {
  target: string;
  y: Target;
  /** each scored row's position in the table */
  index: Int32Array;
  dropped: number;
  /** the columns shown beside the predictions, and a row's cells (by table position) */
  columns: string[];
  cellsOf: (tableRow: number) => ModelComparison['rows']['cells'][number];
}

const CLASSIFICATION_METRICS = ['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'log_loss', 'roc_auc'] as const;

export function compareScores(models: readonly ScoredModel[], rows: ScoredRows, options: { positive?: string; maxRows: number }): ModelComparison {
  if (models.length === 0) throw invalidInput('choose at least one model to compare', { param: 'models' });
  const shown = Math.min(rows.index.length, options.maxRows);
  const index = Array.from(rows.index.subarray(0, shown));
  const base = {
    n: rows.index.length,
    dropped: rows.dropped,
    columns: rows.columns,
    cells: index.map((r) => rows.cellsOf(r)),
    index,
    truncated: shown < rows.index.length,
  };
  const { y } = rows;
  if (y.task === 'regression') {
    const predictions = models.map((m) => Float64Array.from(m.out.prediction));
    return {
      task: 'regression',
      target: rows.target,
      classes: [],
      positive: null,
      n: base.n,
      dropped: base.dropped,
      disagreements: null,
      models: models.map((m, i) => {
        const { residuals, n, ...metrics } = regressionMetrics(y.values, predictions[i], 0);
        return { node: m.node, runId: m.runId, type: m.file.type, metrics: { ...metrics, n }, residuals };
      }),
      rows: {
        index,
        actual: index.map((_, r) => y.values[r]),
        predicted: predictions.map((p) => index.map((_, r) => p[r])),
        columns: base.columns,
        cells: base.cells,
        truncated: base.truncated,
      },
    };
  }

  const classes = y.classes;
  const K = classes.length;
  const positive = options.positive ?? classes[K - 1];
  const p = classes.indexOf(positive);
  if (p < 0) throw invalidInput(`'${positive}' is not one of the models' classes (${classes.join(', ')})`, { param: 'positive' });
  const n = y.codes.length;
  const decided = models.map((m) => decisions(m, n, K));
  let disagreements = 0;
  for (let i = 0; i < n; i++) if (decided.some((d) => d[i] !== decided[0][i])) disagreements++;
  const isPositive = Uint8Array.from(y.codes, (c) => (c === p ? 1 : 0));
  const scores = models.map((m) => Float64Array.from({ length: n }, (_, i) => m.out.proba![i * K + p]));
  return {
    task: 'classification',
    target: rows.target,
    classes: classes.slice(),
    positive,
    n,
    dropped: base.dropped,
    disagreements,
    models: models.map((m, i) => classificationEntry(m, y.codes, decided[i], isPositive, scores[i])),
    rows: {
      index,
      actual: index.map((_, r) => classes[y.codes[r]]),
      predicted: decided.map((d) => index.map((_, r) => classes[d[r]] ?? String(d[r]))),
      score: scores.map((s) => index.map((_, r) => s[r])),
      columns: base.columns,
      cells: base.cells,
      truncated: base.truncated,
    },
  };
}

/** The class each row gets: the model's own decision when it has a decision threshold (as evaluate does), else the most probable. */
function decisions(model: ScoredModel, n: number, K: number): Int32Array {
  if (!model.out.proba) throw invalidInput(`model '${model.node}' gives no class probabilities`);
  return model.file.decision_threshold === undefined ? mostProbableClass(model.out.proba, n, K) : Int32Array.from(model.out.prediction);
}

function classificationEntry(model: ScoredModel, codes: Int32Array, decided: Int32Array, isPositive: Uint8Array, score: Float64Array): ComparedModel {
  const full = classificationMetrics(codes, model.out.proba!, model.file.classes, model.file.decision_threshold === undefined ? undefined : decided);
  const metrics: Record<string, number | null> = {};
  for (const key of CLASSIFICATION_METRICS) metrics[key] = full[key];
  metrics.n = full.n;
  const entry: ComparedModel = { node: model.node, runId: model.runId, type: model.file.type, metrics, confusion: full.confusion_matrix };
  const roc = rocCurve(isPositive, score);
  if (roc) entry.roc = { x: roc.fpr, y: roc.tpr };
  const pr = prCurve(isPositive, score);
  if (pr) entry.pr = { x: pr.recall, y: pr.precision };
  const bins = calibrationBins(isPositive, score);
  entry.calibration = { x: bins.map((b) => b.mean_predicted), y: bins.map((b) => b.fraction_positive) };
  return entry;
}
