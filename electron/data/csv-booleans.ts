// True/false columns of a CSV read: DuckDB's sniffer also types yes/no, y/n and t/f as BOOLEAN, but only columns
// holding nothing but true/false (any case, padded) become BOOLEAN; the others keep the labels as written.
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from './sql-text.js';

interface SniffedColumn {
  name: string;
  type: string;
}

/**
 * A data scientist expects the labels they wrote (pandas keeps them too): sniffed booleans are set to text and
 * returned, to be checked by trueFalseInSample; columns with a type override are left alone.
 */
export function readBooleansAsText(columns: SniffedColumn[], overrides: Record<string, string>): string[] {
  const candidates = columns.filter((c) => c.type === 'BOOLEAN' && !(c.name in overrides));
  for (const column of candidates) column.type = 'VARCHAR';
  return candidates.map((c) => c.name);
}

const isTrueFalse = (column: string) => `bool_and(lower(trim(${quoteIdent(column)})) IN ('true', 'false'))`;

/** The `candidates` holding nothing but true/false or missing in the rows of `sampleSql` (a SELECT of them as text). */
export async function trueFalseInSample(connection: DuckDBConnection, sampleSql: string, candidates: readonly string[]): Promise<string[]> {
  if (candidates.length === 0) return [];
  const checks = candidates.map((c, i) => `${isTrueFalse(c)} AS c${i}`).join(', ');
  const row = (await connection.runAndReadAll(`SELECT ${checks} FROM (${sampleSql})`)).getRows()[0] ?? [];
  return candidates.filter((_, i) => row[i] !== false);
}

/** Raised by the read when a column the sample showed as true/false holds something else further down. */
const LATE_NON_BOOLEAN = 'plumb: a value other than true/false after the sniffed sample';

/**
 * The select list of a read: every column as read, except `booleans`, parsed as restoreTrueFalseColumns would
 * (lower(trim(v)) = 'true') and failing on any other text; exact 'true'/'false' are tested first because they are
 * by far the most common spelling.
 */
export function selectWithBooleans(columns: readonly SniffedColumn[], booleans: readonly string[]): string {
  return columns
    .map(({ name }) => {
      const v = quoteIdent(name);
      if (!booleans.includes(name)) return v;
      const clean = `lower(trim(${v}))`;
      return (
        `CASE WHEN ${v} = 'true' THEN true WHEN ${v} = 'false' THEN false WHEN ${v} IS NULL THEN NULL ` +
        `WHEN ${clean} = 'true' THEN true WHEN ${clean} = 'false' THEN false ` +
        `ELSE error(${quoteLiteral(LATE_NON_BOOLEAN)}) END AS ${v}`
      );
    })
    .join(', ');
}

export function isLateNonBoolean(e: unknown): boolean {
  return e instanceof Error && e.message.includes(LATE_NON_BOOLEAN);
}

/** After a read with `columns` as text: those holding nothing but true/false become BOOLEAN (a scan, then a rewrite each). */
export async function restoreTrueFalseColumns(connection: DuckDBConnection, table: string, columns: readonly string[]): Promise<void> {
  if (!columns.length) return;
  const checks = columns.map((c, i) => `${isTrueFalse(c)} AS c${i}`).join(', ');
  const reader = await connection.runAndReadAll(`SELECT ${checks} FROM ${quoteIdent(table)}`);
  const row = reader.getRows()[0] ?? [];
  for (const [i, name] of columns.entries()) {
    if (row[i] === false) continue; // some other text (yes/no, y/n, ...): keep the labels as written
    await connection.run(
      `ALTER TABLE ${quoteIdent(table)} ALTER COLUMN ${quoteIdent(name)} SET DATA TYPE BOOLEAN USING lower(trim(${quoteIdent(name)})) = 'true'`,
    );
  }
}
