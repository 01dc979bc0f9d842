// Reading a Parquet file into a session table.
import { stat } from 'node:fs/promises';
import { invalidInput } from '../../shared/errors.js';
import type { PlumbDataSession } from './session.js';
import { quoteIdent, quoteLiteral } from './sql-text.js';
import type { TableRef } from './types.js';

export async function readParquetFile(session: PlumbDataSession, path: string): Promise<TableRef> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw invalidInput(`file not found: ${path}`, { file: path, param: 'path' });
  if (!info.isFile()) throw invalidInput(`not a file: ${path}`, { file: path, param: 'path' });
  const base = path.split(/[\\/]/).pop() ?? 'parquet';
  const table = session.newTableName(base.replace(/\.[^.]*$/, ''));
  return session.withConnection(async ({ connection }) => {
    try {
      await connection.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM read_parquet(${quoteLiteral(path)})`);
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      throw invalidInput(`cannot read the file as Parquet: ${message}`, { file: path, param: 'path' });
    }
    return { table };
  });
}
