// `plumb push-mlflow` against a local MLflow stub that checks every request against the documented REST API 2.0
// schema: runs arrive with params, metrics (curves with steps), tags and artifacts, registered versions and
// aliases follow; a second push duplicates nothing, an interrupted push is completed, auth headers are MLflow's,
// and a server without the artifact proxy gets everything but the files. Also: a registered model keeps the
// preprocessing chain and its decision threshold, and its signature is the original columns.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOG_BATCH_LIMITS, splitLogBatch } from '../../electron/api/mlflow/log-batch.js';
import { plumb, repoRoot, tempDir, writeFiles } from './cli-helpers.js';
import { startMlflowStub, type MlflowStub } from './mlflow-stub.js';

const csv = readFileSync(join(repoRoot, 'assets/datasets/churn.csv'), 'utf8').split('\n').slice(0, 201).join('\n') + '\n';

const train = `plumb: 1
name: churn-train
nodes:
  - id: data
    type: data.read_csv
    params: { path: churn.csv }
  - id: encode
    type: data.encode
    inputs: { table: data.table }
    params: { exclude: [churn] }
  - id: split
    type: data.split
    inputs: { table: encode.table }
    params: { test_size: 0.25, seed: 1, stratify: churn }
  - id: gbm
    type: model.gradient_boosting
    inputs: { train: split.train }
    params: { target: churn, max_iter: 8 }
  - id: evaluate
    type: evaluate.classification
    inputs: { model: gbm.model, data: split.test }
`;

const json = <T>(stdout: string): T => JSON.parse(stdout) as T;

describe('log-batch splitting within MLflow limits', () => {
  it('250 params → 3 calls; metrics and tags fill up to 1000 entities; every entity sent once', () => {
    const params = Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
    expect(splitLogBatch({ params, metrics: [], tags: [] }).map((b) => b.params.length)).toEqual([100, 100, 50]);
    const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: `m${i % 7}`, value: i, timestamp: 1, step: i }));
    const tags = Array.from({ length: 150 }, (_, i) => ({ key: `t${i}`, value: 'x' }));
    const batches = splitLogBatch({ params, metrics, tags });
    for (const b of batches) {
      expect(b.params.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.params);
      expect(b.tags.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.tags);
      expect(b.metrics.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.metrics);
      expect(b.params.length + b.tags.length + b.metrics.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.total);
    }
    expect(batches.flatMap((b) => b.params)).toEqual(params);
    expect(batches.flatMap((b) => b.tags)).toEqual(tags);
    expect(batches.flatMap((b) => b.metrics)).toEqual(metrics);
    // 2900 entities need at least 3 requests; greedy filling uses exactly that many here
    expect(batches.length).toBe(Math.ceil((250 + 150 + 2500) / LOG_BATCH_LIMITS.total));
  });
});

