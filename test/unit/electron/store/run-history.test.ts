// The runs history: complete records, pages sorted and filtered in SQL, notes and tags, and deleting runs with
// garbage collection that leaves no orphan and never touches what another run or a model still refers to.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openProjectFile, type ProjectFile } from '../../../../electron/store/project-file.js';
import { tickingClock, useTempDir } from './temp-dir.js';

const bytes = (...b: number[]) => new Uint8Array(b);

function project(file: string): ProjectFile {
  const p = openProjectFile(file, { create: true, now: tickingClock() });
  p.pipelines.save('train', 'plumb: 1\nname: train\nnodes: []\n');
  p.pipelines.save('score', 'plumb: 1\nname: score\nnodes: []\n');
  return p;
}

/** A finished run whose node `gbm` has a cache entry `key` with the given model bytes and whose node `data` read `data`. */
function run(p: ProjectFile, options: { pipeline?: string; auc?: number; key: string; model: Uint8Array; data: Uint8Array; tags?: string[] }): string {
  const started = p.runs.start({
    pipeline: options.pipeline ?? 'train',
    nodes: [{ id: 'data', type: 'data.read_csv', params: { path: 'a.csv' } }, { id: 'gbm', type: 'model.gradient_boosting', params: { max_iter: options.auc ?? 0 } }],
    computeBackend: 'cpu',
    plumbVersion: '0.1.0',
    tags: options.tags,
  });
  p.cache.putSync(options.key, { model: options.model });
  p.cache.putSync(`${options.key}-data`, { table: options.data });
  p.datasets.addVersion({ name: 'churn', bytes: options.data, format: 'parquet', runId: started.id, nodeId: 'data' });
  if (options.auc !== undefined) p.metrics.put(started.id, 'evaluate', { roc_auc: options.auc, n: 10, roc: { fpr: [0, 1] }, a: { value: 2 } });
  p.runs.finish(started.id, {
    status: 'ok',
    nodes: [{ id: 'data', status: 'done', cacheKey: `${options.key}-data`, seconds: 0.5 }, { id: 'gbm', status: 'done', cacheKey: options.key, seconds: 1.5 }],
  });
  return started.id;
}

/** Rows that point at something that is gone (what GC must never leave behind). */
function orphans(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  try {
    return {
      outputsWithoutBlob: count('SELECT count(*) FROM node_outputs WHERE blob_hash NOT IN (SELECT hash FROM blobs)'),
      datasetsWithoutBlob: count('SELECT count(*) FROM dataset_versions WHERE blob_hash NOT IN (SELECT hash FROM blobs)'),
      modelsWithoutBlob: count('SELECT count(*) FROM model_versions WHERE blob_hash NOT IN (SELECT hash FROM blobs)'),
      unreferencedBlobs: count(`SELECT count(*) FROM blobs WHERE hash NOT IN (SELECT blob_hash FROM node_outputs
        UNION SELECT blob_hash FROM dataset_versions UNION SELECT blob_hash FROM model_versions)`),
      foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } finally {
    db.close();
  }
}

const none = { outputsWithoutBlob: 0, datasetsWithoutBlob: 0, modelsWithoutBlob: 0, unreferencedBlobs: 0, foreignKeyViolations: 0 };

describe('run records', () => {
  const dir = useTempDir();

  it('keep the pipeline hash, effective params, seconds per node, backend, version, metrics, datasets, note and tags', () => {
    const p = project(join(dir(), 'r.plumb'));
    const id = run(p, { auc: 0.8, key: 'k1', model: bytes(1), data: bytes(9), tags: ['baseline'] });
    const detail = p.runs.get(id)!;
    expect(detail).toMatchObject({ computeBackend: 'cpu', plumbVersion: '0.1.0', pipelineVersion: 1, status: 'ok' });
    expect(detail.pipelineHash).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.nodes.map((n) => [n.id, n.params, n.seconds])).toEqual([['data', { path: 'a.csv' }, 0.5], ['gbm', { max_iter: 0.8 }, 1.5]]);
    expect(p.datasets.readBy(id)).toEqual([expect.objectContaining({ name: 'churn', version: 1, readBy: 'data' })]);
    p.history.annotate(id, { note: 'first try', tags: ['baseline', 'gbm'] });
    const [listed] = p.history.query().runs;
    expect(listed).toMatchObject({ note: 'first try', tags: ['baseline', 'gbm'], metrics: { 'evaluate.roc_auc': 0.8, 'evaluate.n': 10, 'evaluate.a.value': 2 } });
    expect(() => p.history.annotate('nope', { note: 'x' })).toThrow(/no run 'nope'/);
    expect(() => p.history.annotate(id, { tags: ['a,b'] })).toThrow(/without commas/);
    p.close();
  });
});

