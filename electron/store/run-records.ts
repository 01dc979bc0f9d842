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
  // Metrics also land as one row per number, so runs can be sorted and filtered by any of them in SQL.
  const scalars =
    table === 'metrics'
      ? {
          clear: db.prepare('DELETE FROM run_metrics WHERE run_id = ? AND node_id = ?'),
          insert: db.prepare('INSERT INTO run_metrics (run_id, node_id, key, value) VALUES (?, ?, ?, ?)'),
        }
      : undefined;

  return {
    put(runId, nodeId, value) {
      const text = toJson(value);
      if (text === null) throw new PlumbError('runtime', `cannot store an undefined value in ${table}`, { node: nodeId });
      withKnownRun(path, runId, () =>
        write(db, () => {
          upsert.run(runId, nodeId, text, now());
          if (!scalars) return;
          scalars.clear.run(runId, nodeId);
          for (const [key, number] of scalarMetrics(value)) scalars.insert.run(runId, nodeId, key, number);
        }),
      );
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

/**
 * The finite numbers of a metrics value, two levels deep ('roc_auc', 'difference.value'); arrays (curves, matrices)
 * are left out: they are not one number per run.
 */
export function scalarMetrics(value: unknown): [key: string, value: number][] {
  const found: [string, number][] = [];
  const visit = (node: unknown, prefix: string, depth: number) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, v] of Object.entries(node as Record<string, unknown>)) {
      if (typeof v === 'number' && Number.isFinite(v)) found.push([prefix + key, v]);
      else if (depth < 2) visit(v, `${prefix}${key}.`, depth + 1);
    }
  };
  visit(value, '', 1);
  return found;
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
