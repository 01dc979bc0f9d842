// Folding run events into the editor's run view: statuses, progress, errors, series and logs of the followed run,
// events that arrive before the run id is known, and events of other runs ignored.
import { describe, expect, it } from 'vitest';
import type { AppRunEvent } from '../../../../shared/api/contract.js';
import { adoptRun, applyRunEvent, idleRun, isRunActive, restoredRun, startingRun, type RunView } from '../../../../renderer/state/run-events.js';

const fold = (view: RunView, events: AppRunEvent[]) => events.reduce(applyRunEvent, view);

describe('run events', () => {
  it('follows a run from start to finish', () => {
    let view = adoptRun(startingRun(idleRun), 'r1');
    view = fold(view, [
      { kind: 'run_started', runId: 'r1', nodes: ['data', 'gbm'] },
      { kind: 'node_status', runId: 'r1', node: 'data', status: 'running' },
      { kind: 'node_progress', runId: 'r1', node: 'data', fraction: 0.5, message: 'reading' },
    ]);
    expect(isRunActive(view)).toBe(true);
    expect(view.nodes).toEqual({ data: { status: 'running', fraction: 0.5, message: 'reading', seconds: undefined, error: undefined }, gbm: { status: 'queued' } });

    view = fold(view, [
      { kind: 'node_status', runId: 'r1', node: 'data', status: 'done', seconds: 1.5 },
      { kind: 'node_status', runId: 'r1', node: 'gbm', status: 'running' },
      { kind: 'node_series', runId: 'r1', node: 'gbm', port: 'history', points: [{ step: 1, train_loss: 0.9, seconds: 0.1 }] },
      { kind: 'node_series', runId: 'r1', node: 'gbm', port: 'history', points: [{ step: 2, train_loss: 0.7, seconds: 0.2 }] },
      { kind: 'node_log', runId: 'r1', node: 'gbm', level: 'warn', message: 'early stopping' },
      { kind: 'node_status', runId: 'r1', node: 'gbm', status: 'failed', error: 'target has one class' },
      { kind: 'run_finished', runId: 'r1', status: 'failed', seconds: 3 },
    ]);
    expect(view.phase).toBe('failed');
    expect(view.seconds).toBe(3);
    expect(view.nodes.data).toMatchObject({ status: 'done', fraction: 1, seconds: 1.5, message: undefined });
    expect(view.nodes.gbm).toMatchObject({ status: 'failed', error: 'target has one class' });
    expect(view.outputRun).toEqual({ data: 'r1' });
    expect(view.series.gbm.history.map((p) => p.step)).toEqual([1, 2]);
    expect(view.logs.gbm).toEqual([{ level: 'warn', message: 'early stopping' }]);
  });

  it('replaces series points when a node resends from an earlier step', () => {
    let view = adoptRun(startingRun(idleRun), 'r');
    const point = (step: number) => ({ step, seconds: step });
    view = fold(view, [
      { kind: 'node_series', runId: 'r', node: 'm', port: 'history', points: [point(1), point(2), point(3)] },
      { kind: 'node_series', runId: 'r', node: 'm', port: 'history', points: [point(2), point(3), point(4)] },
    ]);
    expect(view.series.m.history.map((p) => p.step)).toEqual([1, 2, 3, 4]);
  });

  it('keeps events that come before runs.start answers, then replays only that run’s', () => {
    let view = startingRun(idleRun);
    view = fold(view, [
      { kind: 'run_started', runId: 'other', nodes: ['x'] },
      { kind: 'run_started', runId: 'mine', nodes: ['a'] },
      { kind: 'node_status', runId: 'mine', node: 'a', status: 'cached' },
    ]);
    expect(view.nodes).toEqual({});
    view = adoptRun(view, 'mine');
    expect(view.nodes).toEqual({ a: { status: 'cached', fraction: 1, message: undefined, seconds: undefined, error: undefined } });
    expect(view.pending).toEqual([]);
    view = applyRunEvent(view, { kind: 'node_status', runId: 'other', node: 'a', status: 'failed' });
    expect(view.nodes.a.status).toBe('cached');
  });

  it('marks nodes left unfinished as cancelled or skipped when the run ends', () => {
    const started = fold(adoptRun(startingRun(idleRun), 'r'), [
      { kind: 'run_started', runId: 'r', nodes: ['a', 'b', 'c'] },
      { kind: 'node_status', runId: 'r', node: 'a', status: 'done' },
      { kind: 'node_status', runId: 'r', node: 'b', status: 'running' },
    ]);
    const cancelled = applyRunEvent(started, { kind: 'run_finished', runId: 'r', status: 'cancelled', seconds: 1 });
    expect([cancelled.nodes.a.status, cancelled.nodes.b.status, cancelled.nodes.c.status]).toEqual(['done', 'cancelled', 'cancelled']);
    const failed = applyRunEvent(started, { kind: 'run_finished', runId: 'r', status: 'failed', seconds: 1 });
    expect([failed.nodes.b.status, failed.nodes.c.status]).toEqual(['skipped', 'skipped']);
  });

  it('keeps the outputs of nodes a later partial run did not touch', () => {
    let view = fold(adoptRun(startingRun(idleRun), 'r1'), [
      { kind: 'run_started', runId: 'r1', nodes: ['a', 'b'] },
      { kind: 'node_status', runId: 'r1', node: 'a', status: 'done' },
      { kind: 'node_status', runId: 'r1', node: 'b', status: 'done' },
      { kind: 'run_finished', runId: 'r1', status: 'ok', seconds: 1 },
    ]);
    view = fold(adoptRun(startingRun(view), 'r2'), [
      { kind: 'run_started', runId: 'r2', nodes: ['a'] },
      { kind: 'node_status', runId: 'r2', node: 'a', status: 'cached' },
    ]);
    expect(view.outputRun).toEqual({ a: 'r2', b: 'r1' });
  });

  it('restores a recorded run with outputs for done and cached nodes', () => {
    const view = restoredRun('r9', 'ok', [
      { node: 'a', status: 'done', seconds: 1, error: null },
      { node: 'b', status: 'failed', seconds: null, error: 'boom' },
    ]);
    expect(view).toMatchObject({ runId: 'r9', phase: 'ok', outputRun: { a: 'r9' }, nodes: { b: { status: 'failed', error: 'boom' } } });
  });
});
