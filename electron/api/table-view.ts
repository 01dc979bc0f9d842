// A sorted and/or searched view of an output table, as SQL over it: what the data grid shows when a header is
// clicked or text is typed in its search box. Column names and the search text go in as quoted identifiers and
// literals, never as SQL.
import { invalidInput } from '../../shared/errors.js';
import { quoteIdent, quoteLiteral } from '../data/sql-text.js';
import type { ColumnInfo, TableRef } from '../data/types.js';

export interface TableViewRequest {
  sort?: { column: string; descending: boolean };
  search?: string;
}

export function tableViewSql(table: TableRef, columns: readonly ColumnInfo[], view: TableViewRequest): string {
  const from = quoteIdent(table.table);
  const where: string[] = [];
  const needle = view.search?.replaceAll('\0', '').trim().toLowerCase();
  if (needle) {
    // strpos rather than LIKE: the user's % and _ are text, not wildcards.
    const cells = columns.map((c) => `coalesce(strpos(lower(CAST(${quoteIdent(c.name)} AS VARCHAR)), ${quoteLiteral(needle)}), 0) > 0`);
    where.push(cells.length ? `(${cells.join(' OR ')})` : 'false');
  }
  let order = 'rowid';
  if (view.sort) {
    if (!columns.some((c) => c.name === view.sort!.column)) throw invalidInput(`cannot sort by '${view.sort.column}': the table has no such column`);
    order = `${quoteIdent(view.sort.column)} ${view.sort.descending ? 'DESC' : 'ASC'} NULLS LAST, rowid`;
  }
  return `SELECT * FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`;
}
