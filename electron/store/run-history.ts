// The runs as a history to browse: pages sorted and filtered in SQL (by any metric too), notes and tags, and
// deleting runs together with the cached outputs, dataset versions and blobs nothing else refers to.
import { PlumbError } from '../../shared/errors.js';
import { sweepBlobFiles } from './blob-files.js';
import { read, write, type StoreContext } from './db.js';
import type { RunStatus } from './runs.js';

/** A sort column: a run field, or `metric:<node>.<key>` (e.g. `metric:evaluate.roc_auc`). */
export type RunSortKey = 'started_at' | 'seconds' | 'status' | 'pipeline' | `metric:${string}`;

export interface RunQuery {
  pipeline?: string;
  status?: RunStatus;
  tag?: string;
  sort?: RunSortKey;
  /** Default: newest first, and for metrics the largest first; missing values always last. */
  descending?: boolean;
  offset?: number;
  /** Default 100. */
  limit?: number;
}

export interface RunListing {
  id: string;
  pipeline: string;
  pipelineVersion: number | null;
  pipelineHash: string | null;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  seconds: number | null;
  note: string | null;
  tags: string[];
  /** `<node>.<key>` → value */
  metrics: Record<string, number>;
}

export interface RunPage {
  /** Runs matching the filter, over all pages. */
  total: number;
  offset: number;
  runs: RunListing[];
  /** Every `<node>.<key>` metric found in the matching runs, sorted: the metric columns of the list. */
  metricColumns: string[];
}

export interface RunsDeleted {
  runs: string[];
  cacheEntries: number;
  datasetVersions: number;
  blobs: number;
}

export interface RunHistory {
  query(query?: RunQuery): RunPage;
  tags(runId: string): string[];
  /** The ids of runs whose id starts with `prefix` (at most `limit`, default 2: enough to tell a unique match). */
  idsStartingWith(prefix: string, limit?: number): string[];
  /** Sets the note (null clears it) and/or replaces the tags. */
  annotate(runId: string, changes: { note?: string | null; tags?: readonly string[] }): void;
  /**
   * Deletes the runs (none may be running) in one transaction, with the cache entries, dataset versions and blobs
   * that only they referred to. A model version keeps its artifact and the dataset versions of its lineage.
   */
  delete(runIds: readonly string[]): RunsDeleted;
}

const SORT_COLUMNS: Record<Exclude<RunSortKey, `metric:${string}`>, string> = {
  started_at: 'r.started_at',
  seconds: 'r.seconds',
  status: 'r.status',
  pipeline: 'r.pipeline_name',
};

const TAG = /^[^\s,][^,]{0,99}$/;

/** `metric:evaluate.roc_auc` → node `evaluate`, key `roc_auc`; node ids never contain a dot, keys may. */
export function parseMetricColumn(column: string): { node: string; key: string } | undefined {
  const dot = column.indexOf('.');
  return dot > 0 && dot < column.length - 1 ? { node: column.slice(0, dot), key: column.slice(dot + 1) } : undefined;
}

