// Runs: started 'running', nodes updated one by one, finished in one transaction, interrupted when their process is gone.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openProjectFile, type ProjectFile } from '../../../../electron/store/project-file.js';
import { holdRunLock, runLockPath } from '../../../../electron/store/run-lock.js';
import { countRows, tickingClock, useTempDir } from './temp-dir.js';

const NODES = [
  { id: 'data', type: 'data.read_csv' },
  { id: 'split', type: 'data.split' },
  { id: 'gbm', type: 'model.gradient_boosting' },
];

describe('project.runs', () => {
  const dir = useTempDir();
  const open = (): ProjectFile => {
    const project = openProjectFile(join(dir(), 'r.plumb'), { create: true, now: tickingClock() });
    project.pipelines.save('p', 'v1');
    project.pipelines.save('p', 'v2');
    return project;
  };

  it('starts a run as running with every node queued, in pipeline order', () => {
    const project = open();
    const run = project.runs.start({ id: 'run-1', pipeline: 'p', params: { seed: 7 }, overrides: { 'split.seed': 3 }, nodes: NODES });
    expect(run).toMatchObject({
      id: 'run-1', pipeline: 'p', pipelineVersion: 2, params: { seed: 7 }, overrides: { 'split.seed': 3 },
      status: 'running', finishedAt: null, seconds: null, error: null,
    });
    expect(project.runs.get('run-1')!.nodes.map((n) => [n.id, n.type, n.status])).toEqual([
      ['data', 'data.read_csv', 'queued'],
      ['split', 'data.split', 'queued'],
      ['gbm', 'model.gradient_boosting', 'queued'],
    ]);
    expect(project.runs.start({ pipeline: 'p', version: 1, nodes: [] }).pipelineVersion).toBe(1);
    project.close();
  });

  it('refuses unknown pipelines, versions and unsafe run ids', () => {
    const project = open();
    expect(() => project.runs.start({ pipeline: 'q', nodes: [] })).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(() => project.runs.start({ pipeline: 'p', version: 9, nodes: [] })).toThrow("no pipeline 'p' version 9 in this project");
    expect(() => project.runs.start({ id: '../escape', pipeline: 'p', nodes: [] })).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(project.runs.list()).toEqual([]);
    project.close();
  });

  it('holds a lock file while the run is running and removes it when it finishes', () => {
    const project = open();
    const run = project.runs.start({ pipeline: 'p', nodes: [] });
    expect(existsSync(runLockPath(project.path, run.id))).toBe(true);
    project.runs.finish(run.id, { status: 'ok' });
    expect(existsSync(runLockPath(project.path, run.id))).toBe(false);
    project.close();
  });

  it('updates nodes and progress, keeping details that a later update leaves out', () => {
    const project = open();
    const run = project.runs.start({ pipeline: 'p', nodes: NODES });
    project.runs.updateNode(run.id, 'data', 'running');
    project.runs.progress(run.id, 'data', 0.5);
    project.runs.updateNode(run.id, 'data', 'done', { seconds: 1.5, cacheKey: 'k-data', progress: 1 });
    project.runs.updateNode(run.id, 'split', 'cached', { cacheKey: 'k-split' });
    project.runs.updateNode(run.id, 'gbm', 'failed', { error: 'boom', seconds: 2 });
    expect(project.runs.get(run.id)!.nodes).toEqual([
      { id: 'data', type: 'data.read_csv', status: 'done', seconds: 1.5, error: null, cacheKey: 'k-data', progress: 1 },
      { id: 'split', type: 'data.split', status: 'cached', seconds: null, error: null, cacheKey: 'k-split', progress: null },
      { id: 'gbm', type: 'model.gradient_boosting', status: 'failed', seconds: 2, error: 'boom', cacheKey: null, progress: null },
    ]);
    expect(() => project.runs.updateNode(run.id, 'nope', 'done')).toThrow(expect.objectContaining({ kind: 'runtime', where: expect.objectContaining({ node: 'nope' }) }));
    expect(() => project.runs.progress(run.id, 'nope', 0.1)).toThrow(/has no node 'nope'/);
    expect(() => project.runs.updateNode('no-run', 'data', 'done')).toThrow("no run 'no-run' in this project");
    project.close();
  });

  it("refuses to finish 'ok' while nodes have not finished, and then the run is still running", () => {
    const project = open();
    const run = project.runs.start({ pipeline: 'p', nodes: NODES });
    project.runs.updateNode(run.id, 'data', 'done');
    expect(() => project.runs.finish(run.id, { status: 'ok' })).toThrow(/nodes split, gbm have not finished/);
    expect(project.runs.get(run.id)!.status).toBe('running');
    project.close();
  });

  it('finishes atomically: a bad node in the final statuses leaves the whole run as it was', () => {
    const project = open();
    const run = project.runs.start({ pipeline: 'p', nodes: NODES });
    const nodes = [
      { id: 'data', status: 'done' as const },
      { id: 'split', status: 'done' as const },
      { id: 'typo', status: 'done' as const },
    ];
    expect(() => project.runs.finish(run.id, { status: 'ok', nodes })).toThrow(/has no node 'typo'/);
    expect(project.runs.get(run.id)!.nodes.map((n) => n.status)).toEqual(['queued', 'queued', 'queued']);
    expect(project.runs.get(run.id)!.status).toBe('running');
    project.close();
  });

  it('settles unfinished nodes when a run fails or is cancelled', () => {
    const project = open();
    const failed = project.runs.start({ pipeline: 'p', nodes: NODES });
    project.runs.updateNode(failed.id, 'data', 'done');
    project.runs.updateNode(failed.id, 'split', 'running');
    const done = project.runs.finish(failed.id, { status: 'failed', error: 'split: bad column', seconds: 4 });
    expect(done).toMatchObject({ status: 'failed', error: 'split: bad column', seconds: 4 });
    expect(done.nodes.map((n) => n.status)).toEqual(['done', 'cancelled', 'skipped']);

    const cancelled = project.runs.start({ pipeline: 'p', nodes: NODES });
    project.runs.updateNode(cancelled.id, 'data', 'running');
    expect(project.runs.finish(cancelled.id, { status: 'cancelled' }).nodes.map((n) => n.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(() => project.runs.updateNode(cancelled.id, 'data', 'done')).toThrow(/no longer running \(it is 'cancelled'\)/);
    expect(() => project.runs.finish(cancelled.id, { status: 'ok' })).toThrow(/no longer running/);
    project.close();
  });

  it('measures a run from its start when no seconds are given', () => {
    const project = open(); // the clock ticks one second per timestamp
    const run = project.runs.start({ pipeline: 'p', nodes: [] });
    const done = project.runs.finish(run.id, { status: 'ok' });
    expect(done.seconds).toBe((Date.parse(done.finishedAt!) - Date.parse(run.startedAt)) / 1000);
    expect(done.seconds).toBeGreaterThan(0);
    project.close();
  });

  it("shows a node's outputs only once it is done or cached", async () => {
    const project = open();
    const run = project.runs.start({ pipeline: 'p', nodes: NODES });
    await project.cache.put('k-data', { table: new Uint8Array([1]) });
    await project.cache.put('k-split', { train: new Uint8Array([2]), test: new Uint8Array([3]) });
    project.runs.updateNode(run.id, 'data', 'running', { cacheKey: 'k-data' });
    expect(project.runs.outputs(run.id, 'data')).toBeUndefined();
    project.runs.updateNode(run.id, 'data', 'done');
    expect(project.runs.outputs(run.id, 'data')).toEqual({ table: new Uint8Array([1]) });
    project.runs.updateNode(run.id, 'split', 'cached', { cacheKey: 'k-split' });
    expect(project.runs.outputs(run.id, 'split')).toEqual({ test: new Uint8Array([3]), train: new Uint8Array([2]) });
    project.runs.updateNode(run.id, 'gbm', 'done', { cacheKey: 'never-put' });
    expect(project.runs.outputs(run.id, 'gbm')).toBeUndefined();
    expect(project.runs.outputs(run.id, 'nope')).toBeUndefined();
    project.close();
  });

  it('lists runs newest first, by pipeline, status and count', () => {
    const project = open();
    project.pipelines.save('other', 'o');
    const a = project.runs.start({ pipeline: 'p', nodes: [] });
    const b = project.runs.start({ pipeline: 'other', nodes: [] });
    const c = project.runs.start({ pipeline: 'p', nodes: [] });
    project.runs.finish(a.id, { status: 'ok' });
    expect(project.runs.list().map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(project.runs.list({ pipeline: 'p' }).map((r) => r.id)).toEqual([c.id, a.id]);
    expect(project.runs.list({ status: 'ok' }).map((r) => r.id)).toEqual([a.id]);
    expect(project.runs.list({ limit: 1 }).map((r) => r.id)).toEqual([c.id]);
    expect(project.runs.get('unknown')).toBeUndefined();
    project.close();
  });

  it('deletes a finished run with everything recorded for it, but not a running one', () => {
    const project = open();
    const run = project.runs.start({ pipeline: 'p', nodes: NODES });
    project.metrics.put(run.id, 'gbm', { accuracy: 1 });
    project.series.put(run.id, 'gbm', 'history', [{ step: 1, seconds: 0 }]);
    project.explanations.put(run.id, 'gbm', { method: 'tree' });
    project.drift.put(run.id, 'gbm', { dataset_drift: false });
    project.alerts.add({ level: 'warning', message: 'drift', runId: run.id });
    expect(() => project.runs.delete(run.id)).toThrow(/still running/);
    project.runs.finish(run.id, { status: 'failed' });
    project.runs.delete(run.id);
    for (const table of ['runs', 'run_nodes', 'metrics', 'series', 'explanations', 'drift_reports']) {
      expect(countRows(project.path, table), table).toBe(0);
    }
    expect(project.alerts.list()).toMatchObject([{ message: 'drift', runId: null }]);
    project.close();
  });

  it('marks runs this process left running as interrupted when it closes the file', () => {
    const project = open();
    const run = project.runs.start({ pipeline: 'p', nodes: NODES });
    project.runs.updateNode(run.id, 'data', 'done');
    project.runs.updateNode(run.id, 'split', 'running');
    project.close();
    expect(existsSync(runLockPath(project.path, run.id))).toBe(false);

    const again = openProjectFile(project.path);
    expect(again.runs.get(run.id)).toMatchObject({ status: 'interrupted', error: 'the project was closed before the run finished' });
    expect(again.runs.get(run.id)!.nodes.map((n) => n.status)).toEqual(['done', 'interrupted', 'interrupted']);
    again.close();
  });

  it('leaves a run alone while another connection of a live process runs it', () => {
    const project = open();
    const run = project.runs.start({ pipeline: 'p', nodes: NODES });
    const second = openProjectFile(project.path);
    expect(second.runs.recoverInterrupted()).toEqual([]);
    expect(second.runs.get(run.id)!.status).toBe('running');
    second.close();
    project.runs.finish(run.id, { status: 'cancelled' });
    project.close();
  });

  it('on a read-write open, interrupts runs nobody holds (e.g. a copied file); a read-only open only reads', () => {
    const project = open();
    project.close();
    const raw = new Database(project.path);
    raw.prepare(`INSERT INTO runs (id, pipeline_name, status, started_at) VALUES ('orphan', 'p', 'running', '2025-01-01T00:00:00Z')`).run();
    raw.prepare(`INSERT INTO run_nodes (run_id, node_id, position, type, status) VALUES ('orphan', 'a', 0, 't', 'running')`).run();
    raw.close();

    const reader = openProjectFile(project.path, { readonly: true });
    expect(reader.runs.get('orphan')!.status).toBe('running');
    reader.close();

    const writer = openProjectFile(project.path);
    expect(writer.runs.get('orphan')).toMatchObject({ status: 'interrupted', error: 'the process running it ended before it finished' });
    expect(writer.runs.get('orphan')!.nodes[0].status).toBe('interrupted');
    expect(writer.runs.recoverInterrupted()).toEqual([]);
    writer.close();
  });

  it('on a read-write open, removes side files left by dead processes and keeps those whose lock is held (issue 10)', () => {
    const project = open();
    const finished = project.runs.start({ pipeline: 'p', nodes: [] });
    project.runs.finish(finished.id, { status: 'ok' });
    project.close();
    // A process killed between the run's final commit and the removal of its lock, and one killed before recording its run:
    writeFileSync(runLockPath(project.path, finished.id), '');
    writeFileSync(runLockPath(project.path, 'never-recorded'), '');
    // A live process that has taken the lock of a run it is about to record:
    const live = holdRunLock(project.path, 'starting');
    const again = openProjectFile(project.path);
    expect(existsSync(runLockPath(project.path, finished.id))).toBe(false);
    expect(existsSync(runLockPath(project.path, 'never-recorded'))).toBe(false);
    expect(existsSync(runLockPath(project.path, 'starting'))).toBe(true);
    again.close();
    live.release();
    expect(existsSync(runLockPath(project.path, 'starting'))).toBe(false);
  });
});
