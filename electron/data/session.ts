// A run's DuckDB: one in-memory instance, one connection, operations queued one at a time.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { parseMemoryLimit } from '../../shared/catalog/data/sql.js';
import { cancelledError } from '../../shared/errors.js';
import { readCsvFile, sniffCsvColumns } from './csv-read.js';
import { readFrame } from './frame-read.js';
import { parquetColumns, readParquetFile } from './parquet-read.js';
import { writeFrame } from './frame-write.js';
import { plainRows, previewTable } from './preview.js';
import { tableSchema } from './schema.js';
import { runSandboxedQuery } from './sql-sandbox.js';
import { fileTableHint, quoteIdent, quoteLiteral, tableName } from './sql-text.js';
import type { DataSession, TableRef } from './types.js';
import { plainConverter } from './values.js';
import { claimScratch, SCRATCH_PREFIX, sweepStaleScratchOnce } from './stale-scratch.js';

export interface DataSessionOptions {
  threads?: number;
  /** DuckDB syntax, e.g. '4GB'. */
  memoryLimit?: string;
  /** Where DuckDB spills and where parquet bytes pass through; a fresh folder under os.tmpdir() by default. */
  tempDirectory?: string;
}

/** What the session's own modules (and data nodes) may do on the connection inside the queue. */
export interface SessionInternals {
  connection: DuckDBConnection;
  /** A fresh file path in the session's scratch folder. */
  scratchPath(extension: string): string;
  nextId(): number;
}

export interface PlumbDataSession extends DataSession {
  /** Run `fn` with exclusive use of the connection (for multi-statement work such as reading a CSV). */
  withConnection<T>(fn: (internals: SessionInternals) => Promise<T>): Promise<T>;
  /** A new session-owned table name for `hint` (not yet created). */
  newTableName(hint: string): string;
}

