// Frame → table: typed columns appended chunk by chunk (NaN / -1 become NULL).
import duckdb from '@duckdb/node-bindings';
import { BOOLEAN, DOUBLE, DuckDBDataChunk, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { quoteIdent } from './sql-text.js';
import type { Frame, FrameColumn } from './types.js';

const SQL_TYPE: Record<FrameColumn['kind'], string> = { numeric: 'DOUBLE', categorical: 'VARCHAR', boolean: 'BOOLEAN' };
const CHUNK_TYPE: Record<FrameColumn['kind'], DuckDBType> = { numeric: DOUBLE, categorical: VARCHAR, boolean: BOOLEAN };

export async function writeFrame(connection: DuckDBConnection, frame: Frame, table: string): Promise<void> {
  checkFrame(frame);
  const defs = frame.columns.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.kind]}`).join(', ');
  await connection.run(`CREATE TABLE ${quoteIdent(table)} (${defs})`);
  if (frame.nrows === 0 || frame.columns.length === 0) return;
  const appender = await connection.createAppender(table);
  const types = frame.columns.map((c) => CHUNK_TYPE[c.kind]);
  const size = duckdb.vector_size();
  try {
    for (let start = 0; start < frame.nrows; start += size) {
      const n = Math.min(size, frame.nrows - start);
      const chunk = DuckDBDataChunk.create(types, n);
      frame.columns.forEach((column, j) => fillVector(duckdb.data_chunk_get_vector(chunk.chunk, j), column, start, n));
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}

function checkFrame(frame: Frame): void {
  const seen = new Set<string>();
  for (const c of frame.columns) {
    if (seen.has(c.name)) throw new Error(`frame has two columns named '${c.name}'`);
    seen.add(c.name);
    const length = c.kind === 'numeric' ? c.values.length : c.codes.length;
    if (length !== frame.nrows) throw new Error(`frame column '${c.name}' has ${length} rows, expected ${frame.nrows}`);
  }
}

function fillVector(vector: duckdb.Vector, column: FrameColumn, start: number, n: number): void {
  const validity = new Uint8Array(Math.ceil(n / 64) * 8).fill(0xff);
  let missing = 0;
  const markMissing = (i: number) => {
    validity[i >> 3] &= ~(1 << (i & 7));
    missing++;
  };
  if (column.kind === 'numeric') {
    const values = column.values.subarray(start, start + n);
    for (let i = 0; i < n; i++) if (Number.isNaN(values[i])) markMissing(i);
    duckdb.copy_data_to_vector(vector, 0, values.buffer as ArrayBuffer, values.byteOffset, values.byteLength);
  } else if (column.kind === 'boolean') {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const code = column.codes[start + i];
      if (code < 0) markMissing(i);
      else bytes[i] = code === 1 ? 1 : 0;
    }
    duckdb.copy_data_to_vector(vector, 0, bytes.buffer, 0, n);
  } else {
    const { codes, levels } = column;
    for (let i = 0; i < n; i++) {
      const code = codes[start + i];
      if (code < 0) markMissing(i);
      else if (code >= levels.length) throw new Error(`frame column '${column.name}' has code ${code} beyond its ${levels.length} levels`);
      else duckdb.vector_assign_string_element(vector, i, levels[code]);
    }
  }
  if (missing > 0) {
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, validity.byteLength);
  }
}
