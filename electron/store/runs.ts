// Runs of pipelines and the status of each of their nodes, written as they happen.
//
// A run is inserted as 'running' with all its nodes 'queued', nodes move on one transaction at a time,
// and `finish` settles the run and every node in one transaction: a run reads as finished only when
// all of it was written. A run whose process died stays 'running' in the file until someone opens it
// read-write and finds the process gone (run-lock.ts); it is then marked 'interrupted'.
import { randomUUID } from 'node:crypto';
import type { NodeStatus, RunStatus as EngineRunStatus } from '../../shared/api/run-types.js';
import { PlumbError } from '../../shared/errors.js';
import { sha256 } from './blobs.js';
import type { ProjectCache } from './cache.js';
import { fromJson, read, toJson, write, type StoreContext } from './db.js';
import { holdRunLock, ifRunProcessGone, sweepStaleRunLocks, type RunLock } from './run-lock.js';

/** How a run ended, as the engine reports it. */
export type FinishedRunStatus = EngineRunStatus;
/** A stored run's status: how it ended, or still running, or its process died before it ended. */
export type RunStatus = 'running' | FinishedRunStatus | 'interrupted';
export type RunNodeStatus = NodeStatus | 'interrupted';

export interface RunStart {
  /** Defaults to a random UUID; letters, digits, '-' and '_' only (it names the run's lock file). */
  id?: string;
  pipeline: string;
  /** Defaults to the pipeline's latest version. */
  version?: number;
  params?: Record<string, unknown>;
  /** Values set for this run only, e.g. `{ "split.seed": 3 }` from `--set split.seed=3`. */
  overrides?: Record<string, unknown>;
  /** Every node of the run, in pipeline order, with its effective params (defaults filled in). */
  nodes: readonly { id: string; type: string; params?: Record<string, unknown> }[];
  /** Where training ran, e.g. 'wasm (CPU)'. */
  computeBackend?: string;
  plumbVersion?: string;
  note?: string;
  tags?: readonly string[];
}

export interface NodeUpdate {
  seconds?: number;
  error?: string;
  cacheKey?: string;
  progress?: number;
}

export interface RunFinish {
  status: FinishedRunStatus;
  /** Defaults to the wall time since the run started. */
  seconds?: number;
  error?: string;
  /** Final node statuses, written in the same transaction as the run's. */
  nodes?: readonly ({ id: string; status: RunNodeStatus } & NodeUpdate)[];
}

export interface RunSummary {
  id: string;
  pipeline: string;
  /** Undefined once the pipeline was deleted. */
  pipelineVersion: number | undefined;
  params: Record<string, unknown>;
  overrides: Record<string, unknown>;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  seconds: number | null;
  error: string | null;
  /** sha256 of the pipeline version's YAML; null for runs recorded before it was kept. */
  pipelineHash: string | null;
  computeBackend: string | null;
  plumbVersion: string | null;
  note: string | null;
}

export interface RunNode {
  id: string;
  type: string;
  status: RunNodeStatus;
  seconds: number | null;
  error: string | null;
  cacheKey: string | null;
  progress: number | null;
  /** The node's effective params; undefined for runs recorded before they were kept. */
  params: Record<string, unknown> | undefined;
}

export interface RunDetail extends RunSummary {
  nodes: RunNode[];
}

export interface Runs {
  start(run: RunStart): RunSummary;
  updateNode(runId: string, nodeId: string, status: RunNodeStatus, update?: NodeUpdate): void;
  progress(runId: string, nodeId: string, fraction: number): void;
  finish(runId: string, result: RunFinish): RunDetail;
  /** Newest first. */
  list(filter?: { pipeline?: string; status?: RunStatus; limit?: number }): RunSummary[];
  get(runId: string): RunDetail | undefined;
  /** A node's outputs, only once the node is 'done' or 'cached' and while its cache entry exists. */
  outputs(runId: string, nodeId: string): Record<string, Uint8Array> | undefined;
  /** Deletes a run that is not running, with its metrics, series, explanations and drift reports. */
  delete(runId: string): void;
  /**
   * Marks runs whose process is gone as 'interrupted' and returns their ids. Done on every read-write
   * open; a long-lived process (the app) may call it again, e.g. when showing the runs view.
   */
  recoverInterrupted(): string[];
}

/** What the project file itself needs on close, beyond what its users see. */
export interface OwnRuns {
  /** Marks the runs this connection left running as 'interrupted' and lets go of their locks. */
  closeOwnRuns(): void;
}

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

interface RunRow {
  id: string;
  pipeline_name: string;
  pipeline_version: number | null;
  params: string;
  overrides: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  seconds: number | null;
  error: string | null;
  pipeline_hash: string | null;
  compute_backend: string | null;
  plumb_version: string | null;
  note: string | null;
}