export async function openDataSession(options: DataSessionOptions = {}): Promise<PlumbDataSession> {
  const scratchParent = options.tempDirectory ?? tmpdir();
  void sweepStaleScratchOnce(scratchParent); // folders of killed runs
  const scratch = await mkdtemp(join(scratchParent, SCRATCH_PREFIX));
  await claimScratch(scratch);
  const config: Record<string, string> = { temp_directory: join(scratch, 'spill') };
  if (options.threads !== undefined) config.threads = String(options.threads);
  // PLUMB_MEMORY_LIMIT (DuckDB syntax, e.g. '2GB') bounds the whole session: tables beyond it spill to temp_directory.
  const memoryLimit = options.memoryLimit ?? (process.env.PLUMB_MEMORY_LIMIT || undefined);
  if (memoryLimit !== undefined) config.memory_limit = memoryLimit;
  const memoryBytes = memoryLimit !== undefined ? fixedBytes(memoryLimit) : undefined;
  const instance = await DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();

  let counter = 0;
  const nextId = () => ++counter;
  const internals: SessionInternals = {
    connection,
    scratchPath: (extension) => join(scratch, `f${nextId()}.${extension}`),
    nextId,
  };
  let queue: Promise<unknown> = Promise.resolve();
  let interrupted = false;
  let closed = false;
  /** The connection of the user query running now (data.sql's sandbox), if any. */
  let sandboxConnection: DuckDBConnection | undefined;

  /** One operation at a time: the connection runs one query at a time, and multi-step work must not interleave. */
  function serial<T>(fn: (internals: SessionInternals) => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('data session is closed'));
    const run = queue.then(async () => {
      interrupted = false;
      try {
        return await fn(internals);
      } catch (e) {
        if (interrupted && e instanceof Error && /interrupt/i.test(e.message)) throw cancelledError();
        throw e;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const newTableName = (hint: string) => tableName(hint, nextId());
  const ref = (table: TableRef) => quoteIdent(table.table);

  const session: PlumbDataSession = {
    withConnection: serial,
    newTableName,

    all: (sql, params) =>
      serial(async ({ connection }) => {
        const reader = await connection.runAndReadAll(sql, params as DuckDBValue[] | undefined);
        return reader.convertRowObjects(plainConverter) as Record<string, unknown>[];
      }),

    exec: (sql) =>
      serial(async ({ connection }) => {
        await connection.run(sql);
      }),

    createTable: (selectSql, hint) =>
      serial(async ({ connection }) => {
        const table = newTableName(hint);
        await connection.run(`CREATE TABLE ${quoteIdent(table)} AS ${selectSql}`);
        return { table };
      }),

    columns: (table) =>
      serial(async ({ connection }) =>
        (await tableSchema(connection, table.table)).map(({ name, type }) => ({ name, type })),
      ),

    rowCount: (table) =>
      serial(async ({ connection }) => (await plainRows(connection, `SELECT count(*) FROM ${ref(table)}`))[0][0] as number),

    toFrame: (table, columns) => serial(({ connection }) => readFrame(connection, table.table, columns, nextId)),

    fromFrame: (frame, hint) =>
      serial(async ({ connection }) => {
        const table = newTableName(hint);
        await writeFrame(connection, frame, table);
        return { table };
      }),

    preview: (table, previewOptions) => serial(({ connection }) => previewTable(connection, table.table, previewOptions)),

    writeCsv: (table, path) =>
      serial(async ({ connection }) => {
        await connection.run(
          `COPY (SELECT * FROM ${ref(table)}) TO ${quoteLiteral(path)} ` +
            `(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '')`,
        );
      }),

    toParquetBytes: (table) =>
      serial(async ({ connection, scratchPath }) => {
        const path = scratchPath('parquet');
        try {
          await connection.run(
            `COPY (SELECT * FROM ${ref(table)}) TO ${quoteLiteral(path)} (FORMAT parquet, COMPRESSION zstd)`,
          );
          return new Uint8Array(await readFile(path));
        } finally {
          await rm(path, { force: true });
        }
      }),

    fromParquetBytes: (bytes, hint) =>
      serial(async ({ connection, scratchPath }) => {
        const path = scratchPath('parquet');
        const table = newTableName(hint);
        try {
          await writeFile(path, bytes);
          await connection.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM read_parquet(${quoteLiteral(path)})`);
          return { table };
        } finally {
          await rm(path, { force: true });
        }
      }),

    readCsv: (path, csvOptions) => {
      const table = newTableName(fileTableHint(path));
      return serial(({ connection }) => readCsvFile(connection, path, csvOptions, table, nextId));
    },

    sniffCsv: (path, csvOptions) => serial(({ connection }) => sniffCsvColumns(connection, path, csvOptions)),

    readParquet: (path) => {
      const table = newTableName(fileTableHint(path));
      return serial(({ connection }) => readParquetFile(connection, path, table));
    },

    parquetColumns: (path) => serial(({ connection }) => parquetColumns(connection, path)),

    query: (sql, tables, hint, queryOptions = {}) =>
      serial(async ({ connection }) => {
        const table = newTableName(hint);
        // The sandbox holds a copy of its input tables: while it runs, it and the session share the session's limit
        // half and half (both spill beyond their share), so the process stays within PLUMB_MEMORY_LIMIT.
        const share = memoryBytes !== undefined ? Math.floor(memoryBytes / 2) : undefined;
        const lowered = share !== undefined && (await setMemoryLimit(connection, share));
        try {
          await runSandboxedQuery(connection, sql, tables, table, {
            ...queryOptions,
            ...(share !== undefined ? { memoryCapBytes: share } : {}),
            tempDirectory: join(scratch, `sql-${nextId()}`),
            threads: options.threads,
            onConnection: (sandbox) => {
              sandboxConnection = sandbox;
            },
          });
        } finally {
          if (lowered && memoryBytes !== undefined) await setMemoryLimit(connection, memoryBytes);
        }
        return { table };
      }),

    interrupt: () => {
      interrupted = true;
      connection.interrupt();
      sandboxConnection?.interrupt();
    },

    close: async () => {
      if (closed) return;
      await queue;
      closed = true;
      connection.closeSync();
      instance.closeSync();
      await rm(scratch, { recursive: true, force: true });
    },
  };
  return session;
}

/** A size in bytes ('2GB'), or undefined for a share of RAM or text DuckDB alone understands. */
function fixedBytes(text: string): number | undefined {
  const parsed = parseMemoryLimit(text);
  return parsed && 'bytes' in parsed ? parsed.bytes : undefined;
}

/** Best effort: DuckDB evicts (spills) down to the new limit; false when it could not. */
async function setMemoryLimit(connection: DuckDBConnection, bytes: number): Promise<boolean> {
  try {
    await connection.run(`SET memory_limit = '${bytes}B'`);
    return true;
  } catch {
    return false;
  }
}
