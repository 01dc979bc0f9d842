// monitor.estimate_performance: a model's performance on unlabelled rows, estimated per chunk (NannyML's CBPE for
// classifiers, DLE for regressors), with sampling-error bands and alert thresholds from the reference.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const ESTIMATED_METRICS = ['roc_auc', 'f1', 'precision', 'recall', 'accuracy', 'mae', 'rmse'] as const;

export const estimatePerformance = defineNode({
  type: 'monitor.estimate_performance',
  version: 1,
  group: 'monitor',
  title: 'Estimate performance',
  docs:
    'Estimates how well the model does on the current rows before their labels arrive. Classifiers use confidence-' +
    'based performance estimation (CBPE, as NannyML): the scores are calibrated on the labelled reference with ' +
    'isotonic regression when that lowers the calibration error, and each chunk\'s expected confusion matrix gives ' +
    'accuracy, precision, recall, F1 (one-vs-rest macro for multiclass) and ROC AUC. Regressors use direct loss ' +
    'estimation (DLE): gradient-boosting models of the absolute and squared error, trained on the reference\'s features ' +
    'and predictions, give MAE and RMSE. Each chunk gets a band of ± 3 sampling errors and an alert when its estimate ' +
    'leaves the reference chunks\' mean ± 3 std; chunks of the current rows that have labels also show realized ' +
    'values. Chunks are the values of `batch_column` (sorted), or runs of `chunk_size` rows, or 10 equal parts; the ' +
    'reference is chunked the same way. Valid while only the inputs shift (the label given the features stays the same).',
  inputs: {
    model: { type: 'model', docs: 'The model to estimate.' },
    reference: { type: 'table', docs: 'Labelled rows where the model is known to perform well, e.g. the test split.' },
    current: { type: 'table', docs: 'Rows to estimate on; the target column is optional (realized values where present).' },
  },
  outputs: {
    metrics: {
      type: 'metrics',
      docs: '{ method: cbpe|dle, metrics, alert, thresholds, chunks: [{ chunk, n, estimated, lower, upper, realized?, alert, alerts, sampling_error }] }',
    },
  },
  params: z.object({
    batch_column: z.string().min(1).nullable().default(null).describe('Column whose values define the chunks, e.g. a week.'),
    chunk_size: z.number().int().min(1).nullable().default(null).describe('Rows per chunk when there is no batch column.'),
    metrics: z.array(z.enum(ESTIMATED_METRICS)).default([]).describe('Metrics to estimate; empty means all for the task (classification: roc_auc, f1, precision, recall, accuracy; regression: mae, rmse).'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the error models (DLE).'),
  }),
  ui: { batch_column: { widget: 'column', port: 'current' } },
  heavy: true,
});
