// What the table transform nodes share: the input table, columns named in params checked against it
// (an unknown one is an invalid_input error listing what is available), and literal values as SQL.
import { invalidInput } from '../../../shared/errors.js';
import { columnKind, findColumn, isFloating, unknownColumnMessage, type ColumnKind } from '../../data/expression/columns.js';
import { quoteIdent, quoteLiteral } from '../../data/sql-text.js';
import type { ColumnInfo, TableRef } from '../../data/types.js';

/** Helper columns the nodes add while they work start with this; input columns may not. */
export const RESERVED_PREFIX = '__plumb_';

export function tableInput(inputs: Record<string, unknown>, port = 'table'): TableRef {
  const value = inputs[port] as Partial<TableRef> | undefined;
  if (!value || typeof value.table !== 'string') throw invalidInput(`input '${port}' did not get a table`);
  return value as TableRef;
}

export function resolveColumn(columns: readonly ColumnInfo[], name: string, param: string): ColumnInfo {
  const column = findColumn(columns, name);
  if (!column) throw invalidInput(unknownColumnMessage(name, columns), { param });
  return column;
}

/** Resolves each name (in the given order); a name listed twice is an error too. */
export function resolveColumns(columns: readonly ColumnInfo[], names: readonly string[], param: string): ColumnInfo[] {
  const out: ColumnInfo[] = [];
  for (const name of names) {
    const column = resolveColumn(columns, name, param);
    if (out.includes(column)) throw invalidInput(`column '${column.name}' is listed twice`, { param });
    out.push(column);
  }
  return out;
}

export function kindOf(column: ColumnInfo): ColumnKind {
  return columnKind(column.type);
}

/** A column's values with NaN read as missing (NULL), so SQL aggregates skip it like sklearn skips NaN. */
export function valueSql(column: ColumnInfo): string {
  const id = quoteIdent(column.name);
  return isFloating(column.type) ? `(CASE WHEN isnan(${id}) THEN NULL ELSE ${id} END)` : id;
}

export function missingSql(column: ColumnInfo): string {
  return `(${valueSql(column)} IS NULL)`;
}

/** A double as SQL that DuckDB reads back to the same bits (a string cast, not a DECIMAL literal). */
export function doubleSql(value: number): string {
  if (Number.isNaN(value)) return `CAST('nan' AS DOUBLE)`;
  if (!Number.isFinite(value)) return `CAST('${value > 0 ? 'inf' : '-inf'}' AS DOUBLE)`;
  return `CAST(${quoteLiteral(String(value))} AS DOUBLE)`;
}

/** Type names we can put in a CAST: DuckDB's own spelling of plain types (never user text such as ENUM values). */
export function castableType(type: string): string | undefined {
  return /^[A-Z][A-Z0-9_ ]*(\(\d+(,\s*\d+)?\))?$/.test(type) ? type : undefined;
}

/** Fails when a new column name is taken (DuckDB names are case-insensitive). */
export function checkUniqueNames(names: readonly string[], param: string): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      throw invalidInput(
        other === name ? `the output would have two columns named '${name}'` : `the output would have columns '${other}' and '${name}', which DuckDB treats as the same name`,
        { param },
      );
    }
    seen.set(key, name);
  }
}

export function checkNoReservedNames(columns: readonly ColumnInfo[]): void {
  const bad = columns.find((c) => c.name.toLowerCase().startsWith(RESERVED_PREFIX));
  if (bad) throw invalidInput(`column '${bad.name}' starts with '${RESERVED_PREFIX}', which is reserved for Plumb's own helper columns`);
}

export function listNames(columns: readonly ColumnInfo[]): string {
  return columns.map((c) => `'${c.name}'`).join(', ');
}
