// data.impute: one aggregate query finds the fill values, one SELECT fills them in (sklearn SimpleImputer rules).
import { impute as declaration } from '../../../shared/catalog/data/impute.js';
import { invalidInput } from '../../../shared/errors.js';
import type { ColumnKind } from '../../data/expression/columns.js';
import { quoteIdent, quoteLiteral } from '../../data/sql-text.js';
import type { ColumnInfo, DataSession, TableRef } from '../../data/types.js';
import { implementNode } from '../env.js';
import { withStep } from './table-chain.js';
import {
  castableType,
  checkUniqueNames,
  doubleSql,
  kindOf,
  missingSql,
  resolveColumns,
  tableInput,
  valueSql,
} from './table-columns.js';

type Strategy = 'mean' | 'median' | 'most_frequent' | 'constant';
type FillValue = number | string | boolean | null;

/** sklearn's defaults when `fill_value` is None. */
const DEFAULT_FILL: Partial<Record<ColumnKind, number | string>> = { number: 0, text: 'missing_value' };

function fillKind(value: number | string | boolean): ColumnKind {
  return typeof value === 'number' ? 'number' : typeof value === 'string' ? 'text' : 'boolean';
}

/** Why `strategy` cannot fill this column, or undefined when it can. */
function unfit(column: ColumnInfo, strategy: Strategy, fill: FillValue): string | undefined {
  const kind = kindOf(column);
  if (strategy === 'mean' || strategy === 'median') {
    return kind === 'number' ? undefined : `${strategy} needs numbers, and '${column.name}' is ${kind} (use most_frequent or constant)`;
  }
  if (strategy === 'most_frequent') return kind === 'other' ? `'${column.name}' has type ${column.type}, which cannot be imputed` : undefined;
  if (fill === null) {
    return kind in DEFAULT_FILL ? undefined : `'${column.name}' is ${kind}: set fill_value for it`;
  }
  const wanted = fillKind(fill);
  const fits = wanted === kind || (kind === 'temporal' && wanted === 'text');
  return fits ? undefined : `fill_value ${JSON.stringify(fill)} is ${wanted === 'number' ? 'a number' : wanted}, but '${column.name}' is ${kind}`;
}

export const imputeNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const table = tableInput(inputs);
    const source = quoteIdent(table.table);
    const columns = await env.data.columns(table);
    const missing = await missingCounts(env.data, table, columns);

    let chosen: ColumnInfo[];
    if (params.columns.length) {
      chosen = resolveColumns(columns, params.columns, 'columns');
      for (const c of chosen) {
        const reason = unfit(c, params.strategy, params.fill_value);
        if (reason) throw invalidInput(reason, { param: params.strategy === 'constant' ? 'fill_value' : 'columns' });
      }
    } else {
      const withMissing = columns.filter((c) => missing.get(c.name)! > 0);
      chosen = withMissing.filter((c) => !unfit(c, params.strategy, params.fill_value));
      const skipped = withMissing.filter((c) => !chosen.includes(c));
      if (skipped.length) {
        ctx.warn(`left missing values in ${skipped.map((c) => unfit(c, params.strategy, params.fill_value)).join('; ')}`);
      }
    }

    const fills = await fillValues(env.data, table, chosen, params.strategy, params.fill_value);
    const select: string[] = [];
    for (const column of columns) {
      const fill = fills.get(column.name);
      if (fill === undefined) {
        select.push(quoteIdent(column.name));
      } else if (fill === null) {
        ctx.warn(`column '${column.name}' has no values to compute a ${params.strategy} from; it stays missing`);
        select.push(quoteIdent(column.name));
      } else {
        select.push(`coalesce(${fill.value}, ${fill.fill}) AS ${quoteIdent(column.name)}`);
      }
    }
    const indicators = params.add_indicator ? chosen.filter((c) => missing.get(c.name)! > 0) : [];
    for (const c of indicators) {
      select.push(`CAST(${missingSql(c)} AS INTEGER) AS ${quoteIdent(`${c.name}_missing`)}`);
    }
    checkUniqueNames([...columns.map((c) => c.name), ...indicators.map((c) => `${c.name}_missing`)], 'add_indicator');
    const out = await env.data.createTable(`SELECT ${select.join(', ')} FROM ${source}`, ctx.nodeId);
    const filled = [...fills].flatMap(([column, fill]) => (fill ? [{ column, value: fill.raw }] : []));
    const step = { kind: 'impute' as const, node: ctx.nodeId, fills: filled, indicators: indicators.map((c) => c.name), output: await env.data.columns(out) };
    return { table: withStep(inputs.table, columns, step, out) };
  },
});

