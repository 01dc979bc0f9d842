// Row shards for one-step mode and the Argo export: which node types process rows independently, how a shard
// step gets its rows, and the reduce step that puts the shards' outputs back together in order.
import { invalidInput, runtimeError } from '../../shared/errors.js';
import { quoteIdent } from '../data/sql-text.js';
import type { TableRef } from '../data/types.js';
import type { NodeEnv } from '../nodes/env.js';
import { stackTables } from '../nodes/data/stack-tables.js';
import { concatLimeExplanations, concatShapExplanations } from '../nodes/explain/shard-merge.js';
import { flagContaminatedShare } from '../nodes/monitor/anomaly.js';
import { shardRange, type RowShard } from '../nodes/row-shard.js';

export type Shard = RowShard;
export { shardRange };

type Outputs = Record<string, unknown>;

interface ShardSpec {
  /**
   * `input`: the rows of `port` are cut before the node runs (its output rows depend on their input row only).
   * `node`: the node gets every row and `env.rowShard`, and computes only that range (explain nodes sample rows and
   * summarize a background from all of them, monitor.anomaly fits its forest on all of them; random draws are seeded
   * per row, so a range's results are the whole run's).
   */
  cut: { input: string } | 'node';
  /** The shards' outputs, in shard order, as the whole run's outputs. */
  reduce(env: NodeEnv, parts: readonly Outputs[], params: Readonly<Record<string, unknown>>, node: string): Promise<Outputs>;
}

const concatTables = (env: NodeEnv, parts: readonly Outputs[], port: string, node: string): Promise<TableRef> =>
  stackTables(env, parts.map((p) => asTable(p[port], node)), node);

const SHARDABLE: Readonly<Record<string, ShardSpec>> = {
  'model.predict': {
    cut: { input: 'data' },
    reduce: async (env, parts, _params, node) => ({ table: await concatTables(env, parts, 'table', node) }),
  },
  'monitor.anomaly': {
    cut: 'node',
    reduce: async (env, parts, params, node) => ({
      table: await flagContaminatedShare(env, await concatTables(env, parts, 'table', node), params.contamination as 'auto' | number, node),
    }),
  },
  'explain.shap': {
    cut: 'node',
    reduce: async (_env, parts, _params, node) => ({ explanation: concatShapExplanations(parts.map((p) => p.explanation), node) }),
  },
  'explain.lime': {
    cut: 'node',
    reduce: async (_env, parts, _params, node) => ({ explanation: concatLimeExplanations(parts.map((p) => p.explanation), node) }),
  },
};

export const shardableTypes = (): string[] => Object.keys(SHARDABLE);

export function shardSpecOf(type: string): ShardSpec | undefined {
  return SHARDABLE[type];
}

/** A shard's folder under its node's; the Argo export passes a template expression for the index. */
export const shardFolder = (index: number | string): string => `shard-${index}`;

/** `i/N` with 0 ≤ i < N. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index >= count) throw invalidInput(`--shard '${text}' is not valid: expected i/N with 0 <= i < N (e.g. 0/4)`, { param: '--shard' });
  return { index, count };
}

function asTable(value: unknown, node: string): TableRef {
  if (typeof value === 'object' && value !== null && typeof (value as TableRef).table === 'string') return value as TableRef;
  throw runtimeError('the sharded input is not a table', { node });
}

export async function shardRows(env: NodeEnv, value: unknown, shard: Shard, node: string): Promise<TableRef> {
  const table = asTable(value, node);
  const [from, to] = shardRange(await env.data.rowCount(table), shard);
  // rowid is the row's position in a table DuckDB made from one Parquet file: ORDER BY keeps the cut contiguous.
  return env.data.createTable(`SELECT * FROM ${quoteIdent(table.table)} WHERE rowid >= ${from} AND rowid < ${to} ORDER BY rowid`, `${node}_shard`);
}
