// Retraining from an alert retrains: every node of the training pipeline runs again (nothing from the cache), each
// model registered from that pipeline gets the refitted model as its next version aliased `challenger`, and the
// alert shows the new version's metrics against the champion's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../../electron/api/app-service.js';
import type { AppRunEvent } from '../../../../shared/api/contract.js';

let dir: string;
let app: AppService;
const finished = new Map<string, Extract<AppRunEvent, { kind: 'run_finished' }>>();

/** y = 1 when x + noise > 50; `shift` moves x so the refitted model differs. */
const labelled = (shift: number) =>
  ['x,z,y', ...Array.from({ length: 240 }, (_, i) => {
    const x = (i * 37) % 100 + shift;
    return `${x},${(i * 13) % 7},${x + ((i * 17) % 23) - 11 > 50 ? 'yes' : 'no'}`;
  })].join('\n');

const trainYaml = `plumb: 1
name: train
nodes:
  - id: data
    type: data.read_csv
    params: { path: labelled.csv }
  - id: split
    type: data.split
    inputs: { table: data.table }
    params: { test_size: 0.25, seed: 1 }
  - id: model
    type: model.logistic_regression
    inputs: { train: split.train }
    params: { target: y }
  - id: evaluate
    type: evaluate.classification
    inputs: { model: model.model, data: split.test }
`;

const monitorYaml = `plumb: 1
name: monitor
nodes:
  - id: reference
    type: data.read_csv
    params: { path: reference.csv }
  - id: current
    type: data.read_csv
    params: { path: labelled.csv }
  - id: drift
    type: monitor.drift
    inputs: { reference: reference.table, current: current.table }
  - id: alert
    type: monitor.alert
    inputs: { drift: drift.drift }
    params: { condition: "dataset_drift", retrain_pipeline: train, retrain: manual }
`;

function runFinished(runId: string): Promise<Extract<AppRunEvent, { kind: 'run_finished' }>> {
  return new Promise((resolve) => {
    const check = () => {
      const done = finished.get(runId);
      if (done) {
        stop();
        setImmediate(() => resolve(done));
      }
    };
    const stop = app.onRunEvent(check);
    check();
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-retrain-'));
  writeFileSync(join(dir, 'labelled.csv'), labelled(0));
  writeFileSync(join(dir, 'reference.csv'), labelled(0));
  finished.clear();
  app = await createAppService({ projectPath: join(dir, 'p.plumb'), host: 'browser', userDataDir: join(dir, 'user'), computeBackend: () => 'test' });
  app.onRunEvent((e) => {
    if (e.kind === 'run_finished') finished.set(e.runId, e);
  });
  for (const yaml of [trainYaml, monitorYaml]) expect((await app.handlers['pipelines.importYaml']({ yaml })).issues).toEqual([]);
});

afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retraining from an alert', () => {
  it('refits every node, registers the new model as challenger and compares it with the champion', async () => {
    const first = await app.handlers['runs.start']({ pipeline: 'train' });
    expect((await runFinished(first.runId)).status).toBe('ok');
    await app.handlers['models.register']({ runId: first.runId, node: 'model', name: 'y-model', alias: 'champion' });

    // New data arrives: the monitor sees drift and raises an alert naming `train`.
    writeFileSync(join(dir, 'labelled.csv'), labelled(30));
    const monitor = await app.handlers['runs.start']({ pipeline: 'monitor' });
    expect((await runFinished(monitor.runId)).status).toBe('ok');
    const [alert] = (await app.handlers['alerts.list']({ limit: 10 })).alerts;
    expect(alert.retrainPipeline).toBe('train');

    const { runId } = await app.handlers['alerts.retrain']({ id: alert.id });
    expect((await runFinished(runId)).status).toBe('ok');
    const states = await app.handlers['runs.nodeStates']({ runId });
    expect(states.nodes.map((n) => n.status)).toEqual(['done', 'done', 'done', 'done']);

    const model = await app.handlers['models.show']({ model: 'y-model' });
    const versions = model.versions.map((v) => ({ version: v.version, aliases: [...v.aliases].sort(), runId: v.runId }));
    expect(versions).toContainEqual({ version: 2, aliases: ['challenger'], runId });
    expect(versions).toContainEqual({ version: 1, aliases: ['champion'], runId: first.runId });

    const [after] = (await app.handlers['alerts.list']({ limit: 10 })).alerts;
    expect(after.retrained).toHaveLength(1);
    const [retrained] = after.retrained;
    expect(retrained).toMatchObject({ name: 'y-model', version: 2, comparedWith: 1, comparedAlias: 'champion' });
    const accuracy = retrained.metrics.find((m) => m.key === 'evaluate.accuracy')!;
    const v1 = model.versions.find((v) => v.version === 1)!.metrics as Record<string, number>;
    const v2 = model.versions.find((v) => v.version === 2)!.metrics as Record<string, number>;
    expect(accuracy).toEqual({ key: 'evaluate.accuracy', old: v1['evaluate.accuracy'], new: v2['evaluate.accuracy'] });
  });

  it('refits even when the data did not change: every node runs again and the challenger scores exactly like the champion', async () => {
    const first = await app.handlers['runs.start']({ pipeline: 'train' });
    await runFinished(first.runId);
    await app.handlers['models.register']({ runId: first.runId, node: 'model', name: 'y-model', alias: 'champion' });
    writeFileSync(join(dir, 'reference.csv'), labelled(30));
    const monitor = await app.handlers['runs.start']({ pipeline: 'monitor' });
    await runFinished(monitor.runId);
    const [alert] = (await app.handlers['alerts.list']({ limit: 10 })).alerts;
    const { runId } = await app.handlers['alerts.retrain']({ id: alert.id });
    expect((await runFinished(runId)).status).toBe('ok');
    expect((await app.handlers['runs.nodeStates']({ runId })).nodes.every((n) => n.status === 'done')).toBe(true);
    const [retrained] = (await app.handlers['alerts.list']({ limit: 10 })).alerts[0].retrained;
    expect(retrained).toMatchObject({ name: 'y-model', version: 2, comparedWith: 1, comparedAlias: 'champion' });
    expect(retrained.metrics.length).toBeGreaterThan(3);
    for (const m of retrained.metrics) expect(m.new, m.key).toBe(m.old);
  });
});
