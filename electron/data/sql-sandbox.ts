// User SQL runs here: a throw-away DuckDB instance with no file access, its configuration locked, its memory
// bounded (spilling to its own temp folder), fed with copies of the input tables it refers to. The result
// streams back into the session's instance as a new table. Cancel and the time limit interrupt it.
import { mkdir, rm } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import { MEMORY_LIMIT_HELP, parseMemoryLimit } from '../../shared/catalog/data/sql.js';
import { cancelledError, invalidInput, isPlumbError, PlumbError, runtimeError } from '../../shared/errors.js';
import { tableSchema } from './schema.js';
import { checkReadOnlyQuery, checkSelectStatement, queryError } from './sql-query.js';
import { quoteIdent } from './sql-text.js';
import type { QueryOptions, TableRef } from './types.js';

export const DEFAULT_MEMORY_LIMIT = '50%';

export interface SandboxOptions extends QueryOptions {
  /** Where the sandbox spills; created, and removed afterwards. */
  tempDirectory: string;
  threads?: number;
  /** At most this many bytes whatever `memoryLimit` says (the session's share of PLUMB_MEMORY_LIMIT). */
  memoryCapBytes?: number;
  /** Told the sandbox's connection while it runs (and undefined after), so a session-wide interrupt reaches it. */
  onConnection?: (connection: DuckDBConnection | undefined) => void;
}

/** `memory_limit` as bytes (a share of RAM is taken of os.totalmem()); invalid_input naming the param otherwise. */
export function memoryLimitBytes(text: string, total: number = totalmem()): number {
  const parsed = parseMemoryLimit(text);
  if (!parsed) throw invalidInput(`memory_limit '${text}' is not valid: expected ${MEMORY_LIMIT_HELP}`, { param: 'memory_limit' });
  return 'bytes' in parsed ? parsed.bytes : Math.floor(total * parsed.fraction);
}

/**
 * The sandbox's settings, all applied when the instance is created: limits and the spill folder first, then
 * external access off (no file, network or extension access: read_csv, replacement scans of paths, COPY,
 * ATTACH, INSTALL all fail) and the configuration locked so nothing can turn it back on.
 */
export function sandboxConfig(memoryBytes: number, tempDirectory: string, threads?: number): Record<string, string> {
  return {
    memory_limit: `${memoryBytes}B`,
    temp_directory: tempDirectory,
    ...(threads !== undefined ? { threads: String(threads) } : {}),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    enable_external_access: 'false',
    lock_configuration: 'true',
  };
}

/**
 * Runs one user query (checked by the parser wall first) and materializes it as `target` on `source`.
 * The caller holds `source` exclusively for the whole call.
 */
export async function runSandboxedQuery(
  source: DuckDBConnection,
  sql: string,
  tables: Readonly<Record<string, TableRef>>,
  target: string,
  options: SandboxOptions,
): Promise<void> {
  const asked = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  const memoryBytes = Math.min(memoryLimitBytes(asked), options.memoryCapBytes ?? Infinity);
  const memoryText = memoryBytes < memoryLimitBytes(asked) ? `${asked}, capped at ${memoryBytes} bytes: half of PLUMB_MEMORY_LIMIT` : asked;
  const timeLimit = options.timeLimitS ?? null;
  if (timeLimit !== null && !(timeLimit > 0)) {
    throw invalidInput(`time_limit_s must be a positive number of seconds (got ${timeLimit})`, { param: 'time_limit_s' });
  }
  const { signal } = options;
  if (signal?.aborted) throw cancelledError();

  let stopped: 'cancel' | 'time' | undefined;
  let sandbox: DuckDBConnection | undefined;
  const stop = (why: 'cancel' | 'time') => {
    stopped ??= why;
    sandbox?.interrupt();
  };
  const onAbort = () => stop('cancel');
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = timeLimit !== null ? setTimeout(() => stop('time'), timeLimit * 1000) : undefined;
  const stopError = (): PlumbError =>
    stopped === 'cancel'
      ? cancelledError()
      : runtimeError(`the query ran longer than time_limit_s (${timeLimit} s) and was stopped`, { param: 'time_limit_s' });
  const throwIfStopped = () => {
    if (stopped) throw stopError();
  };

  let created = false;
  let instance: DuckDBInstance | undefined;
  try {
    await mkdir(options.tempDirectory, { recursive: true });
    instance = await DuckDBInstance.create(':memory:', sandboxConfig(memoryBytes, options.tempDirectory, options.threads));
    sandbox = await instance.connect();
    options.onConnection?.(sandbox);
    throwIfStopped();

    const used = await checkReadOnlyQuery(sandbox, sql, Object.keys(tables));
    for (const name of used) await copyTable(source, tables[name].table, sandbox, name, throwIfStopped);
    throwIfStopped();
    await checkSelectStatement(sandbox, sql);

    // The query bound, so a failure now comes from the data (a bad cast, a division by zero): a runtime error.
    const result = await sandbox.stream(sql);
    const names = result.deduplicatedColumnNames();
    const types = result.columnTypes();
    const columns = names.map((name, i) => `${quoteIdent(name)} ${types[i].toString()}`);
    await source.run(`CREATE TABLE ${quoteIdent(target)} (${columns.join(', ')})`);
    created = true;
    const appender = await source.createAppender(target);
    await appendAll(appender, async () => {
      throwIfStopped();
      return result.fetchChunk();
    });
    throwIfStopped();
  } catch (e) {
    if (created) await source.run(`DROP TABLE IF EXISTS ${quoteIdent(target)}`).catch(() => undefined);
    throw explain(e, stopped ? stopError() : undefined, memoryText);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    options.onConnection?.(undefined);
    sandbox?.closeSync();
    instance?.closeSync();
    await rm(options.tempDirectory, { recursive: true, force: true });
  }
}

/** Copies `table` of `source` into `dest` as `name`, chunk by chunk (no files: the sandbox cannot read any). */
async function copyTable(
  source: DuckDBConnection,
  table: string,
  dest: DuckDBConnection,
  name: string,
  throwIfStopped: () => void,
): Promise<void> {
  const schema = await tableSchema(source, table);
  await dest.run(`CREATE TABLE ${quoteIdent(name)} (${schema.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
  const rows = await source.stream(`SELECT * FROM ${quoteIdent(table)}`);
  await appendAll(await dest.createAppender(name), async () => {
    throwIfStopped();
    return rows.fetchChunk();
  });
}

/** Appends every chunk `next` yields, then closes the appender (an error while closing never hides the first). */
async function appendAll(appender: DuckDBAppender, next: () => Promise<DuckDBDataChunk | null>): Promise<void> {
  try {
    for (;;) {
      const chunk = await next();
      if (!chunk || chunk.rowCount === 0) break;
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } catch (e) {
    try {
      appender.closeSync();
    } catch {
      // the first error is the one to report
    }
    throw e;
  }
  appender.closeSync();
}

/** A stop (cancel, time limit) wins over the interrupt error it caused; running out of memory names the limit. */
function explain(e: unknown, stop: PlumbError | undefined, memoryText: string): PlumbError {
  if (stop) return stop;
  if (isPlumbError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/out of memory/i.test(message)) {
    return runtimeError(
      `the query needs more memory than memory_limit allows (${memoryText})`,
      { param: 'memory_limit' },
      [message.split('\n')[0]],
    );
  }
  return queryError(e, 'runtime');
}
