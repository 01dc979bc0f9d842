// monitor.estimate_performance: chunks the reference and current rows, then predicts and estimates in a worker
// (CBPE / DLE in ml/performance-estimation), written as SPEC §4 JSON with chunk labels and alerts.
import { estimatePerformance as declaration } from '../../../shared/catalog/monitor/estimate_performance.js';
import { invalidInput } from '../../../shared/errors.js';
import type { ColumnInfo, Frame, TableRef } from '../../data/types.js';
import type { NodeRunContext } from '../../engine/types.js';
import { taskModule } from '../../engine/workers.js';
import { loadModelFile, type PlumbModelFile } from '../../ml/model-file.js';
import { CBPE_METRICS, DLE_METRICS, type EstimationResult, type MetricValues, type Threshold } from '../../ml/performance-estimation/index.js';
import type { FeatureMatrix } from '../../ml/types.js';
import { findColumn } from '../../data/expression/columns.js';
import { resolveColumn } from '../data/table-columns.js';
import { implementNode, type NodeEnv } from '../env.js';
import { checkModelColumns, frameColumn, modelFeatures, modelTarget, pickRows, rowsWhere, unseenLevelsWarning } from '../inputs/ml-frame.js';
import { buffersOf, tableFrom } from '../inputs/model-data.js';
import type * as estimateTasks from './estimate-task.js';
import { batchesByColumn, batchesByPosition } from './performance.js';

const estimateTask = taskModule<typeof estimateTasks>(new URL('./estimate-task.ts', import.meta.url)).task('estimatePerformanceRows');

export interface EstimatedChunk {
  chunk: string | number;
  n: number;
  estimated: MetricValues;
  lower: MetricValues;
  upper: MetricValues;
  realized?: MetricValues;
  n_labelled?: number;
  alert: boolean;
  alerts: string[];
  sampling_error: MetricValues;
}

export interface EstimatedPerformance {
  method: 'cbpe' | 'dle';
  metrics: string[];
  /** true when any chunk's estimate left the reference thresholds */
  alert: boolean;
  calibrated?: boolean;
  thresholds: Record<string, Threshold>;
  chunks: EstimatedChunk[];
  reference_chunks: MetricValues[];
}

interface ReadRows {
  X: FeatureMatrix;
  codes: Int32Array | null;
  y: Float64Array | null;
  chunkOf: Int32Array;
  labels: (string | number)[];
}

/** A table's model features, its labels where present (−1 / NaN where missing) and its chunks. */
async function readChunked(
  ctx: NodeRunContext,
  env: NodeEnv,
  table: TableRef,
  file: PlumbModelFile,
  port: string,
  batch: ColumnInfo | null,
  chunkSize: number | null,
  needLabels: boolean,
): Promise<ReadRows> {
  const columns = await env.data.columns(table);
  const target = file.target === null ? null : (findColumn(columns, file.target)?.name ?? null);
  if (needLabels && target === null) throw invalidInput(`'${port}' needs the target column '${file.target ?? '(the model names none)'}' with labels`);
  const names = [...new Set([...file.features, ...(target ? [target] : []), ...(batch ? [batch.name] : [])])];
  checkModelColumns(columns, names, `the column${names.length === 1 ? '' : 's'} of '${port}'`);
  const frame: Frame = await env.data.toFrame(table, names);
  const { X: all, unseen } = modelFeatures(frame, file);
  const warning = unseenLevelsWarning(unseen);
  if (warning) ctx.warn(`${port}: ${warning}`);
  const labelled = target ? modelTarget(frameColumn(frame, target), file) : null;
  if (labelled?.unknown.size) {
    throw invalidInput(`'${port}' has classes the model does not know: ${[...labelled.unknown.keys()].map((c) => `'${c}'`).join(', ')}`);
  }
  const hasLabel = new Uint8Array(frame.nrows);
  labelled?.keep.forEach((row) => (hasLabel[row] = 1));
  const batchColumn = batch ? frameColumn(frame, batch.name) : null;
  const batchMissing = (row: number) =>
    batchColumn !== null && (batchColumn.kind === 'numeric' ? Number.isNaN(batchColumn.values[row]) : batchColumn.codes[row] < 0);
  const keep = rowsWhere(frame.nrows, (row) => !batchMissing(row) && (!needLabels || hasLabel[row] === 1));
  const dropped = frame.nrows - keep.length;
  if (dropped) ctx.warn(`${port}: ${dropped} row${dropped === 1 ? '' : 's'} without a ${needLabels ? 'label' : ''}${needLabels && batch ? ' or ' : ''}${batch ? `'${batch.name}'` : ''} left out`);
  if (keep.length === 0) throw invalidInput(`'${port}' has no rows to use`);
  let codes: Int32Array | null = null;
  let y: Float64Array | null = null;
  if (labelled) {
    const at = new Int32Array(frame.nrows).fill(-1);
    labelled.keep.forEach((row, r) => (at[row] = r));
    if (labelled.y.task === 'classification') {
      const source = labelled.y.codes;
      codes = Int32Array.from(keep, (row) => (at[row] < 0 ? -1 : source[at[row]]));
    } else {
      const source = labelled.y.values;
      y = Float64Array.from(keep, (row) => (at[row] < 0 ? NaN : source[at[row]]));
    }
  }
  const { batchOf, labels } = batch ? batchesByColumn(frame, batch, keep) : batchesByPosition(keep.length, chunkSize);
  return { X: pickRows(all, keep), codes, y, chunkOf: batchOf, labels };
}

