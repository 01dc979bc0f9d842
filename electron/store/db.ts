// What every repository of the project file shares: the connection type, transactions, JSON columns, the clock.
import type Database from 'better-sqlite3';
import { PlumbError } from '../../shared/errors.js';

export type Db = Database.Database;

/** The clock used for every timestamp, replaceable in tests; timestamps are ISO-8601 text. */
export type Clock = () => Date;

export interface StoreContext {
  readonly db: Db;
  readonly path: string;
  readonly now: () => string;
  /** blobs larger than this live in the folder beside the project (blob-files.ts); default 256 MB */
  readonly blobCapBytes?: number;
}

/**
 * Runs `fn` in one write transaction. IMMEDIATE takes the write lock up front: a deferred transaction
 * that later upgrades to a writer fails at once with SQLITE_BUSY in WAL mode instead of waiting on
 * busy_timeout. Nested calls become savepoints of the outer transaction.
 */
export function write<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** Runs several reads on one snapshot, so a concurrent writer can never be seen half-way. */
export function read<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).deferred();
}

export const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export const fromJson = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

/** Uint8Array view of what SQLite returns (a Buffer), without copying. */
export const asBytes = (value: Uint8Array): Uint8Array =>
  new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

/** Turns SQLite's bare foreign-key failure into an error that names the run. */
export function withKnownRun<T>(file: string, runId: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new PlumbError('runtime', `no run '${runId}' in this project`, { file });
    }
    throw e;
  }
}
