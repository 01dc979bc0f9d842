// Converting DuckDB values to plain JSON-safe JS values for small results and previews.
import {
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBValueConverter,
  type Json,
} from '@duckdb/node-api';

export type PlainValue = number | string | boolean | null;

const WIDE_INTEGERS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.BIGNUM,
]);

/** Like DuckDB's JSON converter, but wide integers become numbers when exactly representable and DECIMALs become doubles. */
export const plainConverter: DuckDBValueConverter<Json> = (value: DuckDBValue, type: DuckDBType, converter) => {
  if (value === null) return null;
  if (WIDE_INTEGERS.has(type.typeId) && typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (type.typeId === DuckDBTypeId.DECIMAL) return Number(String(value));
  return JsonDuckDBValueConverter(value, type, converter);
};

/** One cell as a scalar: nested values (lists, structs, maps) become their JSON text. */
export function toPlainValue(value: Json): PlainValue {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value);
}
