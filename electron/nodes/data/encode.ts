// data.encode: levels are found (sorted) or given, then one SELECT writes one-hot 0/1 columns or ordinal codes.
// Values are compared through their text form (CAST AS VARCHAR), so no column type is ever spliced into SQL.
import { encode as declaration } from '../../../shared/catalog/data/encode.js';
import { invalidInput } from '../../../shared/errors.js';
import { quoteIdent, quoteLiteral } from '../../data/sql-text.js';
import type { ColumnInfo, DataSession, TableRef } from '../../data/types.js';
import { implementNode } from '../env.js';
import { withStep } from './table-chain.js';
import { castableType, checkUniqueNames, kindOf, resolveColumn, resolveColumns, tableInput } from './table-columns.js';

type Level = string | number | boolean;

/** How one column is encoded: its levels as DuckDB prints them, in code order. */
export interface ColumnEncoding {
  column: string;
  levels: string[];
  /** One-hot output column names (levels left out by `drop` have none). */
  outputs: { level: string; name: string }[];
}

export const encodeNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const table = tableInput(inputs);
    const columns = await env.data.columns(table);
    const excluded = new Set(resolveColumns(columns, params.exclude, 'exclude'));
    const chosen = (
      params.columns.length
        ? resolveColumns(columns, params.columns, 'columns')
        : columns.filter((c) => kindOf(c) === 'text' || kindOf(c) === 'boolean')
    ).filter((c) => !excluded.has(c));
    for (const name of Object.keys(params.categories)) {
      const column = resolveColumn(columns, name, 'categories');
      if (!chosen.includes(column)) throw invalidInput(`categories are given for '${column.name}', which is not encoded`, { param: 'categories' });
    }
    if (chosen.length === 0) ctx.warn('no columns to encode');

    const encodings = new Map<string, ColumnEncoding>();
    for (const column of chosen) {
      ctx.throwIfCancelled();
      const given = Object.entries(params.categories).find(([name]) => resolveColumn(columns, name, 'categories') === column)?.[1];
      const levels = given
        ? await givenLevels(env.data, table, column, given, params.handle_unknown)
        : await dataLevels(env.data, table, column, params.max_levels);
      if (levels.length === 0) ctx.warn(`column '${column.name}' has only missing values`);
      const dropFirst = params.drop === 'first' || (params.drop === 'if_binary' && levels.length === 2);
      const kept = params.method === 'onehot' && dropFirst ? levels.slice(1) : levels;
      encodings.set(column.name, {
        column: column.name,
        levels,
        outputs: params.method === 'onehot' ? kept.map((level) => ({ level, name: `${column.name}=${level}` })) : [],
      });
    }

    const select: string[] = [];
    const names: string[] = [];
    for (const column of columns) {
      const encoding = encodings.get(column.name);
      const id = quoteIdent(column.name);
      if (!encoding) {
        select.push(id);
        names.push(column.name);
      } else if (params.method === 'onehot') {
        for (const { level, name } of encoding.outputs) {
          select.push(`CAST(CASE WHEN CAST(${id} AS VARCHAR) = ${quoteLiteral(level)} THEN 1 ELSE 0 END AS INTEGER) AS ${quoteIdent(name)}`);
          names.push(name);
        }
      } else {
        const cases = encoding.levels.map((level, code) => `WHEN ${quoteLiteral(level)} THEN ${code}`).join(' ');
        select.push(encoding.levels.length ? `CAST(CASE CAST(${id} AS VARCHAR) ${cases} END AS INTEGER) AS ${id}` : `CAST(NULL AS INTEGER) AS ${id}`);
        names.push(column.name);
      }
    }
    if (select.length === 0) throw invalidInput('encoding leaves no columns', { param: 'drop' });
    checkUniqueNames(names, 'columns');
    const out = await env.data.createTable(`SELECT ${select.join(', ')} FROM ${quoteIdent(table.table)}`, ctx.nodeId);
    const step = { kind: 'encode' as const, node: ctx.nodeId, method: params.method, columns: [...encodings.values()], output: await env.data.columns(out) };
    return { table: withStep(inputs.table, columns, step, out) };
  },
});

/** The column's distinct values, sorted by value (numbers numerically, text by code point), as text. */
async function dataLevels(data: DataSession, table: TableRef, column: ColumnInfo, maxLevels: number): Promise<string[]> {
  const id = quoteIdent(column.name);
  const rows = await data.all(
    `SELECT CAST(${id} AS VARCHAR) AS v FROM ${quoteIdent(table.table)} WHERE ${id} IS NOT NULL ` +
      `GROUP BY ${id} ORDER BY ${id} LIMIT ${maxLevels + 1}`,
  );
  if (rows.length > maxLevels) {
    throw invalidInput(
      `column '${column.name}' has more than ${maxLevels} distinct values; exclude it (an ID?) or raise max_levels`,
      { param: 'max_levels' },
    );
  }
  return rows.map((r) => String(r.v));
}

/** Levels from `categories`, in their text form as DuckDB prints the column's values; checks unknown values. */
async function givenLevels(
  data: DataSession,
  table: TableRef,
  column: ColumnInfo,
  given: readonly Level[],
  handleUnknown: 'error' | 'ignore',
): Promise<string[]> {
  const levels: string[] = [];
  const type = castableType(column.type);
  for (const level of given) {
    let text = String(level);
    if (kindOf(column) !== 'text' && type) {
      // '1' for a DOUBLE column prints as '1.0': read the level as the column's type, then print it.
      const [row] = await data.all(`SELECT CAST(TRY_CAST(CAST($1 AS VARCHAR) AS ${type}) AS VARCHAR) AS v`, [text]);
      if (row.v === null) throw invalidInput(`level ${JSON.stringify(level)} is not a ${column.type} value for column '${column.name}'`, { param: 'categories' });
      text = String(row.v);
    }
    if (levels.includes(text)) throw invalidInput(`level ${JSON.stringify(level)} is listed twice for column '${column.name}'`, { param: 'categories' });
    levels.push(text);
  }
  if (handleUnknown === 'error') {
    const id = quoteIdent(column.name);
    const unknown = await data.all(
      `SELECT DISTINCT CAST(${id} AS VARCHAR) AS v FROM ${quoteIdent(table.table)} WHERE ${id} IS NOT NULL ` +
        `AND CAST(${id} AS VARCHAR) NOT IN (${levels.map(quoteLiteral).join(', ')}) ORDER BY v LIMIT 5`,
    );
    if (unknown.length) {
      throw invalidInput(
        `column '${column.name}' has values not in categories: ${unknown.map((r) => JSON.stringify(r.v)).join(', ')} ` +
          `(set handle_unknown: ignore to encode them as unknown)`,
        { param: 'categories' },
      );
    }
  }
  return levels;
}
