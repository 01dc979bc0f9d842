// Seeded randomness for split and sample that does not depend on DuckDB's threads or random(): every row gets
// its index in insertion order and a key that is a hash of (seed, index), computed in SQL with 32-bit integer
// steps (murmur3's finalizer) and mirrored here in TypeScript. For one seed the key is a bijection of the index,
// so keys never tie.
import { invalidInput } from '../../../shared/errors.js';
import { quoteIdent } from '../../data/sql-text.js';
import type { ColumnInfo, DataSession, TableRef } from '../../data/types.js';
import { resolveColumn } from './table-columns.js';

export const ROW = '__plumb_row';
export const KEY = '__plumb_key';

/** Independent random streams of one seed. */
export const STREAM = { shuffle: 1, allocate: 2, sample: 3, bootstrap: 4 } as const;

const TWO_32 = 4294967296;

/** murmur3 fmix32: a bijection on 32-bit integers with good avalanche. */
export function mix32(h: number): number {
  let x = h >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x = (x ^ (x >>> 13)) >>> 0;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

function streamConstants(seed: number, stream: number): { a: number; b: number } {
  const a = mix32((seed + Math.imul(stream, 0x9e3779b9)) >>> 0);
  return { a, b: mix32((a ^ 0x68e31da4) >>> 0) };
}

/** The key of row `index` (0 ≤ index < 2^32) for a seed and stream: mix32(mix32(index ⊕ a) + b). */
export function rowKey(seed: number, stream: number, index: number): number {
  const { a, b } = streamConstants(seed, stream);
  return mix32((mix32((index ^ a) >>> 0) + b) >>> 0);
}

/** SQL steps of mix32 on the UBIGINT column `col`, each a projection over the previous one. */
function mixSteps(from: string, col: string): string {
  const c = quoteIdent(col);
  const steps = [
    `xor(${c}, ${c} >> 16)`,
    `(${c} * 2246822507::UBIGINT) % ${TWO_32}::UBIGINT`,
    `xor(${c}, ${c} >> 13)`,
    `(${c} * 3266489909::UBIGINT) % ${TWO_32}::UBIGINT`,
    `xor(${c}, ${c} >> 16)`,
  ];
  let sql = from;
  for (const step of steps) sql = `SELECT * REPLACE (${step} AS ${c}) FROM (${sql})`;
  return sql;
}

/** `SELECT *, <key of indexColumn> AS keyColumn FROM (fromSql)`, matching rowKey() exactly. */
export function keyedSql(fromSql: string, indexColumn: string, keyColumn: string, seed: number, stream: number): string {
  const { a, b } = streamConstants(seed, stream);
  const k = quoteIdent(keyColumn);
  let sql = `SELECT *, xor(CAST(${quoteIdent(indexColumn)} AS UBIGINT), ${a}::UBIGINT) AS ${k} FROM (${fromSql})`;
  sql = mixSteps(sql, keyColumn);
  sql = `SELECT * REPLACE ((${k} + ${b}::UBIGINT) % ${TWO_32}::UBIGINT AS ${k}) FROM (${sql})`;
  return mixSteps(sql, keyColumn);
}

/** The table with its 0-based row index in insertion order (rowid order of a session table). */
export function numberedSql(table: TableRef): string {
  return `SELECT *, CAST(row_number() OVER (ORDER BY rowid) - 1 AS UBIGINT) AS ${quoteIdent(ROW)} FROM ${quoteIdent(table.table)}`;
}

/** Classes of `column` sorted ascending (missing last) with their row counts: the order of classIdSql(). */
export async function classCounts(
  data: DataSession,
  table: TableRef,
  columns: readonly ColumnInfo[],
  name: string,
  param: string,
): Promise<{ column: ColumnInfo; counts: number[]; labels: string[] }> {
  const column = resolveColumn(columns, name, param);
  const id = quoteIdent(column.name);
  const rows = await data.all(
    `SELECT CAST(${id} AS VARCHAR) AS label, count(*) AS n FROM ${quoteIdent(table.table)} GROUP BY ${id} ORDER BY ${id} ASC NULLS LAST`,
  );
  return { column, counts: rows.map((r) => Number(r.n)), labels: rows.map((r) => (r.label === null ? 'missing' : String(r.label))) };
}

/** 1-based class id per row, in the order of classCounts(). */
export function classIdSql(column: ColumnInfo): string {
  return `dense_rank() OVER (ORDER BY ${quoteIdent(column.name)} ASC NULLS LAST)`;
}

/** A DuckDB list literal of whole numbers, indexed 1-based by a class id. */
export function integerList(values: readonly number[]): string {
  return `([${values.map((v) => String(Math.trunc(v))).join(', ')}]::BIGINT[])`;
}

/**
 * sklearn `_approximate_mode`: split `draws` over classes in proportion to `counts`, flooring, then giving the
 * leftover draws to the largest remainders; ties among equal remainders are broken by a seeded key instead of
 * sklearn's RandomState.
 */
export function approximateMode(counts: readonly number[], draws: number, seed: number): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  const continuous = counts.map((c) => (c / total) * draws);
  const floored = continuous.map(Math.floor);
  let needToAdd = Math.round(draws - floored.reduce((s, c) => s + c, 0));
  if (needToAdd <= 0) return floored;
  const remainder = continuous.map((c, i) => c - floored[i]);
  const values = [...new Set(remainder)].sort((x, y) => y - x);
  for (const value of values) {
    const tied = remainder.flatMap((r, i) => (r === value ? [i] : []));
    tied.sort((i, j) => rowKey(seed, STREAM.allocate, i) - rowKey(seed, STREAM.allocate, j));
    const addNow = Math.min(tied.length, needToAdd);
    for (const i of tied.slice(0, addNow)) floored[i]++;
    needToAdd -= addNow;
    if (needToAdd === 0) break;
  }
  return floored;
}

export function checkRowLimit(rows: number): void {
  if (rows >= TWO_32) throw invalidInput(`a table of ${rows} rows is too large to shuffle (the limit is 2^32 rows)`);
}
