// evaluate.cross_validate: k folds (stratified for classification), one fit per fold in the worker pool, each
// scored on its held-out rows with the evaluate nodes' metrics; the output keeps every fold's value and their
// mean and standard deviation (ddof 0, like numpy's std).
import { crossValidate as declaration } from '../../../shared/catalog/evaluate/cross_validate.js';
import { trainers } from '../../../shared/catalog/model/trainers.js';
import { classificationMetrics, regressionMetrics } from '../../ml/metrics/index.js';
import type { ModelOutput } from '../../ml/model-file.js';
import type { Target } from '../../ml/types.js';
import { implementNode } from '../env.js';
import { pickRows, pickTarget, rowsWhere } from '../inputs/ml-frame.js';
import { readTrainingData, tableFrom } from '../inputs/model-data.js';
import { trainInWorker } from '../model/trainer.js';
import { assignFolds } from './folds.js';

const CLASSIFICATION_METRICS = ['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'log_loss', 'roc_auc'] as const;
const REGRESSION_METRICS = ['rmse', 'mae', 'r2'] as const;

export interface MetricSummary {
  /** null when no fold has the metric (e.g. ROC AUC with one class per fold) */
  mean: number | null;
  std: number | null;
  folds: (number | null)[];
}

export interface CrossValidation {
  model: string;
  task: 'classification' | 'regression';
  n_splits: number;
  n: number;
  metrics: Record<string, MetricSummary>;
  folds: { fold: number; train_rows: number; test_rows: number }[];
}

/** Scalar metrics of one fold's held-out rows. */
export function foldScores(y: Target, out: ModelOutput, seed: number): Record<string, number | null> {
  if (y.task === 'classification') {
    const m = classificationMetrics(y.codes, out.proba!, y.classes);
    return Object.fromEntries(CLASSIFICATION_METRICS.map((name) => [name, m[name]]));
  }
  const m = regressionMetrics(y.values, Float64Array.from(out.prediction), seed);
  return Object.fromEntries(REGRESSION_METRICS.map((name) => [name, m[name]]));
}

export function summarize(values: (number | null)[]): MetricSummary {
  const present = values.filter((v): v is number => v !== null);
  if (!present.length) return { mean: null, std: null, folds: values };
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const variance = present.reduce((a, v) => a + (v - mean) ** 2, 0) / present.length;
  return { mean, std: Math.sqrt(variance), folds: values };
}

export const crossValidateNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const data = await readTrainingData(ctx, env, tableFrom(inputs, 'data'), params, 'data');
    const { X, y } = data;
    const modelParams = trainers[params.model].modelParams.parse(params.params) as Record<string, unknown>;
    const { fold, warning } = assignFolds(X.nRows, params.n_splits, {
      classes: y.task === 'classification' ? y.codes : null,
      shuffle: params.shuffle,
      seed: params.seed,
    });
    if (warning) ctx.warn(warning);

    // One failed fold stops the others.
    const stop = new AbortController();
    const signal = AbortSignal.any([ctx.signal, stop.signal]);
    const progress = new Float64Array(params.n_splits);
    const runFold = async (f: number) => {
      const trainRows = rowsWhere(X.nRows, (i) => fold[i] !== f);
      const testRows = rowsWhere(X.nRows, (i) => fold[i] === f);
      const testY = pickTarget(y, testRows);
      const result = await trainInWorker(
        ctx,
        env,
        {
          model: params.model,
          X: pickRows(X, trainRows),
          y: pickTarget(y, trainRows),
          params: modelParams,
          seed: params.seed,
          target: data.target,
          predict: pickRows(X, testRows),
        },
        {
          streamHistory: false,
          signal,
          onProgress: (fraction) => {
            progress[f] = fraction;
            ctx.progress(progress.reduce((a, b) => a + b, 0) / params.n_splits, `fold ${f + 1} of ${params.n_splits}`);
          },
        },
      );
      return { scores: foldScores(testY, result.predicted!, params.seed), train_rows: trainRows.length, test_rows: testRows.length };
    };
    const results = await Promise.all(
      Array.from({ length: params.n_splits }, (_, f) =>
        runFold(f).catch((e: unknown) => {
          stop.abort();
          throw e;
        }),
      ),
    );

    const names = y.task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
    const output: CrossValidation = {
      model: params.model,
      task: y.task,
      n_splits: params.n_splits,
      n: X.nRows,
      metrics: Object.fromEntries(names.map((name) => [name, summarize(results.map((r) => r.scores[name]))])),
      folds: results.map((r, f) => ({ fold: f + 1, train_rows: r.train_rows, test_rows: r.test_rows })),
    };
    return { metrics: output };
  },
});
