// monitor.performance: a model's metric per batch of rows, flagged where it fell too far below a reference.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { METRIC_DOCS, MONITOR_METRICS } from './metrics.js';

export const modelPerformance = defineNode({
  type: 'monitor.performance',
  version: 1,
  group: 'monitor',
  title: 'Model performance',
  docs:
    'Scores the model on labelled rows batch by batch: one batch per value of `batch_column` (in sorted order), or ' +
    'consecutive batches of `batch_size` rows, or 10 equal batches when neither is set. A batch is degraded when its ' +
    'metric is worse than the reference by more than `max_drop` (`drop: absolute` in metric units, `relative` as a ' +
    'share of the reference); the reference is `reference_value` or, when empty, the metric on the first batch. Also ' +
    'reports the latency of predicting one row (p50/p95/p99 over up to 200 rows). Rows with a missing target or batch ' +
    `are left out. ${METRIC_DOCS}`,
  inputs: {
    model: { type: 'model', docs: 'The model to monitor.' },
    data: { type: 'table', docs: 'Labelled rows: the model\'s features, its target and the batch column.' },
  },
  outputs: { metrics: { type: 'metrics', docs: '{ metric, reference, batches: [{ batch, n, value, degraded }], degraded } plus latency.' } },
  params: z.object({
    batch_column: z.string().min(1).nullable().default(null).describe('Column whose values define the batches, e.g. a week or a date.'),
    batch_size: z.number().int().min(1).nullable().default(null).describe('Rows per batch when there is no batch column.'),
    metric: z.enum(MONITOR_METRICS).default('auto').describe('The metric to track.'),
    max_drop: z.number().min(0).default(0.1).describe('Largest drop from the reference that is not degradation.'),
    drop: z.enum(['relative', 'absolute']).default('relative').describe('relative: max_drop is a share of the reference; absolute: metric units.'),
    reference_value: z.number().nullable().default(null).describe('The expected metric; empty means the metric on the first batch.'),
  }),
  ui: { batch_column: { widget: 'column', port: 'data' } },
  heavy: true,
});
