// Opens a `*.plumb` project file (SQLite) and hands out its repositories: pipelines, runs, cache, datasets, models...
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PlumbError } from '../../shared/errors.js';
import { alertsOf, type Alerts } from './alerts.js';
import { blobCapOf } from './blob-files.js';
import { blobsOf, type Blobs } from './blobs.js';
import { cacheOf, type ProjectCache } from './cache.js';
import { componentLibraryOf, type ComponentLibrary } from './component-library.js';
import { datasetsOf, type Datasets } from './datasets.js';
import type { Clock, Db, StoreContext } from './db.js';
import { readSqliteHeader } from './file-header.js';
import { LATEST_SCHEMA, migrate, newerFileError, PLUMB_APPLICATION_ID, userVersion } from './migrations.js';
import { modelsOf, type Models } from './models.js';
import { pipelinesOf, type Pipelines } from './pipelines.js';
import { predictionLogOf, type PredictionLog } from './prediction-log.js';
import { saveProjectCopy } from './project-copy.js';
import { runHistoryOf, type RunHistory } from './run-history.js';
import { runRecordsOf, seriesOf, type RunRecords, type SeriesStore } from './run-records.js';
import { runsOf, type Runs } from './runs.js';

export interface ProjectFileOptions {
  /** Open without writing anything: no migration, no recovery of interrupted runs. */
  readonly?: boolean;
  /** Create the file when it does not exist (otherwise that is an invalid_input error). */
  create?: boolean;
  /** Source of every stored timestamp; tests pin it. */
  now?: Clock;
  /** How long a write waits for another process's write to end before failing (ms, default 5000). */
  busyTimeoutMs?: number;
  /** Blobs above this many bytes live in `<project>.data/` beside the file (default PLUMB_BLOB_CAP_BYTES, else 256 MB). */
  blobCapBytes?: number;
}

export interface ProjectFile {
  /** Absolute path of the file. */
  readonly path: string;
  readonly readonly: boolean;
  /** `PRAGMA user_version` after opening. */
  readonly schemaVersion: number;
  readonly pipelines: Pipelines;
  /** Components saved to be reused across the project's pipelines. */
  readonly components: ComponentLibrary;
  readonly runs: Runs;
  /** Runs as a list to page, sort, annotate and delete (with what only they referred to). */
  readonly history: RunHistory;
  /** The engine's OutputCache. */
  readonly cache: ProjectCache;
  readonly blobs: Blobs;
  readonly datasets: Datasets;
  /** Blobs above this many bytes live beside the file; dataset versions above it keep a sample. */
  readonly blobCapBytes: number;
  readonly models: Models;
  readonly metrics: RunRecords;
  readonly series: SeriesStore;
  readonly explanations: RunRecords;
  readonly drift: RunRecords;
  readonly alerts: Alerts;
  /** Predictions served by `plumb serve` (data.prediction_log reads them). */
  readonly predictionLog: PredictionLog;
  /** `PRAGMA integrity_check` rows: `['ok']` for a sound file. */
  integrityCheck(): string[];
  /**
   * Save-as: writes a consistent copy to `target` (through a temp file and a rename). Refuses to replace a file that
   * is not a Plumb project; this file stays open either way.
   */
  saveCopy(target: string): Promise<void>;
  /** Marks runs this process left running as interrupted, then closes the file. */
  close(): void;
}

const IN_MEMORY = ':memory:';

