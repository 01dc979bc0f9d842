// monitor.anomaly: the feature columns read as numbers, an Isolation Forest fitted and scored in a worker, and
// the two new columns joined back to the input rows by position.
import { anomaly as declaration } from '../../../shared/catalog/monitor/anomaly.js';
import { invalidInput } from '../../../shared/errors.js';
import { contaminationOffset } from '../../ml/anomaly/index.js';
import { columnKind } from '../../data/expression/columns.js';
import { quoteIdent } from '../../data/sql-text.js';
import type { ColumnInfo, FrameColumn, TableRef } from '../../data/types.js';
import { resolveColumns } from '../data/table-columns.js';
import { implementNode, type NodeEnv } from '../env.js';
import { shardRange } from '../row-shard.js';
import { tableFrom } from '../inputs/model-data.js';
import type { AnomalyPayload } from './monitor-tasks.js';
import { monitorTasks } from './worker-tasks.js';

const ADDED = ['anomaly_score', 'is_anomaly'];

/** The listed columns, or every numeric, date and boolean column. */
export function anomalyFeatures(columns: readonly ColumnInfo[], listed: readonly string[]): string[] {
  if (listed.length) return resolveColumns(columns, listed, 'features').map((c) => c.name);
  const chosen = columns.filter((c) => {
    const kind = columnKind(c.type);
    return (kind === 'number' || kind === 'temporal' || kind === 'boolean') && !ADDED.includes(c.name.toLowerCase());
  });
  if (chosen.length === 0) throw invalidInput('the table has no numeric, date or boolean column: list the columns to use in `features`', { param: 'features' });
  return chosen.map((c) => c.name);
}

/** Numbers as they are; categories and booleans as their codes (NaN = missing). */
function asNumbers(column: FrameColumn): Float64Array {
  if (column.kind === 'numeric') return column.values;
  return Float64Array.from(column.codes, (c) => (c < 0 ? Number.NaN : c));
}

export const anomalyNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const table = tableFrom(inputs, 'table');
    const columns = await env.data.columns(table);
    const features = anomalyFeatures(columns, params.features);
    const frame = await env.data.toFrame(table, features);
    if (frame.nrows === 0) throw invalidInput('the table has no rows to score');
    const numeric = frame.columns.map(asNumbers);
    // A `--shard` step fits the forest on every row, as the whole run does, and scores only its range.
    const window = env.rowShard ? shardRange(frame.nrows, env.rowShard) : undefined;
    const payload: AnomalyPayload = {
      columns: numeric,
      nRows: frame.nrows,
      params: { nEstimators: params.n_estimators, maxSamples: params.max_samples, contamination: params.contamination, seed: params.seed },
      ...(window ? { window } : {}),
    };
    const result = await env.workers.run(monitorTasks.anomaly, payload, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      transfer: [...new Set(numeric.map((c) => c.buffer as ArrayBuffer))],
    });
    const added = await env.data.fromFrame(
      {
        nrows: result.score.length,
        columns: [
          { name: 'anomaly_score', kind: 'numeric', values: result.score },
          { name: 'is_anomaly', kind: 'boolean', codes: result.flag, levels: ['false', 'true'] },
        ],
      },
      `${ctx.nodeId}_anomaly`,
    );
    const replaced = columns.filter((c) => ADDED.includes(c.name.toLowerCase())).map((c) => c.name);
    if (replaced.length) ctx.warn(`input column${replaced.length === 1 ? '' : 's'} ${replaced.map((c) => `'${c}'`).join(', ')} replaced`);
    const kept = replaced.length ? `input.* EXCLUDE (${replaced.map(quoteIdent).join(', ')})` : 'input.*';
    const rows = window ? `(SELECT * FROM ${quoteIdent(table.table)} LIMIT ${window[1] - window[0]} OFFSET ${window[0]})` : quoteIdent(table.table);
    const out = await env.data.createTable(
      `SELECT ${kept}, added.* FROM ${rows} AS input POSITIONAL JOIN ${quoteIdent(added.table)} AS added`,
      ctx.nodeId,
    );
    await env.data.exec(`DROP TABLE ${quoteIdent(added.table)}`);
    return { table: out };
  },
});

/**
 * The reduce step of `--shard` runs with a contamination share: the concatenated shards' `is_anomaly` set from the
 * percentile of every row's score, as the whole run's fit sets its offset (score_samples = −anomaly_score, exactly).
 */
export async function flagContaminatedShare(env: NodeEnv, table: TableRef, contamination: 'auto' | number, nodeId: string): Promise<TableRef> {
  if (contamination === 'auto') return table;
  const frame = await env.data.toFrame(table, ['anomaly_score']);
  const score = frame.columns[0];
  if (score?.kind !== 'numeric') throw invalidInput('the shards have no numeric anomaly_score column', { node: nodeId });
  const samples = score.values.map((v) => -v);
  const offset = contaminationOffset(samples, contamination);
  const flags = await env.data.fromFrame(
    { nrows: frame.nrows, columns: [{ name: 'is_anomaly', kind: 'boolean', codes: Int32Array.from(samples, (s) => (s < offset ? 1 : 0)), levels: ['false', 'true'] }] },
    `${nodeId}_flags`,
  );
  const out = await env.data.createTable(
    `SELECT shards.* EXCLUDE (is_anomaly), flags.is_anomaly FROM ${quoteIdent(table.table)} AS shards POSITIONAL JOIN ${quoteIdent(flags.table)} AS flags`,
    nodeId,
  );
  await env.data.exec(`DROP TABLE ${quoteIdent(flags.table)}`);
  return out;
}