export function runsOf({ db, path, now }: StoreContext, cache: ProjectCache, lockable: boolean): Runs & OwnRuns {
  const ownLocks = new Map<string, RunLock>();

  const selectPipelineVersion = db.prepare(`
    SELECT p.id, v.version, v.yaml FROM pipelines p JOIN pipeline_versions v ON v.pipeline_id = p.id
    WHERE p.name = @name AND (v.version = @version OR (@version IS NULL AND v.version =
      (SELECT max(version) FROM pipeline_versions WHERE pipeline_id = p.id)))`);
  const insertRun = db.prepare(`
    INSERT INTO runs (id, pipeline_id, pipeline_version, pipeline_name, params, overrides, status, started_at,
      pipeline_hash, compute_backend, plumb_version, note)
    VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)`);
  const insertNode = db.prepare(
    "INSERT INTO run_nodes (run_id, node_id, position, type, status, params) VALUES (?, ?, ?, ?, 'queued', ?)",
  );
  const insertTag = db.prepare('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
  const selectRun = db.prepare('SELECT * FROM runs WHERE id = ?');
  const selectStatus = db.prepare('SELECT status FROM runs WHERE id = ?').pluck();
  const selectNodes = db.prepare(
    'SELECT node_id, type, status, seconds, error, cache_key, progress, params FROM run_nodes WHERE run_id = ? ORDER BY position',
  );
  const selectNode = db.prepare('SELECT status, cache_key FROM run_nodes WHERE run_id = ? AND node_id = ?');
  const updateNodeRow = db.prepare(`
    UPDATE run_nodes SET status = @status, seconds = coalesce(@seconds, seconds), error = coalesce(@error, error),
      cache_key = coalesce(@cacheKey, cache_key), progress = coalesce(@progress, progress)
    WHERE run_id = @runId AND node_id = @nodeId`);
  const updateProgress = db.prepare('UPDATE run_nodes SET progress = ? WHERE run_id = ? AND node_id = ?');
  const settleUnfinishedNodes = db.prepare(
    "UPDATE run_nodes SET status = CASE status WHEN 'queued' THEN @queued ELSE @running END WHERE run_id = @runId AND status IN ('queued', 'running')",
  );
  const selectUnfinishedNodes = db
    .prepare("SELECT node_id FROM run_nodes WHERE run_id = ? AND status IN ('queued', 'running') ORDER BY position")
    .pluck();
  const updateRunFinished = db.prepare(
    'UPDATE runs SET status = ?, finished_at = ?, seconds = ?, error = ? WHERE id = ?',
  );
  const interruptRun = db.prepare(
    "UPDATE runs SET status = 'interrupted', error = ? WHERE id = ? AND status = 'running'",
  );
  const interruptNodes = db.prepare(
    "UPDATE run_nodes SET status = 'interrupted' WHERE run_id = ? AND status IN ('queued', 'running')",
  );
  const selectRunning = db.prepare("SELECT id FROM runs WHERE status = 'running'").pluck();
  const deleteRun = db.prepare('DELETE FROM runs WHERE id = ?');
  const selectList = db.prepare(`
    SELECT * FROM runs WHERE (@pipeline IS NULL OR pipeline_name = @pipeline) AND (@status IS NULL OR status = @status)
    ORDER BY started_at DESC, rowid DESC LIMIT @limit`);

  const summaryOf = (row: RunRow): RunSummary => ({
    id: row.id,
    pipeline: row.pipeline_name,
    pipelineVersion: row.pipeline_version ?? undefined,
    params: fromJson(row.params) as Record<string, unknown>,
    overrides: fromJson(row.overrides) as Record<string, unknown>,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    seconds: row.seconds,
    error: row.error,
    pipelineHash: row.pipeline_hash,
    computeBackend: row.compute_backend,
    plumbVersion: row.plumb_version,
    note: row.note,
  });

  const detail = (runId: string): RunDetail | undefined =>
    read(db, () => {
      const row = selectRun.get(runId) as RunRow | undefined;
      if (!row) return undefined;
      const nodes = (selectNodes.all(runId) as Record<string, unknown>[]).map((n) => ({
        id: n.node_id as string,
        type: n.type as string,
        status: n.status as RunNodeStatus,
        seconds: n.seconds as number | null,
        error: n.error as string | null,
        cacheKey: n.cache_key as string | null,
        progress: n.progress as number | null,
        params: fromJson(n.params as string | null) as Record<string, unknown> | undefined,
      }));
      return { ...summaryOf(row), nodes };
    });

  /** Inside a write transaction: the run must exist and still be running. */
  const requireRunning = (runId: string): void => {
    const status = selectStatus.get(runId) as RunStatus | undefined;
    if (status === undefined) throw new PlumbError('runtime', `no run '${runId}' in this project`, { file: path });
    if (status !== 'running') {
      throw new PlumbError('runtime', `run '${runId}' is no longer running (it is '${status}')`, { file: path });
    }
  };

  const setNode = (runId: string, nodeId: string, status: RunNodeStatus, update: NodeUpdate = {}): void => {
    const changed = updateNodeRow.run({
      runId,
      nodeId,
      status,
      seconds: update.seconds ?? null,
      error: update.error ?? null,
      cacheKey: update.cacheKey ?? null,
      progress: update.progress ?? null,
    }).changes;
    if (changed === 0) {
      throw new PlumbError('runtime', `run '${runId}' has no node '${nodeId}'`, { file: path, node: nodeId });
    }
  };

  const markInterrupted = (runId: string, reason: string): void =>
    write(db, () => {
      if (interruptRun.run(reason, runId).changes > 0) interruptNodes.run(runId);
    });

  return {
    start(run) {
      const id = run.id ?? randomUUID();
      if (!RUN_ID.test(id)) throw new PlumbError('invalid_input', `run id '${id}' must match ${RUN_ID}`);
      const target = selectPipelineVersion.get({ name: run.pipeline, version: run.version ?? null }) as
        | { id: number; version: number; yaml: string }
        | undefined;
      if (!target) {
        const what = run.version === undefined ? '' : ` version ${run.version}`;
        throw new PlumbError('invalid_input', `no pipeline '${run.pipeline}'${what} in this project`, { file: path });
      }
      // The lock comes first: once the 'running' row is visible, its owner must already be provable.
      const lock = lockable ? holdRunLock(path, id) : undefined;
      try {
        write(db, () => {
          insertRun.run(
            id, target.id, target.version, run.pipeline, toJson(run.params ?? {}), toJson(run.overrides ?? {}), now(),
            sha256(new TextEncoder().encode(target.yaml)), run.computeBackend ?? null, run.plumbVersion ?? null, run.note ?? null,
          );
          run.nodes.forEach((node, position) => insertNode.run(id, node.id, position, node.type, toJson(node.params)));
          for (const tag of run.tags ?? []) insertTag.run(id, tag);
        });
      } catch (e) {
        lock?.release();
        throw e;
      }
      if (lock) ownLocks.set(id, lock);
      return detail(id) as RunDetail;
    },

    updateNode(runId, nodeId, status, update) {
      write(db, () => {
        requireRunning(runId);
        setNode(runId, nodeId, status, update);
      });
    },

    progress(runId, nodeId, fraction) {
      write(db, () => {
        requireRunning(runId);
        if (updateProgress.run(fraction, runId, nodeId).changes === 0) {
          throw new PlumbError('runtime', `run '${runId}' has no node '${nodeId}'`, { file: path, node: nodeId });
        }
      });
    },

    finish(runId, result) {
      write(db, () => {
        requireRunning(runId);
        for (const node of result.nodes ?? []) setNode(runId, node.id, node.status, node);
        if (result.status === 'ok') {
          const unfinished = selectUnfinishedNodes.all(runId) as string[];
          if (unfinished.length > 0) {
            throw new PlumbError('runtime', `run '${runId}' cannot finish 'ok' while nodes ${unfinished.join(', ')} have not finished`);
          }
        } else {
          const cancelled = result.status === 'cancelled';
          settleUnfinishedNodes.run({ runId, queued: cancelled ? 'cancelled' : 'skipped', running: 'cancelled' });
        }
        const row = selectRun.get(runId) as RunRow;
        const finishedAt = now();
        const seconds = result.seconds ?? (Date.parse(finishedAt) - Date.parse(row.started_at)) / 1000;
        updateRunFinished.run(result.status, finishedAt, seconds, result.error ?? null, runId);
      });
      ownLocks.get(runId)?.release();
      ownLocks.delete(runId);
      return detail(runId) as RunDetail;
    },

    list(filter = {}) {
      const rows = selectList.all({
        pipeline: filter.pipeline ?? null,
        status: filter.status ?? null,
        limit: filter.limit ?? -1,
      }) as RunRow[];
      return rows.map(summaryOf);
    },

    get: detail,

    outputs(runId, nodeId) {
      return read(db, () => {
        const node = selectNode.get(runId, nodeId) as { status: RunNodeStatus; cache_key: string | null } | undefined;
        if (!node || (node.status !== 'done' && node.status !== 'cached') || node.cache_key === null) return undefined;
        return cache.getSync(node.cache_key);
      });
    },

    delete(runId) {
      write(db, () => {
        const status = selectStatus.get(runId) as RunStatus | undefined;
        if (status === undefined) throw new PlumbError('invalid_input', `no run '${runId}' in this project`, { file: path });
        if (status === 'running') throw new PlumbError('invalid_input', `run '${runId}' is still running`, { file: path });
        deleteRun.run(runId);
      });
    },

    recoverInterrupted() {
      if (!lockable) return [];
      const recovered: string[] = [];
      for (const runId of selectRunning.all() as string[]) {
        if (ownLocks.has(runId)) continue;
        const gone = ifRunProcessGone(path, runId, () =>
          markInterrupted(runId, 'the process running it ended before it finished'),
        );
        if (gone && selectStatus.get(runId) === 'interrupted') recovered.push(runId);
      }
      // Side files of runs that are not running (killed after the final commit, or before the run was recorded).
      sweepStaleRunLocks(path, (runId) => ownLocks.has(runId) || selectStatus.get(runId) === 'running');
      return recovered;
    },

    closeOwnRuns() {
      for (const [runId, lock] of ownLocks) {
        markInterrupted(runId, 'the project was closed before the run finished');
        lock.release();
      }
      ownLocks.clear();
    },
  };
}
