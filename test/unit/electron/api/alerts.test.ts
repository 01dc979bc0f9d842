// Alerts through the app API: a fired monitor.alert is stored with its rule, evidence and run link; retraining
// starts exactly one run (linked, in runs.list, idempotent), `retrain: auto` never loops; the drift report
// exports as standalone HTML.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../../electron/api/app-service.js';
import type { AppRunEvent } from '../../../../shared/api/contract.js';

let dir: string;
let app: AppService;
const finished: Extract<AppRunEvent, { kind: 'run_finished' }>[] = [];

// Reference: x spread over 0..99, colour balanced; current: x shifted by +60, colour all red → both drift.
const reference = ['x,colour', ...Array.from({ length: 200 }, (_, i) => `${i % 100},${i % 2 ? 'red' : 'blue'}`)].join('\n');
const current = ['x,colour', ...Array.from({ length: 200 }, (_, i) => `${(i % 100) + 60},red`)].join('\n');

const monitorYaml = (name: string, condition: string, retrain: string, mode: 'manual' | 'auto') => `plumb: 1
name: ${name}
nodes:
  - id: reference
    type: data.read_csv
    params: { path: reference.csv }
  - id: current
    type: data.read_csv
    params: { path: current.csv }
  - id: drift
    type: monitor.drift
    inputs: { reference: reference.table, current: current.table }
  - id: alert
    type: monitor.alert
    inputs: { drift: drift.drift }
    params: { condition: "${condition}", severity: critical, retrain_pipeline: ${retrain}, retrain: ${mode} }
`;

const trainYaml = `plumb: 1
name: train
nodes:
  - id: data
    type: data.read_csv
    params: { path: current.csv }
  - id: counts
    type: data.sql
    inputs: { t1: data.table }
    params: { query: "select colour, count(*) as n from t1 group by colour" }
`;

async function importPipeline(yaml: string): Promise<void> {
  const { issues } = await app.handlers['pipelines.importYaml']({ yaml });
  expect(issues).toEqual([]);
}

/** Resolves once `count` runs have finished in total, then lets any follow-up start synchronously. */
function runsFinished(count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (finished.length >= count) {
        stop();
        setImmediate(resolve);
      }
    };
    const stop = app.onRunEvent(check);
    check();
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-alerts-'));
  writeFileSync(join(dir, 'reference.csv'), reference);
  writeFileSync(join(dir, 'current.csv'), current);
  finished.length = 0;
  app = await createAppService({ projectPath: join(dir, 'p.plumb'), host: 'browser', userDataDir: join(dir, 'user'), computeBackend: () => 'test' });
  app.onRunEvent((e) => {
    if (e.kind === 'run_finished') finished.push(e);
  });
  await importPipeline(trainYaml);
});

afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('alerts in the app', () => {
  it('records a fired rule with its evidence and run link, and retrains once on request', async () => {
    await importPipeline(monitorYaml('monitor', 'dataset_drift', 'train', 'manual'));
    const { runId } = await app.handlers['runs.start']({ pipeline: 'monitor' });
    await runsFinished(1);
    expect(finished[0]).toMatchObject({ runId, status: 'ok' });

    const listed = await app.handlers['alerts.list']({ limit: 50 });
    expect(listed.unacknowledged).toBe(1);
    expect(listed.alerts).toHaveLength(1);
    const [alert] = listed.alerts;
    expect(alert).toMatchObject({
      severity: 'critical',
      rule: 'dataset_drift',
      runId,
      node: 'alert',
      pipeline: 'monitor',
      acknowledged: false,
      retrainPipeline: 'train',
      retrainRunId: null,
      retrainStatus: null,
      evidence: { dataset_drift: true, drifted_columns: ['x', 'colour'] },
    });
    // Manual: nothing was retrained by itself.
    expect((await app.handlers['runs.list']({ pipeline: 'train' })).runs).toEqual([]);

    const first = await app.handlers['alerts.retrain']({ id: alert.id });
    const again = await app.handlers['alerts.retrain']({ id: alert.id });
    expect(again.runId).toBe(first.runId);
    await runsFinished(2);
    expect(finished.map((f) => f.runId)).toEqual([runId, first.runId]);
    expect(finished[1].status).toBe('ok');

    const trainRuns = (await app.handlers['runs.list']({ pipeline: 'train' })).runs;
    expect(trainRuns).toMatchObject([{ id: first.runId, pipeline: 'train', status: 'ok', retrainOfAlert: alert.id }]);
    expect((await app.handlers['alerts.retrain']({ id: alert.id })).runId).toBe(first.runId);
    expect((await app.handlers['runs.list']({ pipeline: 'train' })).runs).toHaveLength(1);

    const after = (await app.handlers['alerts.list']({ limit: 50 })).alerts[0];
    expect(after).toMatchObject({ retrainRunId: first.runId, retrainStatus: 'ok' });
    await app.handlers['alerts.acknowledge']({ id: alert.id });
    expect(await app.handlers['alerts.list']({ limit: 50 })).toMatchObject({ unacknowledged: 0, alerts: [{ id: alert.id, acknowledged: true }] });
  });

  it('records nothing when the rule does not fire, and refuses to retrain an unknown alert', async () => {
    await importPipeline(monitorYaml('calm', 'share_drifted > 2', 'train', 'auto'));
    await app.handlers['runs.start']({ pipeline: 'calm' });
    await runsFinished(1);
    expect(await app.handlers['alerts.list']({ limit: 50 })).toEqual({ alerts: [], unacknowledged: 0 });
    expect((await app.handlers['runs.list']({})).runs).toHaveLength(1);
    await expect(app.handlers['alerts.retrain']({ id: 99 })).rejects.toMatchObject({ kind: 'invalid_input' });
  });

  it('retrain: auto starts exactly one run of the named pipeline, linked to the alert', async () => {
    await importPipeline(monitorYaml('watch', 'dataset_drift', 'train', 'auto'));
    const { runId } = await app.handlers['runs.start']({ pipeline: 'watch' });
    await runsFinished(2);
    const runs = (await app.handlers['runs.list']({})).runs;
    expect(runs).toHaveLength(2);
    const retrain = runs.find((r) => r.pipeline === 'train');
    const [alert] = (await app.handlers['alerts.list']({ limit: 50 })).alerts;
    expect(alert).toMatchObject({ runId, retrainRunId: retrain?.id, retrainStatus: 'ok' });
    expect(retrain?.retrainOfAlert).toBe(alert.id);
  });

  it('a pipeline that auto-retrains itself runs once more and then stops: a retraining run never retrains itself', async () => {
    await importPipeline(monitorYaml('selfie', 'dataset_drift', 'selfie', 'auto'));
    await app.handlers['runs.start']({ pipeline: 'selfie' });
    await runsFinished(2);
    // Both runs fired; only the first one retrained.
    await new Promise((r) => setTimeout(r, 200));
    const runs = (await app.handlers['runs.list']({ pipeline: 'selfie' })).runs;
    expect(runs).toHaveLength(2);
    expect(finished).toHaveLength(2);
    const alerts = (await app.handlers['alerts.list']({ limit: 50 })).alerts;
    expect(alerts).toHaveLength(2);
    const [second, first] = alerts;
    expect(first.retrainRunId).toBe(second.runId);
    expect(second.retrainRunId).toBeNull();
  });

  it('exports the drift report as standalone HTML: the verdict, every column, no scripts or external assets', async () => {
    await importPipeline(monitorYaml('monitor', 'dataset_drift', 'train', 'manual'));
    const { runId } = await app.handlers['runs.start']({ pipeline: 'monitor' });
    await runsFinished(1);
    const { html } = await app.handlers['drift.exportHtml']({ runId, node: 'drift' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Dataset drift detected');
    for (const column of ['x', 'colour']) expect(html).toContain(`<td>${column}</td>`);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    await expect(app.handlers['drift.exportHtml']({ runId, node: 'alert' })).rejects.toThrow(/no drift report/);
  });
});
