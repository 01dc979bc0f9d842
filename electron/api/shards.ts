// Row shards for one-step mode and the Argo export: which node types process rows independently, the contiguous
// row range of shard i of N, and the in-order concatenation of the shards' tables (the reduce step).
import { invalidInput, runtimeError } from '../../shared/errors.js';
import { quoteIdent } from '../data/sql-text.js';
import type { TableRef } from '../data/types.js';
import type { NodeEnv } from '../nodes/env.js';
import { stackTables } from '../nodes/data/stack-tables.js';

export interface Shard {
  index: number;
  count: number;
}

/**
 * Node types whose output rows depend only on their own input row (so shard outputs concatenate to the single
 * run's output), and the input port whose rows are split. explain.shap/lime are not here: they seed each row by
 * its position in the node's whole input and KernelSHAP summarizes the whole input as background, so a shard
 * would not reproduce the single run; monitor.anomaly fits its forest on all rows.
 */
const SHARDABLE: Readonly<Record<string, { port: string }>> = {
  'model.predict': { port: 'data' },
};

export const shardableTypes = (): string[] => Object.keys(SHARDABLE);

export function shardSpecOf(type: string): { port: string } | undefined {
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

/** Rows [floor(i·n/N), floor((i+1)·n/N)) — the same cut as the explain nodes' worker shares. */
export function shardRange(rows: number, shard: Shard): [number, number] {
  return [Math.floor((shard.index * rows) / shard.count), Math.floor(((shard.index + 1) * rows) / shard.count)];
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

export async function concatShardTables(env: NodeEnv, parts: unknown[], node: string): Promise<TableRef> {
  return stackTables(env, parts.map((p) => asTable(p, node)), node);
}
