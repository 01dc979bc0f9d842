// What a run's nodes report: metrics, explanations and drift reports (one JSON value per node) and series.
import type { SeriesPoint } from '../../shared/api/run-types.js';
import { PlumbError } from '../../shared/errors.js';
import { fromJson, read, toJson, withKnownRun, write, type Db, type StoreContext } from './db.js';

export interface RunRecord {
  runId: string;
  nodeId: string;
  value: unknown;
  createdAt: string;
}

export interface RunRecordFilter {
  runId?: string;
  nodeId?: string;
  /** Runs of this pipeline, to compare them. */
  pipeline?: string;
}

/** One JSON value per (run, node); writing again replaces it. */
export interface RunRecords {
  put(runId: string, nodeId: string, value: unknown): void;
  get(runId: string, nodeId: string): unknown;
  /** Oldest run first. */
  list(filter?: RunRecordFilter): RunRecord[];
}

export interface SeriesRecord {
  runId: string;
  nodeId: string;
  port: string;
  points: SeriesPoint[];
  createdAt: string;
}

export interface SeriesStore {
  put(runId: string, nodeId: string, port: string, points: readonly SeriesPoint[]): void;
  get(runId: string, nodeId: string, port: string): SeriesPoint[] | undefined;
  list(filter?: RunRecordFilter): SeriesRecord[];
}

type RecordTable = 'metrics' | 'explanations' | 'drift_reports';

export function runRecordsOf({ db, path, now }: StoreContext, table: RecordTable): RunRecords {
  const upsert = db.prepare(`
    INSERT INTO ${table} (run_id, node_id, value, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (run_id, node_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`);
  const selectOne = db.prepare(`SELECT value FROM ${table} WHERE run_id = ? AND node_id = ?`).pluck();
  const selectMany = filtered(db, `SELECT t.run_id AS runId, t.node_id AS nodeId, t.value, t.created_at AS createdAt FROM ${table} t`);

  return {
    put(runId, nodeId, value) {
      const text = toJson(value);
      if (text === null) throw new PlumbError('runtime', `cannot store an undefined value in ${table}`, { node: nodeId });
      withKnownRun(path, runId, () => write(db, () => upsert.run(runId, nodeId, text, now())));
    },
    get: (runId, nodeId) => fromJson((selectOne.get(runId, nodeId) as string | undefined) ?? null),
    list: (filter = {}) =>
      selectMany(filter).map((row) => ({ ...(row as RunRecord), value: fromJson((row as { value: string }).value) })),
  };
}

export function seriesOf({ db, path, now }: StoreContext): SeriesStore {
  const upsert = db.prepare(`
    INSERT INTO series (run_id, node_id, port, points, created_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (run_id, node_id, port) DO UPDATE SET points = excluded.points, created_at = excluded.created_at`);
  const selectOne = db.prepare('SELECT points FROM series WHERE run_id = ? AND node_id = ? AND port = ?').pluck();
  const selectMany = filtered(
    db,
    'SELECT t.run_id AS runId, t.node_id AS nodeId, t.port, t.points, t.created_at AS createdAt FROM series t',
    't.port',
  );

  return {
    put(runId, nodeId, port, points) {
      withKnownRun(path, runId, () => write(db, () => upsert.run(runId, nodeId, port, JSON.stringify(points), now())));
    },
    get: (runId, nodeId, port) =>
      fromJson((selectOne.get(runId, nodeId, port) as string | undefined) ?? null) as SeriesPoint[] | undefined,
    list: (filter = {}) =>
      selectMany(filter).map((row) => ({ ...(row as SeriesRecord), points: JSON.parse((row as { points: string }).points) })),
  };
}

/** A query over one of the tables above, narrowed by run, node or pipeline, oldest run first. */
function filtered(db: Db, select: string, extraOrder?: string): (filter: RunRecordFilter) => unknown[] {
  const order = `ORDER BY r.started_at, r.rowid, t.node_id${extraOrder ? `, ${extraOrder}` : ''}`;
  const statement = db.prepare(`${select} JOIN runs r ON r.id = t.run_id
    WHERE (@runId IS NULL OR t.run_id = @runId) AND (@nodeId IS NULL OR t.node_id = @nodeId)
      AND (@pipeline IS NULL OR r.pipeline_name = @pipeline) ${order}`);
  return (filter) =>
    read(db, () =>
      statement.all({ runId: filter.runId ?? null, nodeId: filter.nodeId ?? null, pipeline: filter.pipeline ?? null }),
    );
}