export function runHistoryOf(context: StoreContext): RunHistory {
  const { db, path } = context;
  const where = `WHERE (@pipeline IS NULL OR r.pipeline_name = @pipeline) AND (@status IS NULL OR r.status = @status)
    AND (@tag IS NULL OR EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = @tag))`;
  const count = db.prepare(`SELECT count(*) FROM runs r ${where}`).pluck();
  // Distinct metric names come cheaply from the (node_id, key, value) index: a skip scan that seeks from one
  // (node, key) to the next (SELECT DISTINCT would read all 120,000 rows of 10,000 runs: ~100 ms against < 1 ms).
  // Each is then kept when any matching run has it, which stops at the first such run instead of joining every
  // metric row to its run.
  const nextKey = (node: string, key: string) => `(SELECT min(key) FROM run_metrics WHERE node_id = ${node} AND key > ${key})`;
  const nextNode = (node: string) => `(SELECT min(node_id) FROM run_metrics WHERE node_id > ${node})`;
  const columns = db.prepare(`
    WITH RECURSIVE k(node_id, key) AS (
      SELECT node_id, min(key) FROM run_metrics WHERE node_id = (SELECT min(node_id) FROM run_metrics)
      UNION ALL
      SELECT CASE WHEN ${nextKey('k.node_id', 'k.key')} IS NOT NULL THEN k.node_id ELSE ${nextNode('k.node_id')} END,
        coalesce(${nextKey('k.node_id', 'k.key')}, (SELECT min(key) FROM run_metrics WHERE node_id = ${nextNode('k.node_id')}))
      FROM k WHERE k.node_id IS NOT NULL
    )
    SELECT k.node_id || '.' || k.key FROM k
    WHERE k.node_id IS NOT NULL AND EXISTS (SELECT 1 FROM run_metrics m JOIN runs r ON r.id = m.run_id
      ${where.replace('WHERE', 'WHERE m.node_id = k.node_id AND m.key = k.key AND')})
    ORDER BY 1`).pluck();
  const page = (order: string, metricJoin: boolean) =>
    db.prepare(`
      SELECT r.id, r.pipeline_name AS pipeline, r.pipeline_version AS pipelineVersion, r.pipeline_hash AS pipelineHash,
        r.status, r.started_at AS startedAt, r.finished_at AS finishedAt, r.seconds, r.note
      FROM runs r ${metricJoin ? 'LEFT JOIN run_metrics s ON s.run_id = r.id AND s.node_id = @sortNode AND s.key = @sortKey' : ''}
      ${where} ORDER BY ${order}, r.started_at DESC, r.rowid DESC LIMIT @limit OFFSET @offset`);
  const pages = new Map<string, ReturnType<typeof page>>();
  const pageFor = (order: string, metricJoin: boolean) => {
    let statement = pages.get(order);
    if (!statement) pages.set(order, (statement = page(order, metricJoin)));
    return statement;
  };
  const metricsOf = db.prepare(
    "SELECT run_id AS runId, node_id || '.' || key AS name, value FROM run_metrics WHERE run_id IN (SELECT value FROM json_each(?))",
  );
  const tagsOf = db.prepare('SELECT run_id AS runId, tag FROM run_tags WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY tag');

  const selectStatus = db.prepare('SELECT status FROM runs WHERE id = ?').pluck();
  const idsWithPrefix = db.prepare('SELECT id FROM runs WHERE substr(id, 1, length(?)) = ? ORDER BY id LIMIT ?').pluck();
  const updateNote = db.prepare('UPDATE runs SET note = ? WHERE id = ?');
  const clearTags = db.prepare('DELETE FROM run_tags WHERE run_id = ?');
  const insertTag = db.prepare('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');

  // Deleting: what the runs pointed at is collected first, then kept only where something else still points.
  const runCacheKeys = db.prepare('SELECT DISTINCT cache_key FROM run_nodes WHERE run_id = ? AND cache_key IS NOT NULL').pluck();
  const runDatasetVersions = db.prepare(`
    SELECT dataset_version_id FROM run_datasets WHERE run_id = @id
    UNION SELECT id FROM dataset_versions WHERE run_id = @id`).pluck();
  const entryBlobs = db.prepare('SELECT blob_hash FROM node_outputs WHERE cache_key = ?').pluck();
  const versionBlob = db.prepare('SELECT blob_hash FROM dataset_versions WHERE id = ?').pluck();
  const deleteRun = db.prepare('DELETE FROM runs WHERE id = ?');
  const deleteEntryIfUnused = db.prepare(
    'DELETE FROM cache_entries WHERE cache_key = @key AND NOT EXISTS (SELECT 1 FROM run_nodes WHERE cache_key = @key)',
  );
  const deleteVersionIfUnused = db.prepare(`
    DELETE FROM dataset_versions WHERE id = @id
      AND NOT EXISTS (SELECT 1 FROM run_datasets WHERE dataset_version_id = @id)
      AND NOT EXISTS (SELECT 1 FROM model_version_datasets WHERE dataset_version_id = @id)`);
  const deleteEmptyDatasets = db.prepare(
    'DELETE FROM datasets WHERE NOT EXISTS (SELECT 1 FROM dataset_versions v WHERE v.dataset_id = datasets.id)',
  );
  const deleteBlobIfUnused = db.prepare(`
    DELETE FROM blobs WHERE hash = @hash
      AND NOT EXISTS (SELECT 1 FROM node_outputs WHERE blob_hash = @hash)
      AND NOT EXISTS (SELECT 1 FROM dataset_versions WHERE blob_hash = @hash)
      AND NOT EXISTS (SELECT 1 FROM model_versions WHERE blob_hash = @hash)`);

  return {
    query(query = {}) {
      const filter = { pipeline: query.pipeline ?? null, status: query.status ?? null, tag: query.tag ?? null };
      const sort = query.sort ?? 'started_at';
      const descending = query.descending ?? true;
      const direction = descending ? 'DESC' : 'ASC';
      let order: string;
      let sortBy: { sortNode: string; sortKey: string } | undefined;
      if (sort.startsWith('metric:')) {
        const metric = parseMetricColumn(sort.slice('metric:'.length));
        if (!metric) throw new PlumbError('invalid_input', `sort '${sort}' must name a metric as metric:<node>.<key>`);
        sortBy = { sortNode: metric.node, sortKey: metric.key };
        order = `s.value IS NULL, s.value ${direction}`;
      } else {
        const column = SORT_COLUMNS[sort as keyof typeof SORT_COLUMNS];
        if (!column) throw new PlumbError('invalid_input', `cannot sort runs by '${sort}'`);
        order = `${column} IS NULL, ${column} ${direction}`;
      }
      const offset = Math.max(0, Math.floor(query.offset ?? 0));
      const limit = Math.max(0, Math.floor(query.limit ?? 100));
      return read(db, () => {
        const rows = pageFor(order, sortBy !== undefined).all({ ...filter, ...sortBy, limit, offset }) as Omit<RunListing, 'tags' | 'metrics'>[];
        const ids = JSON.stringify(rows.map((r) => r.id));
        const metrics = new Map<string, Record<string, number>>();
        for (const m of metricsOf.all(ids) as { runId: string; name: string; value: number }[]) {
          (metrics.get(m.runId) ?? metrics.set(m.runId, {}).get(m.runId)!)[m.name] = m.value;
        }
        const tags = new Map<string, string[]>();
        for (const t of tagsOf.all(ids) as { runId: string; tag: string }[]) (tags.get(t.runId) ?? tags.set(t.runId, []).get(t.runId)!).push(t.tag);
        return {
          total: count.get(filter) as number,
          offset,
          runs: rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [], metrics: metrics.get(r.id) ?? {} })),
          metricColumns: columns.all(filter) as string[],
        };
      });
    },

    idsStartingWith: (prefix, limit = 2) => idsWithPrefix.all(prefix, prefix, limit) as string[],
    tags: (runId) => (tagsOf.all(JSON.stringify([runId])) as { tag: string }[]).map((t) => t.tag),

    annotate(runId, changes) {
      for (const tag of changes.tags ?? []) {
        if (!TAG.test(tag)) throw new PlumbError('invalid_input', `tag '${tag}' must be 1 to 100 characters, without commas or a leading space`);
      }
      write(db, () => {
        if (selectStatus.get(runId) === undefined) throw new PlumbError('invalid_input', `no run '${runId}' in this project`, { file: path });
        if (changes.note !== undefined) updateNote.run(changes.note === '' ? null : changes.note, runId);
        if (changes.tags !== undefined) {
          clearTags.run(runId);
          for (const tag of changes.tags) insertTag.run(runId, tag);
        }
      });
    },

    delete(runIds) {
      const ids = [...new Set(runIds)];
      const result = write(db, () => {
        const keys = new Set<string>();
        const versions = new Set<number>();
        for (const id of ids) {
          const status = selectStatus.get(id);
          if (status === undefined) throw new PlumbError('invalid_input', `no run '${id}' in this project`, { file: path });
          if (status === 'running') throw new PlumbError('invalid_input', `run '${id}' is still running`, { file: path });
          for (const key of runCacheKeys.all(id) as string[]) keys.add(key);
          for (const version of runDatasetVersions.all({ id }) as number[]) versions.add(version);
        }
        const blobs = new Set<string>();
        for (const key of keys) for (const hash of entryBlobs.all(key) as string[]) blobs.add(hash);
        for (const version of versions) blobs.add(versionBlob.get(version) as string);
        for (const id of ids) deleteRun.run(id);
        let cacheEntries = 0;
        for (const key of keys) cacheEntries += deleteEntryIfUnused.run({ key }).changes;
        let datasetVersions = 0;
        for (const id of versions) datasetVersions += deleteVersionIfUnused.run({ id }).changes;
        if (datasetVersions > 0) deleteEmptyDatasets.run();
        let removed = 0;
        for (const hash of blobs) removed += deleteBlobIfUnused.run({ hash }).changes;
        return { runs: ids, cacheEntries, datasetVersions, blobs: removed };
      });
      // Files of large blobs go after the transaction committed, so a failed delete never loses bytes.
      if (result.blobs > 0) sweepBlobFiles(context);
      return result;
    },
  };
}
