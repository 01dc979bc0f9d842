// A page of rows plus per-column statistics, all computed by DuckDB.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { columnKind } from './column-kinds.js';
import { quoteIdent } from './sql-text.js';
import { tableSchema, type SchemaColumn } from './schema.js';
import type { ColumnStats, TablePreview } from './types.js';
import { plainConverter, toPlainValue, type PlainValue } from './values.js';

export const HISTOGRAM_BINS = 20;
const TOP_CATEGORIES = 10;
/** Above this many rows distinct counts are HyperLogLog estimates (approx_count_distinct): exact ones hash every value. */
export const EXACT_DISTINCT_MAX_ROWS = 1_000_000;

export async function previewTable(
  connection: DuckDBConnection,
  table: string,
  options: { offset?: number; limit?: number; stats?: boolean } = {},
): Promise<TablePreview> {
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.max(0, Math.floor(options.limit ?? 100));
  const schema = await tableSchema(connection, table);
  const rowCount = (await plainRows(connection, `SELECT count(*) FROM ${quoteIdent(table)}`))[0][0] as number;
  const rows = await plainRows(connection, `SELECT * FROM ${quoteIdent(table)} LIMIT ${limit} OFFSET ${offset}`);
  const preview: TablePreview = { columns: schema.map(({ name, type }) => ({ name, type })), rowCount, offset, rows };
  if (options.stats ?? true) preview.stats = await columnStats(connection, table, schema, rowCount > EXACT_DISTINCT_MAX_ROWS);
  return preview;
}

export async function plainRows(
  connection: DuckDBConnection,
  sql: string,
  params?: DuckDBValue[],
): Promise<PlainValue[][]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.convertRows(plainConverter).map((row) => row.map(toPlainValue));
}

/**
 * Count, missing and distinct (estimated when `approximateDistinct`) for every column; moments and a histogram for
 * numbers; top values for the rest.
 */
export async function columnStats(
  connection: DuckDBConnection,
  table: string,
  schema: SchemaColumn[],
  approximateDistinct = false,
): Promise<ColumnStats[]> {
  if (schema.length === 0) return [];
  const from = quoteIdent(table);
  const parts: string[] = ['count(*)'];
  for (const col of schema) {
    const c = quoteIdent(col.name);
    parts.push(`count(${c})`, approximateDistinct ? `approx_count_distinct(${c})` : `count(DISTINCT ${c})`);
    const kind = columnKind(col.typeId);
    if (kind === 'numeric') {
      const x = `CAST(${c} AS DOUBLE)`;
      const finite = (fn: string) => `${fn}(${x}) FILTER (WHERE isfinite(${x}))`;
      parts.push(finite('avg'), finite('stddev_samp'), finite('min'), finite('max'));
    } else if (kind === 'temporal') {
      parts.push(`NULL`, `NULL`, `CAST(min(${c}) AS VARCHAR)`, `CAST(max(${c}) AS VARCHAR)`);
    } else {
      parts.push(`NULL`, `NULL`, `NULL`, `NULL`);
    }
  }
  const [row] = await plainRows(connection, `SELECT ${parts.join(', ')} FROM ${from}`);
  const total = row[0] as number;
  const ranges = new Map<number, [number, number]>();
  schema.forEach((col, i) => {
    const [min, max] = row.slice(5 + i * 6, 7 + i * 6);
    if (columnKind(col.typeId) === 'numeric' && typeof min === 'number' && typeof max === 'number') ranges.set(i, [min, max]);
  });
  const bins = await histograms(connection, from, schema, ranges);
  const stats: ColumnStats[] = [];
  for (let i = 0; i < schema.length; i++) {
    const col = schema[i];
    const [count, distinct, mean, std, min, max] = row.slice(1 + i * 6, 7 + i * 6);
    const kind = columnKind(col.typeId);
    const s: ColumnStats = {
      name: col.name,
      type: col.type,
      kind,
      count: count as number,
      missing: total - (count as number),
      distinct: distinct as number,
    };
    if (approximateDistinct) s.distinctApproximate = true;
    if (kind === 'numeric') {
      if (typeof mean === 'number') s.mean = mean;
      if (typeof std === 'number') s.std = std;
      if (typeof min === 'number' && typeof max === 'number') {
        s.min = min;
        s.max = max;
        s.histogram = bins.get(i);
      }
    } else {
      if (min !== null) s.min = min as string;
      if (max !== null) s.max = max as string;
      if (kind !== 'temporal') s.top = await topValues(connection, from, quoteIdent(col.name));
    }
    stats.push(s);
  }
  return stats;
}

/**
 * Equal-width bins over [min, max] like numpy.histogram (a constant column gets [v - 0.5, v + 0.5]), for every
 * numeric column in one scan of the table (a scan per column made the stats of wide tables slow).
 */
async function histograms(
  connection: DuckDBConnection,
  from: string,
  schema: SchemaColumn[],
  ranges: Map<number, [number, number]>,
): Promise<Map<number, { edges: number[]; counts: number[] }>> {
  const out = new Map<number, { edges: number[]; counts: number[] }>();
  if (ranges.size === 0) return out;
  const parts: string[] = [];
  const params: number[] = [];
  for (const [i, [min, max]] of ranges) {
    const [lo, hi] = min === max ? [min - 0.5, max + 0.5] : [min, max];
    out.set(i, {
      edges: Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) => (k === HISTOGRAM_BINS ? hi : lo + ((hi - lo) * k) / HISTOGRAM_BINS)),
      counts: [],
    });
    const x = `CAST(${quoteIdent(schema[i].name)} AS DOUBLE)`;
    const [l, h] = [`$${params.length + 1}`, `$${params.length + 2}`];
    params.push(lo, hi);
    const bin = `least(CAST(floor((${x} - ${l}) / (${h} - ${l}) * ${HISTOGRAM_BINS}) AS INTEGER), ${HISTOGRAM_BINS - 1})`;
    // counts per bin as a list: bins without rows are filled in below
    // CASE, not FILTER: FILTER does not keep DuckDB from casting an infinite bin number
    parts.push(`histogram(CASE WHEN isfinite(${x}) THEN ${bin} END)`);
  }
  const [row] = await connection.runAndReadAll(`SELECT ${parts.join(', ')} FROM ${from}`, params).then((r) => r.getRowsJson());
  [...ranges.keys()].forEach((i, j) => {
    const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
    const map = row[j] as { key: number; value: string | number }[] | null;
    for (const { key, value } of map ?? []) counts[key] += Number(value);
    out.get(i)!.counts = counts;
  });
  return out;
}

async function topValues(connection: DuckDBConnection, from: string, c: string): Promise<{ value: string; count: number }[]> {
  const rows = await plainRows(
    connection,
    `SELECT CAST(${c} AS VARCHAR), count(*) FROM ${from} WHERE ${c} IS NOT NULL
     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP_CATEGORIES}`,
  );
  return rows.map(([value, count]) => ({ value: value as string, count: count as number }));
}
