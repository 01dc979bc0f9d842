// How the data grid reads an output table: a view over the output's Parquet bytes in a scratch file (no load of the
// whole table before the first page), and a sorted and/or searched view of it as SQL, what the grid shows when a
// header is clicked or text is typed in its search box. Column names and the search text go in as quoted
// identifiers and literals, never as SQL.
import { writeFile } from 'node:fs/promises';
import { invalidInput } from '../../shared/errors.js';
import type { PlumbDataSession, SessionInternals } from '../data/session.js';
import { quoteIdent, quoteLiteral } from '../data/sql-text.js';
import type { ColumnInfo, TableRef } from '../data/types.js';

/** The column DuckDB adds for a Parquet file's row numbers (a file with a column of that name cannot get it). */
export const PARQUET_ROW_NUMBER = 'file_row_number';

/** A table, or a view over the Parquet file at `parquet` (rows in file order). */
export type PreviewTable = TableRef & { parquet?: string };

/** A view over `parquet` (a table output's bytes) kept in the session's scratch folder until the session closes. */
export function parquetView(session: PlumbDataSession, parquet: Uint8Array): Promise<PreviewTable> {
  return session.withConnection(async ({ connection, scratchPath }) => {
    const path = scratchPath('parquet');
    await writeFile(path, parquet);
    return createParquetView(session, connection, path);
  });
}

/** A view over a Parquet file another session wrote (it must outlive this view). */
export function parquetFileView(session: PlumbDataSession, path: string): Promise<PreviewTable> {
  return session.withConnection(({ connection }) => createParquetView(session, connection, path));
}

async function createParquetView(session: PlumbDataSession, connection: SessionInternals['connection'], path: string): Promise<PreviewTable> {
  const table = session.newTableName('preview');
  await connection.run(`CREATE VIEW ${quoteIdent(table)} AS SELECT * FROM read_parquet(${quoteLiteral(path)})`);
  return { table, parquet: path };
}

export interface TableViewRequest {
  sort?: { column: string; descending: boolean };
  search?: string;
}

export function tableViewSql(table: PreviewTable, columns: readonly ColumnInfo[], view: TableViewRequest): string {
  // ties keep the table's order: rowid of a table, the row number in the file of a Parquet view
  const [select, from, rowOrder] =
    table.parquet === undefined
      ? ['*', quoteIdent(table.table), 'rowid']
      : [`* EXCLUDE (${PARQUET_ROW_NUMBER})`, `read_parquet(${quoteLiteral(table.parquet)}, ${PARQUET_ROW_NUMBER} = true)`, PARQUET_ROW_NUMBER];
  const where: string[] = [];
  const needle = view.search?.replaceAll('\0', '').trim().toLowerCase();
  if (needle) {
    // strpos rather than LIKE: the user's % and _ are text, not wildcards.
    const cells = columns.map((c) => `coalesce(strpos(lower(CAST(${quoteIdent(c.name)} AS VARCHAR)), ${quoteLiteral(needle)}), 0) > 0`);
    where.push(cells.length ? `(${cells.join(' OR ')})` : 'false');
  }
  let order = rowOrder;
  if (view.sort) {
    if (!columns.some((c) => c.name === view.sort!.column)) throw invalidInput(`cannot sort by '${view.sort.column}': the table has no such column`);
    order = `${quoteIdent(view.sort.column)} ${view.sort.descending ? 'DESC' : 'ASC'} NULLS LAST, ${rowOrder}`;
  }
  return `SELECT ${select} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`;
}
