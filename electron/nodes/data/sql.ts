// data.sql: the query runs in a sandbox (no file access, bounded memory and time) with the connected inputs
// visible as t1, t2, t3; cancelling the node interrupts it.
import { sql } from '../../../shared/catalog/data/sql.js';
import { cancelledError, invalidInput, isPlumbError, toPlumbError } from '../../../shared/errors.js';
import type { TableRef } from '../../data/types.js';
import { quoteIdent } from '../../data/sql-text.js';
import { implementNode } from '../env.js';
import { castableType } from './table-columns.js';

const PORTS = ['t1', 't2', 't3'] as const;
/** A query over empty tables answers at once; this only stops a pathological one. */
const SCHEMA_TIME_LIMIT_S = 5;

export const sqlImplementation = implementNode({
  declaration: sql,
  implVersion: 1,
  // DuckDB types the query over empty tables shaped like the inputs, in the same sandbox as a run.
  async schema(params, inputs, env) {
    const made: TableRef[] = [];
    try {
      const tables: Record<string, TableRef> = {};
      for (const port of PORTS) {
        const input = inputs[port];
        if (!input) continue;
        if (input.partial) return {};
        const columns = input.columns.map((c) => {
          const type = castableType(c.type);
          if (!type) throw invalidInput(`column '${c.name}' has a type the schema cannot rebuild: ${c.type}`);
          return `CAST(NULL AS ${type}) AS ${quoteIdent(c.name)}`;
        });
        tables[port] = await env.data.createTable(`SELECT ${columns.join(', ') || '1 AS __plumb_empty'} WHERE false`, 'schema');
        made.push(tables[port]);
      }
      if (!tables.t1) return {};
      const result = await env.data.query(params.query, tables, 'schema', { memoryLimit: params.memory_limit, timeLimitS: SCHEMA_TIME_LIMIT_S });
      made.push(result);
      return { table: { columns: await env.data.columns(result) } };
    } finally {
      for (const table of made) await env.data.exec(`DROP TABLE IF EXISTS ${quoteIdent(table.table)}`);
    }
  },
  async run(ctx, inputs, params, env) {
    const tables: Record<string, TableRef> = {};
    for (const port of PORTS) {
      const value = inputs[port];
      if (value !== undefined && value !== null) tables[port] = value as TableRef;
    }
    try {
      if (!tables.t1) throw invalidInput('input t1 is not connected', { param: 't1' });
      const table = await env.data.query(params.query, tables, ctx.nodeId, {
        memoryLimit: params.memory_limit,
        timeLimitS: params.time_limit_s,
        signal: ctx.signal,
      });
      return { table };
    } catch (e) {
      if (isPlumbError(e) && e.kind === 'cancelled') throw cancelledError({ node: ctx.nodeId });
      throw toPlumbError(e, { node: ctx.nodeId, param: 'query' });
    }
  },
});