describe('history.query', () => {
  const dir = useTempDir();

  it('pages, filters by pipeline, status and tag, and sorts by a metric with missing values last', () => {
    const p = project(join(dir(), 'q.plumb'));
    const aucs = [0.7, 0.9, undefined, 0.8];
    const ids = aucs.map((auc, i) => run(p, { auc, key: `k${i}`, model: bytes(i), data: bytes(100), tags: i % 2 ? ['odd'] : [] }));
    const scored = run(p, { pipeline: 'score', key: 'ks', model: bytes(50), data: bytes(100) });

    const all = p.history.query();
    expect(all.total).toBe(5);
    expect(all.runs.map((r) => r.id)).toEqual([...ids, scored].reverse());
    expect(all.metricColumns).toEqual(['evaluate.a.value', 'evaluate.n', 'evaluate.roc_auc']);

    const byAuc = p.history.query({ pipeline: 'train', sort: 'metric:evaluate.roc_auc' });
    expect(byAuc.runs.map((r) => r.metrics['evaluate.roc_auc'] ?? null)).toEqual([0.9, 0.8, 0.7, null]);
    const ascending = p.history.query({ pipeline: 'train', sort: 'metric:evaluate.roc_auc', descending: false });
    expect(ascending.runs.map((r) => r.metrics['evaluate.roc_auc'] ?? null)).toEqual([0.7, 0.8, 0.9, null]);

    const page = p.history.query({ pipeline: 'train', sort: 'metric:evaluate.roc_auc', offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 4, offset: 1 });
    expect(page.runs.map((r) => r.metrics['evaluate.roc_auc'])).toEqual([0.8, 0.7]);

    expect(p.history.query({ tag: 'odd' }).runs.map((r) => r.id).sort()).toEqual([ids[1], ids[3]].sort());
    expect(p.history.query({ status: 'failed' }).total).toBe(0);
    expect(() => p.history.query({ sort: 'metric:nodot' })).toThrow(/metric:<node>.<key>/);
    p.close();
  });
});

describe('history.delete', () => {
  const dir = useTempDir();

  it('deletes runs with what only they referred to, keeps what other runs and model versions use, leaves no orphan', () => {
    const file = join(dir(), 'd.plumb');
    const p = project(file);
    const shared = bytes(7, 7);
    const a = run(p, { auc: 0.7, key: 'ka', model: bytes(1), data: shared });
    const b = run(p, { auc: 0.8, key: 'kb', model: bytes(2), data: bytes(8) });
    const c = run(p, { auc: 0.9, key: 'kc', model: bytes(3), data: shared });
    // d's model node has a's cache key (as a cached node would): a's entry must survive a's deletion.
    const d = run(p, { auc: 0.6, key: 'ka', model: bytes(1), data: bytes(8) });
    // b's model is registered: its blob must survive b's deletion.
    p.models.register({ name: 'churn', bytes: bytes(2), type: 'model.gradient_boosting', runId: b, nodeId: 'gbm' });
    expect(orphans(file)).toEqual(none);

    const deleted = p.history.delete([a, b]);
    expect(deleted.runs).toEqual([a, b]);
    expect(p.history.query().runs.map((r) => r.id).sort()).toEqual([c, d].sort());
    expect(p.cache.hasSync('ka')).toBe(true); // d still refers to it
    expect(p.cache.hasSync('kb')).toBe(false);
    expect(p.models.artifact('churn@1')).toEqual(bytes(2)); // the model version keeps its artifact
    expect(p.models.resolve('churn@1').runId).toBeNull();
    expect(p.datasets.versions('churn').map((v) => v.hash).length).toBe(2); // shared (c) and bytes(8) (d)
    expect(orphans(file)).toEqual(none);

    p.history.delete([c, d]);
    expect(p.history.query().total).toBe(0);
    expect(p.datasets.list()).toEqual([]);
    expect(orphans(file)).toEqual(none);
    // Only the registered model's bytes are left.
    expect(new Database(file, { readonly: true }).prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
    p.close();
  });

  it('deletes nothing when one of the runs cannot be deleted', () => {
    const p = project(join(dir(), 'e.plumb'));
    const a = run(p, { auc: 0.7, key: 'ka', model: bytes(1), data: bytes(5) });
    const running = p.runs.start({ pipeline: 'train', nodes: [] });
    expect(() => p.history.delete([a, running.id])).toThrow(/still running/);
    expect(() => p.history.delete([a, 'ghost'])).toThrow(/no run 'ghost'/);
    expect(p.history.query().total).toBe(2);
    expect(p.cache.hasSync('ka')).toBe(true);
    p.close();
  });
});
