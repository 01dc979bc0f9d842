// A table's columns with their DuckDB types, read from a zero-row result.
import type { DuckDBConnection, DuckDBTypeId } from '@duckdb/node-api';
import { quoteIdent } from './sql-text.js';

export interface SchemaColumn {
  name: string;
  type: string;
  typeId: DuckDBTypeId;
}

export async function tableSchema(connection: DuckDBConnection, table: string): Promise<SchemaColumn[]> {
  return querySchema(connection, `SELECT * FROM ${quoteIdent(table)}`);
}

/** Columns of any SELECT, without running it over the data. */
export async function querySchema(connection: DuckDBConnection, selectSql: string): Promise<SchemaColumn[]> {
  const prepared = await connection.prepare(selectSql);
  try {
    const out: SchemaColumn[] = [];
    for (let i = 0; i < prepared.columnCount; i++) {
      const type = prepared.columnType(i);
      out.push({ name: prepared.columnName(i), type: type.toString(), typeId: type.typeId });
    }
    return out;
  } finally {
    prepared.destroySync();
  }
}
