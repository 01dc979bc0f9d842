// data.sql: the query runs in a sandbox (no file access, bounded memory and time) with the connected inputs
// visible as t1, t2, t3; cancelling the node interrupts it.
import { sql } from '../../../shared/catalog/data/sql.js';
import { cancelledError, invalidInput, isPlumbError, toPlumbError } from '../../../shared/errors.js';
import type { TableRef } from '../../data/types.js';
import { implementNode } from '../env.js';

const PORTS = ['t1', 't2', 't3'] as const;

export const sqlImplementation = implementNode({
  declaration: sql,
  implVersion: 1,
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