export function openProjectFile(path: string, options: ProjectFileOptions = {}): ProjectFile {
  const readonly = options.readonly ?? false;
  const file = path === IN_MEMORY ? IN_MEMORY : resolve(path);
  if (file !== IN_MEMORY && !existsSync(file) && (readonly || !options.create)) {
    throw new PlumbError('invalid_input', `no project file at ${file}`, { file });
  }

  if (file !== IN_MEMORY && existsSync(file)) identifyByHeader(file);

  let db: Db;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly || !options.create });
  } catch (e) {
    throw new PlumbError('invalid_input', `cannot open project file ${file}: ${messageOf(e)}`, { file });
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    identify(db, file, readonly);
    // A read-only open is an export: check every page first, so a damaged file is reported instead of read
    // around (the app's read-write opens skip this: it reads the whole file).
    if (readonly && file !== IN_MEMORY) checkIntact(db, file);
    if (!readonly) {
      // Set only after `identify`: never change the journal mode of someone else's database.
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (file !== IN_MEMORY && mode !== 'wal') {
        throw new PlumbError('runtime', `cannot switch project file ${file} to WAL mode (got '${String(mode)}')`, { file });
      }
      // In WAL mode NORMAL syncs the WAL at checkpoints instead of at every commit. A killed process
      // loses nothing (its commits are already in the OS page cache) and a commit is never seen in
      // part; only an OS crash or power cut can drop the last few commits, whole. That is the promise
      // here: a run, a save, a cache entry is all there or not there, so the fsync per commit of FULL
      // would buy durability against power loss at the cost of every node status update.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!readonly) migrate(db, file);
    const schemaVersion = userVersion(db);
    if (readonly && schemaVersion < LATEST_SCHEMA) {
      throw new PlumbError(
        'invalid_input',
        `project file ${file} uses an older schema (${schemaVersion} < ${LATEST_SCHEMA}): open it read-write once to upgrade it`,
        { file },
      );
    }
    return projectOver(db, file, readonly, schemaVersion, options.now ?? (() => new Date()), blobCapOf(options.blobCapBytes));
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * The first wall, from the file's header alone, before SQLite opens it (which could create `-wal`/`-shm` files
 * beside someone else's database): refuses what is not SQLite and SQLite databases of other applications.
 * An empty database (application_id and user_version 0, at most one page) goes on to `identify`, and so does
 * any file with a `-wal` beside it, whose header may not be current.
 */
function identifyByHeader(file: string): void {
  if (!statSync(file).isFile()) return; // SQLite's own error names folders and devices
  const header = readSqliteHeader(file);
  if (header.kind === 'not-sqlite') {
    throw new PlumbError('invalid_input', `${file} is not a Plumb project file (it is not a SQLite database)`, { file });
  }
  if (header.kind !== 'sqlite' || header.applicationId === PLUMB_APPLICATION_ID || existsSync(`${file}-wal`)) return;
  if (header.applicationId === 0 && header.userVersion === 0 && header.pages <= 1) return;
  throw new PlumbError(
    'invalid_input',
    `${file} is a SQLite database but not a Plumb project file (application_id 0x${(header.applicationId >>> 0).toString(16)})`,
    { file },
  );
}

/** `PRAGMA quick_check` (every page and index, without the slower cross-checks): a damaged file is refused. */
function checkIntact(db: Db, file: string): void {
  let problem: string | undefined;
  try {
    const rows = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
    if (rows.length !== 1 || rows[0] !== 'ok') problem = rows.join('\n').split('\n').filter((l) => l && !l.startsWith('***'))[0];
  } catch (e) {
    problem = messageOf(e);
  }
  if (problem !== undefined) {
    throw new PlumbError('invalid_input', `project file ${file} is damaged (${problem.slice(0, 200)}): restore it from a copy`, { file });
  }
}

/** Refuses files that are not SQLite, SQLite files that are not Plumb projects, and newer projects. */
function identify(db: Db, file: string, readonly: boolean): void {
  let applicationId: number;
  let tables: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    tables = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  } catch (e) {
    if (codeOf(e) === 'SQLITE_NOTADB') {
      throw new PlumbError('invalid_input', `${file} is not a Plumb project file (it is not a SQLite database)`, { file });
    }
    throw new PlumbError('invalid_input', `cannot read project file ${file}: ${messageOf(e)}`, { file });
  }
  const empty = applicationId === 0 && tables === 0 && userVersion(db) === 0;
  if (empty && readonly) throw new PlumbError('invalid_input', `${file} is an empty file, not a Plumb project yet`, { file });
  if (!empty && applicationId !== PLUMB_APPLICATION_ID) {
    throw new PlumbError(
      'invalid_input',
      `${file} is a SQLite database but not a Plumb project file (application_id 0x${(applicationId >>> 0).toString(16)})`,
      { file },
    );
  }
  const version = userVersion(db);
  if (version > LATEST_SCHEMA) throw newerFileError(file, version, LATEST_SCHEMA);
}

function projectOver(db: Db, path: string, readonly: boolean, schemaVersion: number, clock: Clock, blobCapBytes: number): ProjectFile {
  const context: StoreContext = { db, path, now: () => clock().toISOString(), blobCapBytes };
  const cache = cacheOf(context);
  const runs = runsOf(context, cache, path !== IN_MEMORY && !readonly);
  // Runs left 'running' by a process that died are settled before anyone lists them.
  if (!readonly) runs.recoverInterrupted();
  let open = true;
  return {
    path,
    readonly,
    schemaVersion,
    pipelines: pipelinesOf(context),
    components: componentLibraryOf(context),
    runs,
    history: runHistoryOf(context),
    cache,
    blobs: blobsOf(context),
    datasets: datasetsOf(context),
    blobCapBytes,
    models: modelsOf(context),
    metrics: runRecordsOf(context, 'metrics'),
    series: seriesOf(context),
    explanations: runRecordsOf(context, 'explanations'),
    drift: runRecordsOf(context, 'drift_reports'),
    alerts: alertsOf(context),
    predictionLog: predictionLogOf(context),
    integrityCheck: () => (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check),
    saveCopy: (target) => saveProjectCopy(db, path, resolve(target)),
    close() {
      if (!open) return;
      open = false;
      try {
        if (!readonly) runs.closeOwnRuns();
      } finally {
        db.close();
      }
    },
  };
}

const codeOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
