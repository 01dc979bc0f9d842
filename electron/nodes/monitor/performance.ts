// monitor.performance: a model's metric per batch of labelled rows (SPEC §6), degraded batches flagged against a
// reference value, and the latency of one-row predictions; prediction and scoring run in a worker.
import { modelPerformance as declaration } from '../../../shared/catalog/monitor/performance.js';
import { invalidInput } from '../../../shared/errors.js';
import type { ColumnInfo, Frame, FrameColumn } from '../../data/types.js';
import { higherIsBetter, type AbMetric } from '../../ml/ab-test/index.js';
import { loadModelFile } from '../../ml/model-file.js';
import { resolveColumn } from '../data/table-columns.js';
import { implementNode } from '../env.js';
import { buffersOf, tableFrom } from '../inputs/model-data.js';
import { frameColumn, numberLabel } from '../inputs/ml-frame.js';
import { readLabelledRows } from './labelled-rows.js';
import type { BatchPayload, BatchResult } from './monitor-tasks.js';
import { monitorTasks } from './worker-tasks.js';

export const DEFAULT_BATCHES = 10;
const LATENCY_ROWS = 200;

export interface PerformanceMetrics {
  metric: AbMetric;
  reference: number | null;
  batches: { batch: string | number; n: number; value: number | null; degraded: boolean }[];
  degraded: boolean;
  higher_is_better: boolean;
  max_drop: number;
  drop: 'relative' | 'absolute';
  latency_ms: BatchResult['latencyMs'];
}

/** A batch value as users see it: dates and timestamps (epoch seconds in a frame) as ISO text. */
function labelOf(column: FrameColumn, info: ColumnInfo, key: number): string | number {
  if (column.kind !== 'numeric') return column.levels[key];
  if (/^DATE$/i.test(info.type)) return new Date(key * 1000).toISOString().slice(0, 10);
  if (/^TIMESTAMP/i.test(info.type)) return new Date(key * 1000).toISOString();
  return Number(numberLabel(key));
}

function keyOf(column: FrameColumn, row: number): number | null {
  if (column.kind === 'numeric') return Number.isNaN(column.values[row]) ? null : column.values[row];
  return column.codes[row] < 0 ? null : column.codes[row];
}

/** Batch index per kept row and the batch labels, in sorted order of the batch values. */
export function batchesByColumn(frame: Frame, info: ColumnInfo, keep: Int32Array): { batchOf: Int32Array; labels: (string | number)[] } {
  const column = frameColumn(frame, info.name);
  const keys = Array.from(keep, (row) => keyOf(column, row) as number);
  // level codes follow sorted level order, numbers sort numerically: both sort as numbers
  const distinct = [...new Set(keys)].sort((a, b) => a - b);
  const index = new Map(distinct.map((k, i) => [k, i]));
  return { batchOf: Int32Array.from(keys, (k) => index.get(k) as number), labels: distinct.map((k) => labelOf(column, info, k)) };
}

/** Consecutive batches of `size` rows, or `DEFAULT_BATCHES` near-equal batches; labelled 1, 2, … */
export function batchesByPosition(n: number, size: number | null): { batchOf: Int32Array; labels: number[] } {
  const batchOf = Int32Array.from({ length: n }, (_, i) => (size ? Math.floor(i / size) : Math.floor((i * DEFAULT_BATCHES) / n)));
  const count = n === 0 ? 0 : batchOf[n - 1] + 1;
  return { batchOf, labels: Array.from({ length: count }, (_, b) => b + 1) };
}

/** How much worse `value` is than `reference` (positive = worse), in metric units or as a share. */
export function dropFrom(reference: number, value: number, higher: boolean, kind: 'relative' | 'absolute'): number {
  const drop = higher ? reference - value : value - reference;
  if (kind === 'absolute') return drop;
  if (reference === 0) return drop > 0 ? Number.POSITIVE_INFINITY : 0;
  return drop / Math.abs(reference);
}

export const performanceNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    const data = tableFrom(inputs, 'data');
    const metric: AbMetric = params.metric === 'auto' ? (file.task === 'classification' ? 'accuracy' : 'rmse') : params.metric;
    const batchInfo = params.batch_column === null ? null : resolveColumn(await env.data.columns(data), params.batch_column, 'batch_column');
    let missingBatch = 0;
    const rows = await readLabelledRows(ctx, env, data, [file], batchInfo ? [batchInfo.name] : [], (frame, row) => {
      if (!batchInfo || keyOf(frameColumn(frame, batchInfo.name), row) !== null) return false;
      missingBatch++;
      return true;
    });
    if (missingBatch) ctx.warn(`${missingBatch} row${missingBatch === 1 ? '' : 's'} with a missing '${batchInfo?.name}' left out`);
    const { batchOf, labels } = batchInfo ? batchesByColumn(rows.frame, batchInfo, rows.keep) : batchesByPosition(rows.keep.length, params.batch_size);
    const payload: BatchPayload = { file, X: rows.X[0], y: rows.y, metric, batchOf, nBatches: labels.length, latencyRows: LATENCY_ROWS };
    const result = await env.workers.run(monitorTasks.performance, payload, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      transfer: buffersOf(rows.X[0], rows.y),
    });
    const higher = higherIsBetter(metric);
    const reference = params.reference_value ?? result.values.find((v) => v !== null) ?? null;
    if (reference === null) throw invalidInput(`${metric} is undefined on every batch (e.g. roc_auc on batches with one class)`, { param: 'metric' });
    const batches = labels.map((batch, b) => {
      const value = result.values[b];
      const degraded = value !== null && dropFrom(reference, value, higher, params.drop) > params.max_drop;
      return { batch, n: result.counts[b], value, degraded };
    });
    const metrics: PerformanceMetrics = {
      metric,
      reference,
      batches,
      degraded: batches.some((b) => b.degraded),
      higher_is_better: higher,
      max_drop: params.max_drop,
      drop: params.drop,
      latency_ms: result.latencyMs,
    };
    return { metrics };
  },
});