export const estimatePerformanceNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    const classification = file.task === 'classification';
    const allowed: readonly string[] = classification ? CBPE_METRICS : DLE_METRICS;
    const metrics = params.metrics.length ? [...new Set(params.metrics)] : allowed.slice();
    const wrong = metrics.filter((m) => !allowed.includes(m));
    if (wrong.length) {
      throw invalidInput(`${wrong.join(', ')} cannot be estimated for a ${file.task} model; choose from ${allowed.join(', ')}`, { param: 'metrics' });
    }
    if (file.task === 'classification' && file.classes.length < 2) throw invalidInput('the model has a single class');
    const referenceTable = tableFrom(inputs, 'reference');
    const currentTable = tableFrom(inputs, 'current');
    const batch = params.batch_column === null ? null : resolveColumn(await env.data.columns(currentTable), params.batch_column, 'batch_column');
    const refBatch = batch ? (findColumn(await env.data.columns(referenceTable), batch.name) ?? null) : null;
    const reference = await readChunked(ctx, env, referenceTable, file, 'reference', refBatch, params.chunk_size, true);
    const current = await readChunked(ctx, env, currentTable, file, 'current', batch, params.chunk_size, false);
    const result: EstimationResult = await env.workers.run(
      estimateTask,
      {
        file,
        metrics,
        seed: params.seed,
        reference: { X: reference.X, codes: reference.codes, y: reference.y, chunkOf: reference.chunkOf, nChunks: reference.labels.length },
        current: { X: current.X, codes: current.codes, y: current.y, chunkOf: current.chunkOf, nChunks: current.labels.length },
      },
      { signal: ctx.signal, onProgress: (f, m) => ctx.progress(f, m), transfer: buffersOf(reference.X, current.X) },
    );
    const chunks: EstimatedChunk[] = result.chunks.map((c, k) => {
      // SPEC §4 key order: chunk, n, estimated, lower, upper, realized?, alert
      const realized = c.realized ? { realized: c.realized, n_labelled: c.n_labelled } : {};
      return { chunk: current.labels[k], n: c.n, estimated: c.estimated, lower: c.lower, upper: c.upper, ...realized, alert: c.alerts.length > 0, alerts: c.alerts, sampling_error: c.sampling_error };
    });
    const metricsOut: EstimatedPerformance = {
      method: result.method,
      metrics: result.metrics,
      alert: chunks.some((c) => c.alert),
      ...(result.calibrated === undefined ? {} : { calibrated: result.calibrated }),
      thresholds: result.thresholds,
      chunks,
      reference_chunks: result.reference_chunks,
    };
    return { metrics: metricsOut };
  },
});
