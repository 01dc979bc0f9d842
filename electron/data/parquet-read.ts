// Reading a Parquet file into a session table.
import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { invalidInput } from '../../shared/errors.js';
import { literalFilePath, quoteIdent, quoteLiteral } from './sql-text.js';
import type { TableRef } from './types.js';

/** Reads `path` into the new table `table`; the caller holds the connection. */
export async function readParquetFile(connection: DuckDBConnection, path: string, table: string): Promise<TableRef> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw invalidInput(`file not found: ${path}`, { file: path, param: 'path' });
  if (!info.isFile()) throw invalidInput(`not a file: ${path}`, { file: path, param: 'path' });
  try {
    await connection.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM read_parquet(${quoteLiteral(literalFilePath(path))})`);
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw invalidInput(`cannot read the file as Parquet: ${message}`, { file: path, param: 'path' });
  }
  return { table };
}

/** The columns a read of `path` gives, from the file's footer (schemas before running). */
export async function parquetColumns(connection: DuckDBConnection, path: string): Promise<{ name: string; type: string }[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw invalidInput(`file not found: ${path}`, { file: path, param: 'path' });
  try {
    const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(literalFilePath(path))})`);
    return reader.getRowObjectsJson().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw invalidInput(`cannot read the file as Parquet: ${message}`, { file: path, param: 'path' });
  }
}
