// Column rules the table nodes' schemas share (the same as their implementations apply when they run): DuckDB's
// case-insensitive name lookup and what kind of values a DuckDB type holds.
import type { ColumnSchema, TableSchema } from '../define.js';

export type ColumnKind = 'number' | 'text' | 'boolean' | 'temporal' | 'other';

const NUMBER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?|INT[1248]?|FLOAT[48])$/i;
const TEMPORAL_TYPES = /^(DATE|TIME|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ|TIME WITH TIME ZONE|TIMETZ|INTERVAL)$/i;

export function columnKind(duckdbType: string): ColumnKind {
  const t = duckdbType.trim();
  if (NUMBER_TYPES.test(t)) return 'number';
  if (/^(VARCHAR|TEXT|STRING)$/i.test(t) || /^ENUM\(/i.test(t)) return 'text';
  if (/^(BOOLEAN|BOOL)$/i.test(t)) return 'boolean';
  if (TEMPORAL_TYPES.test(t)) return 'temporal';
  return 'other';
}

/** Exact name first, else a unique case-insensitive match (DuckDB names are case-insensitive). */
export function findColumn<C extends { name: string }>(columns: readonly C[], name: string): C | undefined {
  const exact = columns.find((c) => c.name === name);
  if (exact) return exact;
  const folded = columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

/** Every name resolved, or undefined when one is not there (the run reports that error). */
export function findSchemaColumns(columns: readonly ColumnSchema[], names: readonly string[]): ColumnSchema[] | undefined {
  const found = names.map((name) => findColumn(columns, name));
  return found.every((c) => c !== undefined) ? (found as ColumnSchema[]) : undefined;
}

/** The same table on every listed output port (rows change, columns do not). */
export function sameColumns<K extends string>(ports: readonly K[], input: TableSchema | undefined): { [P in K]?: TableSchema } {
  if (!input) return {};
  return Object.fromEntries(ports.map((port) => [port, input])) as { [P in K]?: TableSchema };
}
