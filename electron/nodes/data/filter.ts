// data.filter: the expression is parsed and checked against the table's columns, then runs as a WHERE clause.
import { filter as declaration } from '../../../shared/catalog/data/filter.js';
import { invalidInput } from '../../../shared/errors.js';
import { ExpressionError } from '../../data/expression/ast.js';
import { compileFilter } from '../../data/expression/to-sql.js';
import { quoteIdent } from '../../data/sql-text.js';
import { implementNode } from '../env.js';
import { carryChain } from './table-chain.js';
import { tableInput } from './table-columns.js';

export const filterNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const table = tableInput(inputs);
    const columns = await env.data.columns(table);
    let where: string;
    try {
      where = compileFilter(params.expression, columns).sql;
    } catch (e) {
      if (e instanceof ExpressionError) {
        throw invalidInput(`expression: ${e.message}`, { param: 'expression' }, e.pointAt(params.expression));
      }
      throw e;
    }
    const out = await env.data.createTable(`SELECT * FROM ${quoteIdent(table.table)} WHERE ${where}`, ctx.nodeId);
    if ((await env.data.rowCount(out)) === 0) ctx.warn('no rows match the expression');
    return { table: carryChain(inputs.table, out) };
  },
});
