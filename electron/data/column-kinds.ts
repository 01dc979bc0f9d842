// How a DuckDB column type maps to what ML and previews see: numeric, categorical, boolean, temporal or other.
import { DuckDBTypeId } from '@duckdb/node-api';
import type { ColumnStats } from './types.js';

export type ColumnKind = ColumnStats['kind'];

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.BIGNUM,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

/** Types that become epoch seconds in a frame. */
const TEMPORAL = new Set<DuckDBTypeId>([
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
]);

export function columnKind(typeId: DuckDBTypeId): ColumnKind {
  if (NUMERIC.has(typeId)) return 'numeric';
  if (TEMPORAL.has(typeId)) return 'temporal';
  if (typeId === DuckDBTypeId.BOOLEAN) return 'boolean';
  if (typeId === DuckDBTypeId.VARCHAR || typeId === DuckDBTypeId.ENUM) return 'categorical';
  return 'other';
}
