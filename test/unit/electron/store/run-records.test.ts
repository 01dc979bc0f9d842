// Metrics, series, explanations and drift reports per run node, and alerts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProjectFile, type ProjectFile } from '../../../../electron/store/project-file.js';
import { tickingClock, useTempDir } from './temp-dir.js';

describe('run records', () => {
  const dir = useTempDir();
  let runIds: string[] = [];
  const open = (): ProjectFile => {
    const project = openProjectFile(join(dir(), 'rr.plumb'), { create: true, now: tickingClock() });
    project.pipelines.save('p', 'y');
    project.pipelines.save('q', 'y');
    runIds = ['p', 'q', 'p'].map((pipeline) => project.runs.start({ pipeline, nodes: [] }).id);
    return project;
  };

  it.each(['metrics', 'explanations', 'drift'] as const)('%s: put replaces, get and list by run, node and pipeline', (kind) => {
    const project = open();
    const records = project[kind];
    records.put(runIds[0], 'eval', { accuracy: 0.5 });
    records.put(runIds[0], 'eval', { accuracy: 0.8, nested: { list: [1, null, 'x'] } });
    records.put(runIds[0], 'eval2', 7);
    records.put(runIds[1], 'eval', { accuracy: 0.6 });
    records.put(runIds[2], 'eval', { accuracy: 0.9 });

    expect(records.get(runIds[0], 'eval')).toEqual({ accuracy: 0.8, nested: { list: [1, null, 'x'] } });
    expect(records.get(runIds[0], 'nope')).toBeUndefined();
    expect(records.list({ runId: runIds[0] }).map((r) => [r.nodeId, r.value])).toEqual([
      ['eval', { accuracy: 0.8, nested: { list: [1, null, 'x'] } }],
      ['eval2', 7],
    ]);
    // Comparing runs of one pipeline: oldest run first.
    expect(records.list({ pipeline: 'p', nodeId: 'eval' }).map((r) => [r.runId, r.value])).toEqual([
      [runIds[0], { accuracy: 0.8, nested: { list: [1, null, 'x'] } }],
      [runIds[2], { accuracy: 0.9 }],
    ]);
    expect(records.list()).toHaveLength(4);
    expect(() => records.put('ghost', 'eval', {})).toThrow(expect.objectContaining({ kind: 'runtime', message: "no run 'ghost' in this project" }));
    expect(() => records.put(runIds[0], 'eval', undefined)).toThrow(/undefined/);
    project.close();
  });

  it('series: one list of points per node port, replaced when written again', () => {
    const project = open();
    const points = [
      { step: 1, train_loss: 0.9, seconds: 0.1 },
      { step: 2, train_loss: 0.5, valid_loss: 0.6, metric: 0.7, seconds: 0.2 },
    ];
    project.series.put(runIds[0], 'gbm', 'history', points.slice(0, 1));
    project.series.put(runIds[0], 'gbm', 'history', points);
    project.series.put(runIds[0], 'gbm', 'other', []);
    expect(project.series.get(runIds[0], 'gbm', 'history')).toEqual(points);
    expect(project.series.get(runIds[0], 'gbm', 'nope')).toBeUndefined();
    expect(project.series.list({ runId: runIds[0] }).map((s) => [s.port, s.points.length])).toEqual([
      ['history', 2],
      ['other', 0],
    ]);
    project.close();
  });

  it('alerts: added unacknowledged, listed newest first, acknowledged once read', () => {
    const project = open();
    const first = project.alerts.add({ level: 'warning', message: 'drift in age', runId: runIds[0], nodeId: 'drift' });
    const second = project.alerts.add({ level: 'error', message: 'accuracy dropped' });
    expect(first).toMatchObject({ level: 'warning', message: 'drift in age', runId: runIds[0], nodeId: 'drift', acknowledged: false });
    expect(project.alerts.list().map((a) => a.id)).toEqual([second.id, first.id]);
    project.alerts.acknowledge(first.id);
    expect(project.alerts.list({ unacknowledged: true }).map((a) => a.id)).toEqual([second.id]);
    expect(project.alerts.list({ runId: runIds[0] })).toMatchObject([{ id: first.id, acknowledged: true }]);
    expect(project.alerts.list({ limit: 1 }).map((a) => a.id)).toEqual([second.id]);
    expect(() => project.alerts.acknowledge(999)).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(() => project.alerts.add({ level: 'info', message: 'x', runId: 'ghost' })).toThrow("no run 'ghost' in this project");
    project.close();
  });
});
