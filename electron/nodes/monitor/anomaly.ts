// monitor.anomaly: the feature columns read as numbers, an Isolation Forest fitted and scored in a worker, and
// the two new columns joined back to the input rows by position.
import { anomaly as declaration } from '../../../shared/catalog/monitor/anomaly.js';
import { invalidInput } from '../../../shared/errors.js';
import { columnKind } from '../../data/expression/columns.js';
import { quoteIdent } from '../../data/sql-text.js';
import type { ColumnInfo, FrameColumn } from '../../data/types.js';
import { resolveColumns } from '../data/table-columns.js';
import { implementNode } from '../env.js';
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
    const payload: AnomalyPayload = {
      columns: numeric,
      nRows: frame.nrows,
      params: { nEstimators: params.n_estimators, maxSamples: params.max_samples, contamination: params.contamination, seed: params.seed },
    };
    const result = await env.workers.run(monitorTasks.anomaly, payload, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      transfer: [...new Set(numeric.map((c) => c.buffer as ArrayBuffer))],
    });
    const added = await env.data.fromFrame(
      {
        nrows: frame.nrows,
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
    const out = await env.data.createTable(
      `SELECT ${kept}, added.* FROM ${quoteIdent(table.table)} AS input POSITIONAL JOIN ${quoteIdent(added.table)} AS added`,
      ctx.nodeId,
    );
    await env.data.exec(`DROP TABLE ${quoteIdent(added.table)}`);
    return { table: out };
  },
});
