// Tables stacked in order (rows of the first, then the second, ...), columns matched by name: a globbed multi-file
// read and the reduce step of sharded nodes. Each part is a table DuckDB filled in row order, so rowid is the
// row's position and ORDER BY (part, rowid) keeps every row where the concatenation puts it.
import { quoteIdent } from '../../data/sql-text.js';
import type { TableRef } from '../../data/types.js';
import type { NodeEnv } from '../env.js';

export async function stackTables(env: NodeEnv, parts: readonly TableRef[], hint: string): Promise<TableRef> {
  if (parts.length === 1) return parts[0];
  const union = parts
    .map((t, i) => `SELECT *, ${i} AS "__plumb_part", rowid AS "__plumb_row" FROM ${quoteIdent(t.table)}`)
    .join(' UNION ALL BY NAME ');
  const stacked = await env.data.createTable(`SELECT * EXCLUDE ("__plumb_part", "__plumb_row") FROM (${union}) ORDER BY "__plumb_part", "__plumb_row"`, hint);
  for (const t of parts) await env.data.exec(`DROP TABLE IF EXISTS ${quoteIdent(t.table)}`);
  return stacked;
}