async function missingCounts(data: DataSession, table: TableRef, columns: readonly ColumnInfo[]): Promise<Map<string, number>> {
  const parts = columns.map((c, i) => `count(*) FILTER (WHERE ${missingSql(c)}) AS m${i}`);
  const [row] = await data.all(`SELECT ${parts.join(', ')} FROM ${quoteIdent(table.table)}`);
  return new Map(columns.map((c, i) => [c.name, Number(row[`m${i}`])]));
}

/**
 * Per column: the SQL of its values (NaN read as missing, cast to DOUBLE for mean/median) and of its fill value;
 * null when the column has no values to compute one from.
 */
async function fillValues(
  data: DataSession,
  table: TableRef,
  chosen: readonly ColumnInfo[],
  strategy: Strategy,
  fillValue: FillValue,
): Promise<Map<string, { value: string; fill: string; raw: number | string | boolean } | null>> {
  const source = quoteIdent(table.table);
  const out = new Map<string, { value: string; fill: string; raw: number | string | boolean } | null>();
  if (strategy === 'mean' || strategy === 'median') {
    if (chosen.length === 0) return out;
    const aggregate = strategy === 'mean' ? 'avg' : 'median';
    const parts = chosen.map((c, i) => `${aggregate}(CAST(${valueSql(c)} AS DOUBLE)) AS f${i}`);
    const [row] = await data.all(`SELECT ${parts.join(', ')} FROM ${source}`);
    chosen.forEach((c, i) => {
      const v = row[`f${i}`];
      out.set(c.name, v === null ? null : { value: `CAST(${valueSql(c)} AS DOUBLE)`, fill: doubleSql(Number(v)), raw: Number(v) });
    });
    return out;
  }
  for (const c of chosen) {
    if (strategy === 'most_frequent') {
      // Count ties go to the smallest value, as in sklearn (scipy.stats.mode).
      const rows = await data.all(
        `SELECT CAST(${quoteIdent(c.name)} AS VARCHAR) AS v FROM ${source} WHERE NOT ${missingSql(c)} ` +
          `GROUP BY ${quoteIdent(c.name)} ORDER BY count(*) DESC, ${quoteIdent(c.name)} ASC LIMIT 1`,
      );
      out.set(c.name, rows.length ? { value: valueSql(c), fill: typedLiteral(String(rows[0].v), c), raw: typedValue(String(rows[0].v), c) } : null);
    } else {
      const fill = fillValue ?? DEFAULT_FILL[kindOf(c)]!;
      out.set(c.name, { value: valueSql(c), fill: constantSql(fill, c), raw: kindOf(c) === 'number' && typeof fill === 'string' ? Number(fill) : fill });
    }
  }
  return out;
}

/** A value DuckDB printed as text, as the JSON value of the column's kind (what the stored chain fills in). */
function typedValue(text: string, column: ColumnInfo): number | string | boolean {
  const kind = kindOf(column);
  return kind === 'number' ? Number(text) : kind === 'boolean' ? text === 'true' : text;
}

/** A value DuckDB printed as text, read back as the column's own type. */
function typedLiteral(text: string, column: ColumnInfo): string {
  const type = castableType(column.type);
  return type && type !== 'VARCHAR' ? `CAST(${quoteLiteral(text)} AS ${type})` : quoteLiteral(text);
}

function constantSql(fill: number | string | boolean, column: ColumnInfo): string {
  if (typeof fill === 'boolean') return fill ? 'TRUE' : 'FALSE';
  if (typeof fill === 'string') return typedLiteral(fill, column);
  // A whole number keeps an integer column's type; a fraction makes the column DOUBLE, as coalesce widens it.
  return Number.isSafeInteger(fill) ? String(fill) : doubleSql(fill);
}
