// data.select: one SELECT of the kept columns, in order, with new names.
import { select as declaration } from '../../../shared/catalog/data/select.js';
import { invalidInput } from '../../../shared/errors.js';
import { quoteIdent } from '../../data/sql-text.js';
import { implementNode } from '../env.js';
import { checkUniqueNames, resolveColumn, resolveColumns, tableInput } from './table-columns.js';
import { withStep } from './table-chain.js';

export const selectNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const table = tableInput(inputs);
    const columns = await env.data.columns(table);
    const kept = params.columns.length ? resolveColumns(columns, params.columns, 'columns') : [...columns];
    const dropped = new Set(resolveColumns(columns, params.drop, 'drop'));
    const out = kept.filter((c) => !dropped.has(c));
    if (out.length === 0) throw invalidInput('no columns are left', { param: params.drop.length ? 'drop' : 'columns' });

    const newNames = new Map<string, string>();
    for (const [from, to] of Object.entries(params.rename)) {
      const column = resolveColumn(columns, from, 'rename');
      if (!out.includes(column)) throw invalidInput(`column '${column.name}' is renamed but not kept`, { param: 'rename' });
      newNames.set(column.name, to);
    }
    const names = out.map((c) => newNames.get(c.name) ?? c.name);
    checkUniqueNames(names, newNames.size ? 'rename' : 'columns');

    const list = out.map((c, i) => `${quoteIdent(c.name)} AS ${quoteIdent(names[i])}`).join(', ');
    const result = await env.data.createTable(`SELECT ${list} FROM ${quoteIdent(table.table)}`, ctx.nodeId);
    const step = { kind: 'select' as const, node: ctx.nodeId, columns: out.map((c, i) => ({ from: c.name, to: names[i] })), output: await env.data.columns(result) };
    return { table: withStep(inputs.table, columns, step, result) };
  },
});
