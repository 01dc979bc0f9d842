// What tables look like to node implementations: DuckDB tables by name, and typed columns for ML.

/** A table owned by a run's DataSession (a DuckDB table name, already quoted-safe). */
export interface TableRef {
  readonly table: string;
}

export interface ColumnInfo {
  name: string;
  /** DuckDB logical type as text: BIGINT, DOUBLE, VARCHAR, BOOLEAN, DATE, ... */
  type: string;
}

/** One column as a typed array; never boxed values per cell. */
export type FrameColumn =
  | { name: string; kind: 'numeric'; values: Float64Array } // NaN marks missing
  // -1 marks missing; levels sorted by code point (DuckDB's VARCHAR order), so codes are stable across runs
  | { name: string; kind: 'categorical'; codes: Int32Array; levels: string[] }
  | { name: string; kind: 'boolean'; codes: Int32Array; levels: ['false', 'true'] }; // -1 missing

export interface Frame {
  nrows: number;
  columns: FrameColumn[];
}

export interface ColumnStats {
  name: string;
  type: string;
  kind: 'numeric' | 'categorical' | 'boolean' | 'temporal' | 'other';
  count: number;
  missing: number;
  distinct?: number;
  /** `distinct` is an estimate (tables above EXACT_DISTINCT_MAX_ROWS rows) */
  distinctApproximate?: boolean;
  mean?: number;
  std?: number;
  min?: number | string;
  max?: number | string;
  /** top categories (≤ 10) with counts, for non-numeric columns */
  top?: { value: string; count: number }[];
  /** equal-width histogram for numeric columns */
  histogram?: { edges: number[]; counts: number[] };
}

export interface TablePreview {
  columns: ColumnInfo[];
  rowCount: number;
  offset: number;
  /** rows as arrays in column order; numbers, strings, booleans or null (JSON-safe) */
  rows: (number | string | boolean | null)[][];
  stats?: ColumnStats[];
}

export interface CsvReadOptions {
  /** undefined = detect */
  delimiter?: string;
  /** undefined = detect */
  header?: boolean;
  /** column → DuckDB type */
  types?: Record<string, string>;
  /** cell texts meaning missing, besides the empty cell */
  nullValues?: readonly string[];
  onError: 'fail' | 'skip';
}

export interface CsvReadResult {
  table: TableRef;
  /** rows dropped by `onError: 'skip'` */
  skippedRows: number;
  /** the first few dropped rows, with their physical (1-based) file line */
  rejected: { line: number; message: string }[];
}

/** Limits and cancellation for one user query (data.sql). */
export interface QueryOptions {
  /** DuckDB-style size ('2GB', '512MiB') or share of RAM ('50%', the default). */
  memoryLimit?: string;
  /** Seconds; null or undefined = no limit. */
  timeLimitS?: number | null;
  /** Aborting it interrupts the query (the node's ctx.signal). */
  signal?: AbortSignal;
}

/**
 * A run's handle on DuckDB. Tables created through it live as long as the session.
 * Implemented in electron/data/session.ts.
 */
export interface DataSession {
  /** Rows of a small result as plain objects (BIGINT → number when safe, else string). */
  all(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  exec(sql: string): Promise<void>;
  /** Materialize a SELECT into a new session-owned table. */
  createTable(selectSql: string, hint: string): Promise<TableRef>;
  columns(table: TableRef): Promise<ColumnInfo[]>;
  rowCount(table: TableRef): Promise<number>;
  /** The one conversion to typed columns that ML nodes use. */
  toFrame(table: TableRef, columns?: readonly string[]): Promise<Frame>;
  fromFrame(frame: Frame, hint: string): Promise<TableRef>;
  preview(table: TableRef, options?: { offset?: number; limit?: number; stats?: boolean }): Promise<TablePreview>;
  writeCsv(table: TableRef, path: string): Promise<void>;
  toParquetBytes(table: TableRef): Promise<Uint8Array>;
  fromParquetBytes(bytes: Uint8Array, hint: string): Promise<TableRef>;
  /**
   * Read a CSV file into a new table. Failures are invalid_input PlumbErrors with where.file (and .line
   * for a malformed row, .param 'path' or 'types').
   */
  readCsv(path: string, options: CsvReadOptions): Promise<CsvReadResult>;
  /** The columns `readCsv` would give, from a sniff of the file's first rows (schemas before running). */
  sniffCsv(path: string, options: CsvReadOptions): Promise<{ name: string; type: string }[]>;
  /** Read a Parquet file into a new table (invalid_input naming the file when missing or not Parquet). */
  readParquet(path: string): Promise<TableRef>;
  /** The columns `readParquet` would give, from the file's footer. */
  parquetColumns(path: string): Promise<{ name: string; type: string }[]>;
  /**
   * Materialize one read-only query in which `tables` are visible under their keys (e.g. t1, t2). It runs in
   * a sandboxed DuckDB instance without file access (sql-sandbox.ts), within `options`' limits.
   * Anything else (several statements, writes, file access, unknown tables) is an invalid_input PlumbError;
   * an exceeded limit a runtime error naming the param; an aborted signal a cancelled error.
   */
  query(sql: string, tables: Readonly<Record<string, TableRef>>, hint: string, options?: QueryOptions): Promise<TableRef>;
  /** Abort the running query (used by cancel). */
  interrupt(): void;
  close(): Promise<void>;
}
