// Table → Frame: typed columns for ML, read in bulk from DuckDB vectors (no per-cell boxing).
import duckdb from '@duckdb/node-bindings';
import type { DuckDBConnection } from '@duckdb/node-api';
import { invalidInput } from '../../shared/errors.js';
import { columnKind } from './column-kinds.js';
import { quoteIdent } from './sql-text.js';
import { tableSchema, type SchemaColumn } from './schema.js';
import type { Frame, FrameColumn } from './types.js';

interface ColumnPlan {
  name: string;
  /** A SQL expression that never yields NULL: DOUBLE (NaN for missing) or INTEGER (-1 for missing). */
  expr: string;
  out: Float64Array | Int32Array;
  column: FrameColumn;
}

/**
 * Numbers, dates (epoch seconds) and intervals become DOUBLE with NaN; text becomes codes into its sorted
 * distinct values via a temporary ENUM (DuckDB computes the codes, so no string crosses into JS per cell).
 */
export async function readFrame(
  connection: DuckDBConnection,
  table: string,
  columns: readonly string[] | undefined,
  nextId: () => number,
): Promise<Frame> {
  const schema = await tableSchema(connection, table);
  const wanted = pickColumns(schema, columns, table);
  const nrows = await countRows(connection, table);
  const enumTypes: string[] = [];
  try {
    const plans: ColumnPlan[] = [];
    for (const col of wanted) plans.push(await planColumn(connection, table, col, nrows, nextId, enumTypes));
    if (plans.length > 0 && nrows > 0) await copyColumns(connection, table, plans);
    return { nrows, columns: plans.map((p) => p.column) };
  } finally {
    for (const t of enumTypes) await connection.run(`DROP TYPE IF EXISTS ${t}`);
  }
}

function pickColumns(schema: SchemaColumn[], columns: readonly string[] | undefined, table: string): SchemaColumn[] {
  if (!columns) return schema;
  const byName = new Map(schema.map((c) => [c.name, c]));
  return columns.map((name) => {
    const col = byName.get(name);
    if (!col) {
      const known = schema.map((c) => c.name).join(', ');
      throw invalidInput(`no column '${name}' in table ${table} (columns: ${known})`);
    }
    return col;
  });
}

async function countRows(connection: DuckDBConnection, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${quoteIdent(table)}`);
  return reader.getColumns()[0][0] as number;
}

async function planColumn(
  connection: DuckDBConnection,
  table: string,
  col: SchemaColumn,
  nrows: number,
  nextId: () => number,
  enumTypes: string[],
): Promise<ColumnPlan> {
  const ident = quoteIdent(col.name);
  const kind = columnKind(col.typeId);
  if (kind === 'numeric' || kind === 'temporal' || col.type === 'INTERVAL') {
    const value = kind === 'numeric' ? ident : `epoch(${ident})`;
    const out = new Float64Array(nrows);
    return {
      name: col.name,
      expr: `coalesce(CAST(${value} AS DOUBLE), 'NaN'::DOUBLE)`,
      out,
      column: { name: col.name, kind: 'numeric', values: out },
    };
  }
  if (kind === 'boolean') {
    const out = new Int32Array(nrows);
    return {
      name: col.name,
      expr: `coalesce(CAST(${ident} AS INTEGER), -1)`,
      out,
      column: { name: col.name, kind: 'boolean', codes: out, levels: ['false', 'true'] },
    };
  }
  // Text, ENUM (re-sorted) and anything else (as its text form) become categorical.
  const text = `CAST(${ident} AS VARCHAR)`;
  const enumType = `plumb_levels_${nextId()}`;
  await connection.run(
    `CREATE TYPE ${enumType} AS ENUM (SELECT DISTINCT ${text} FROM ${quoteIdent(table)} WHERE ${ident} IS NOT NULL ORDER BY 1)`,
  );
  enumTypes.push(enumType);
  const levelsReader = await connection.runAndReadAll(`SELECT unnest(enum_range(NULL::${enumType}))::VARCHAR`);
  const levels = (levelsReader.getColumns()[0] ?? []) as string[];
  const out = new Int32Array(nrows);
  const expr =
    levels.length === 0 ? `-1::INTEGER` : `coalesce(CAST(enum_code(CAST(${text} AS ${enumType})) AS INTEGER), -1)`;
  return { name: col.name, expr, out, column: { name: col.name, kind: 'categorical', codes: out, levels } };
}

/** One scan of the table; each chunk's flat vectors are copied byte-wise into the output arrays. */
async function copyColumns(connection: DuckDBConnection, table: string, plans: ColumnPlan[]): Promise<void> {
  const select = plans.map((p, i) => `${p.expr} AS c${i}`).join(', ');
  const result = await connection.stream(`SELECT ${select} FROM ${quoteIdent(table)}`);
  let offset = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    for (let j = 0; j < plans.length; j++) {
      const out = plans[j].out;
      const width = out.BYTES_PER_ELEMENT;
      const vector = duckdb.data_chunk_get_vector(chunk.chunk, j);
      const bytes = duckdb.vector_get_data(vector, n * width);
      new Uint8Array(out.buffer, out.byteOffset + offset * width, n * width).set(bytes);
    }
    offset += n;
  }
  if (offset !== plans[0].out.length) {
    throw new Error(`table ${table} changed while it was read (${offset} rows, expected ${plans[0].out.length})`);
  }
}