describe('plumb push-mlflow', () => {
  const dir = tempDir('plumb-mlflow-');
  const project = join(dir, 'p.plumb');
  let first = '';
  let second = '';
  let stub: MlflowStub | undefined;

  beforeAll(async () => {
    writeFiles(dir, { 'churn.csv': csv, 'train.yaml': train });
    expect((await plumb(['run', join(dir, 'train.yaml'), '--project', project])).code).toBe(0);
    expect((await plumb(['run', join(dir, 'train.yaml'), '--project', project, '--set', 'gbm.max_iter=12'])).code).toBe(0);
    const page = json<{ runs: { id: string }[] }>((await plumb(['runs', 'list', project, '--json', '--sort', 'started_at', '--asc'])).stdout);
    [first, second] = page.runs.map((r) => r.id);
    expect((await plumb(['models', 'register', project, '--run', first, '--node', 'gbm', '--name', 'churn', '--alias', 'champion'])).code).toBe(0);
    const registered = await plumb(['models', 'register', project, '--run', second, '--node', 'gbm', '--name', 'churn', '--alias', 'challenger', '--threshold', '0.3', '--json']);
    expect(registered.code).toBe(0);
  }, 120_000);
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a registered version keeps the preprocessing chain and the threshold; its signature is the original columns', async () => {
    const shown = json<{ signature: { columns: { name: string; type: string; levels?: string[] }[] } }>((await plumb(['models', 'show', project, 'churn@2', '--json'])).stdout);
    const contract = shown.signature.columns.find((c) => c.name === 'contract');
    expect(contract).toMatchObject({ type: 'categorical', levels: ['month-to-month', 'one_year', 'two_year'] });
    expect(shown.signature.columns.map((c) => c.name)).not.toContain('contract=one_year');
    const bad = await plumb(['models', 'register', project, '--run', first, '--node', 'gbm', '--name', 'x', '--threshold', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--threshold must be a probability/);
  });

  it('pushes runs, metrics with steps, artifacts, versions and aliases; a second push duplicates nothing', async () => {
    stub = await startMlflowStub();
    process.env.MLFLOW_TRACKING_TOKEN = 'secret-token';
    const result = await plumb(['push-mlflow', project, '--tracking-uri', stub.url, '--json']).finally(() => delete process.env.MLFLOW_TRACKING_TOKEN);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    expect(stub.violations).toEqual([]);
    expect(stub.authorization.every((a) => a === 'Bearer secret-token')).toBe(true);

    expect([...stub.experiments.keys()]).toEqual(['churn-train']);
    const runs = [...stub.runs.values()];
    expect(runs.map((r) => r.tags.get('plumb.run_id')).sort()).toEqual([first, second].sort());
    const pushedFirst = runs.find((r) => r.tags.get('plumb.run_id') === first)!;
    const pushedSecond = runs.find((r) => r.tags.get('plumb.run_id') === second)!;
    expect(pushedFirst.status).toBe('FINISHED');
    expect(pushedFirst.endTime).toBeGreaterThanOrEqual(pushedFirst.startTime!);
    expect(pushedFirst.params.get('gbm.max_iter')).toBe('8');
    expect(pushedSecond.params.get('gbm.max_iter')).toBe('12');
    expect(pushedFirst.params.get('encode.exclude')).toBe('["churn"]');

    // metrics: equal to what `runs show` reports, curves one point per boosting round
    const shown = json<{ metrics: Record<string, number> }>((await plumb(['runs', 'show', project, first, '--json'])).stdout);
    const latest = (key: string) => pushedFirst.metrics.filter((m) => m.key === key).at(-1)?.value;
    expect(latest('evaluate.accuracy')).toBe(shown.metrics['evaluate.accuracy']);
    expect(latest('evaluate.roc_auc')).toBe(shown.metrics['evaluate.roc_auc']);
    const curve = pushedFirst.metrics.filter((m) => m.key === 'gbm.history.train_loss');
    expect(curve.map((m) => m.step)).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
    expect(curve.every((m, i) => i === 0 || m.timestamp >= curve[i - 1].timestamp)).toBe(true);

    // artifacts through the proxy: the pipeline YAML as saved, the run's model file byte for byte
    const yaml = stub.artifacts.get(`1/${pushedFirst.id}/artifacts/pipeline.yaml`)?.toString('utf8');
    expect(yaml).toContain('name: churn-train');
    expect(yaml).toContain('model.gradient_boosting');
    const modelFile = JSON.parse(stub.artifacts.get(`1/${pushedFirst.id}/artifacts/models/gbm/model.json`)!.toString('utf8')) as { preprocessing?: { steps: { kind: string }[] } };
    expect(modelFile.preprocessing?.steps.map((s) => s.kind)).toEqual(['encode']);
    const v2 = JSON.parse(stub.artifacts.get(`1/${pushedSecond.id}/artifacts/registered/churn/v2/model.json`)!.toString('utf8')) as { decision_threshold?: number };
    expect(v2.decision_threshold).toBe(0.3);

    const model = stub.models.get('churn')!;
    expect(model.versions.map((v) => [v.version, v.runId, v.tags.get('plumb.model_version')])).toEqual([
      ['1', pushedFirst.id, '1'],
      ['2', pushedSecond.id, '2'],
    ]);
    expect(model.versions[0].source).toBe(`mlflow-artifacts:/1/${pushedFirst.id}/artifacts/registered/churn/v1`);
    expect(Object.fromEntries(model.aliases)).toEqual({ champion: '1', challenger: '2' });
    const summary = json<{ runs: { created: boolean }[]; models: { created: boolean }[] }>(result.stdout);
    expect(summary.runs.map((r) => r.created)).toEqual([true, true]);

    // again: found by plumb.run_id, nothing created
    const creates = () => stub!.calls.filter((c) => c.path === 'runs/create' || c.path === 'model-versions/create' || c.path === 'experiments/create').length;
    const before = creates();
    const metricsBefore = pushedFirst.metrics.length;
    const again = await plumb(['push-mlflow', project, '--tracking-uri', stub.url, '--json']);
    expect(again.code).toBe(0);
    expect(creates()).toBe(before);
    expect(stub.runs.size).toBe(2);
    expect(model.versions).toHaveLength(2);
    expect(pushedFirst.metrics.length).toBe(metricsBefore);
    expect(json<{ runs: { created: boolean }[] }>(again.stdout).runs.map((r) => r.created)).toEqual([false, false]);
    expect(stub.violations).toEqual([]);
  }, 60_000);

  it('completes a run whose push was interrupted, without a second MLflow run or duplicate metrics', async () => {
    stub = await startMlflowStub();
    expect((await plumb(['push-mlflow', project, '--tracking-uri', stub.url, '--run', first.slice(0, 8)])).code).toBe(0);
    const run = [...stub.runs.values()][0];
    const metrics = run.metrics.length;
    // as if the process had died after runs/create and some log-batch calls
    run.tags.delete('plumb.pushed');
    run.status = 'RUNNING';
    const result = await plumb(['push-mlflow', project, '--tracking-uri', stub.url, '--run', first]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/completed run/);
    expect(stub.runs.size).toBe(1);
    expect(run.status).toBe('FINISHED');
    expect(run.metrics.length).toBe(metrics);
    expect(stub.violations).toEqual([]);
    // only the version from the pushed run, with its alias; the other run's version needs that run
    expect(stub.models.get('churn')!.versions).toHaveLength(1);
    expect(Object.fromEntries(stub.models.get('churn')!.aliases)).toEqual({ champion: '1' });
  }, 60_000);

  it('basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD; no artifact proxy: a warning and no uploads', async () => {
    stub = await startMlflowStub({ proxyArtifacts: false });
    process.env.MLFLOW_TRACKING_USERNAME = 'ann';
    process.env.MLFLOW_TRACKING_PASSWORD = 'pw';
    const result = await plumb(['push-mlflow', project, '--tracking-uri', stub.url]).finally(() => {
      delete process.env.MLFLOW_TRACKING_USERNAME;
      delete process.env.MLFLOW_TRACKING_PASSWORD;
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: artifacts not uploaded: .*--serve-artifacts/);
    expect(stub.artifacts.size).toBe(0);
    expect(stub.calls.some((c) => c.method === 'PUT')).toBe(false);
    expect(stub.authorization.every((a) => a === `Basic ${Buffer.from('ann:pw').toString('base64')}`)).toBe(true);
    expect(stub.violations).toEqual([]);
  }, 60_000);

  it('errors: no tracking URI, an unreachable server and an unknown run exit with one line', async () => {
    const missing = await plumb(['push-mlflow', project]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--tracking-uri/);
    const unreachable = await plumb(['push-mlflow', project, '--tracking-uri', 'http://127.0.0.1:9']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
    stub = await startMlflowStub();
    const unknown = await plumb(['push-mlflow', project, '--tracking-uri', stub.url, '--run', 'nosuchrun']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
