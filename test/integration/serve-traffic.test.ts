// `plumb serve` on models trained and registered through the CLI: served probabilities equal model.predict's,
// an A/B split of champion and challenger holds its weights within binomial tolerance over 10,000 keyed requests
// and is sticky by key, every prediction of a burst reaches the prediction log in order, data.prediction_log feeds
// monitor.drift (no drift on resampled training rows, drift on shifted ones), and the CLI prints its one line and
// shuts down on SIGTERM.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveModels } from '../../electron/serve/serve-models.js';
import { openProjectFile } from '../../electron/store/project-file.js';
import { plumb, repoRoot, tempDir, writeFiles } from './cli-helpers.js';

const csv = readFileSync(join(repoRoot, 'assets/datasets/churn.csv'), 'utf8').split('\n').slice(0, 401).join('\n') + '\n';

const train = `plumb: 1
name: train
nodes:
  - id: data
    type: data.read_csv
    params: { path: churn.csv }
  - id: gbm
    type: model.gradient_boosting
    inputs: { train: data.table }
    params: { target: churn, max_iter: 15 }
  - id: forest
    type: model.random_forest
    inputs: { train: data.table }
    params: { target: churn, n_estimators: 10, max_depth: 5 }
  - id: scored
    type: model.predict
    inputs: { model: gbm.model, data: data.table }
`;

const FEATURES = ['tenure_months', 'monthly_charges', 'total_charges', 'contract', 'internet_service', 'payment_method', 'senior', 'support_calls'];

function readCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, j) => [names[j], cell])));
}

/** A CSV row as a JSON instance: numbers where the model reads numbers, empty cells missing. */
function instance(row: Record<string, string>, levels: Record<string, string[]>, shift = 0): Record<string, string | number | null> {
  return Object.fromEntries(
    FEATURES.map((f) => [f, row[f] === '' ? null : levels[f] ? row[f] : Number(row[f]) + (f === 'tenure_months' ? shift : 0)]),
  );
}

const dir = tempDir('plumb-serve-');
const project = join(dir, 'p.plumb');
let rows: Record<string, string>[];
let levels: Record<string, string[]>;

beforeAll(async () => {
  writeFiles(dir, { 'churn.csv': csv, 'train.yaml': train });
  const run = await plumb(['run', 'train.yaml', '--project', 'p.plumb', '--out', 'out'], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  const list = JSON.parse((await plumb(['runs', 'list', project, '--json'])).stdout) as { runs: { id: string }[] };
  const runId = list.runs[0].id;
  for (const [node, alias] of [['gbm', 'champion'], ['forest', 'challenger']]) {
    const registered = await plumb(['models', 'register', project, '--run', runId, '--node', node, '--name', 'churn', '--alias', alias]);
    expect(registered.code, registered.stderr).toBe(0);
  }
  rows = readCsv(csv);
  levels = (JSON.parse(readFileSync(join(dir, 'out/gbm/model.json'), 'utf8')) as { feature_levels: Record<string, string[]> }).feature_levels;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, version: response.headers.get('x-plumb-model-version'), body: (await response.json()) as Record<string, unknown> };
};

describe('served predictions', () => {
  it("equal model.predict's for every training row (row and columnar formats)", async () => {
    const serving = await serveModels({ specs: [join(dir, 'out/gbm/model.json')], port: 0 });
    try {
      const expected = readCsv(readFileSync(join(dir, 'out/scored/table.csv'), 'utf8'));
      const instances = rows.map((r) => instance(r, levels));
      const got = await post(`${serving.server.url}/v1/models/model:predict`, { instances });
      expect(got.status).toBe(200);
      const predictions = got.body.predictions as { label: string; probabilities: Record<string, number> }[];
      expect(predictions).toHaveLength(expected.length);
      predictions.forEach((p, i) => {
        expect(p.label).toBe(expected[i].prediction);
        expect(p.probabilities.yes).toBeCloseTo(Number(expected[i].proba_yes), 12);
        expect(p.probabilities.no).toBeCloseTo(Number(expected[i].proba_no), 12);
      });
      const columns = Object.fromEntries(FEATURES.map((f) => [f, instances.map((r) => r[f])]));
      const columnar = await post(`${serving.server.url}/v1/models/model:predict`, { inputs: columns });
      const outputs = columnar.body.outputs as { label: string[]; probabilities: Record<string, number[]> };
      expect(outputs.label).toEqual(predictions.map((p) => p.label));
      expect(outputs.probabilities.yes).toEqual(predictions.map((p) => p.probabilities.yes));
    } finally {
      await serving.close();
    }
  });

  it('a model with a stored preprocessing chain takes the original columns and predicts like the encoded table', async () => {
    const chain = `plumb: 1
name: chain
nodes:
  - id: data
    type: data.read_csv
    params: { path: churn.csv }
  - id: clean
    type: data.impute
    inputs: { table: data.table }
    params: { strategy: median }
  - id: encode
    type: data.encode
    inputs: { table: clean.table }
    params: { exclude: [churn] }
  - id: gbm
    type: model.gradient_boosting
    inputs: { train: encode.table }
    params: { target: churn, max_iter: 10 }
  - id: scored
    type: model.predict
    inputs: { model: gbm.model, data: encode.table }
`;
    writeFiles(dir, { 'chain.yaml': chain });
    const run = await plumb(['run', 'chain.yaml', '--out', 'chain'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const serving = await serveModels({ specs: [join(dir, 'chain/gbm/model.json')], port: 0 });
    try {
      const meta = (await (await fetch(`${serving.server.url}/v1/models/model/metadata`)).json()) as { metadata: { plumb: { inputs: string[] } } };
      expect(meta.metadata.plumb.inputs).toEqual(FEATURES);
      const raw = rows.map((r) => Object.fromEntries(FEATURES.map((f) => [f, r[f] === '' ? null : f === 'senior' || !/^[\d.-]+$/.test(r[f]) ? r[f] : Number(r[f])])));
      const got = await post(`${serving.server.url}/v1/models/model:predict`, { instances: raw });
      expect(got.status, JSON.stringify(got.body)).toBe(200);
      const expected = readCsv(readFileSync(join(dir, 'chain/scored/table.csv'), 'utf8'));
      const predictions = got.body.predictions as { label: string; probabilities: Record<string, number> }[];
      predictions.forEach((p, i) => {
        expect(p.label).toBe(expected[i].prediction);
        expect(p.probabilities.yes).toBeCloseTo(Number(expected[i].proba_yes), 12);
      });
      const unknown = await post(`${serving.server.url}/v1/models/model:predict`, { instances: [{ ...raw[0], contract: 'weekly' }] });
      expect(unknown.status).toBe(200);
      expect(unknown.body.warnings).toEqual([expect.stringMatching(/column 'contract': 1 value the model never saw in training \('weekly'\)/)]);
      const missing = await post(`${serving.server.url}/v1/models/model:predict`, { instances: [{ tenure_months: 3 }] });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatch(/missing column 'monthly_charges'/);
    } finally {
      await serving.close();
    }
  }, 60_000);

  it('a large batch (predicted in a worker thread) equals the same rows predicted one request at a time', async () => {
    const serving = await serveModels({ specs: [join(dir, 'out/forest/model.json')], port: 0 });
    try {
      const instances = Array.from({ length: 2500 }, (_, i) => instance(rows[i % rows.length], levels));
      const batch = await post(`${serving.server.url}/invocations`, { instances });
      const single = await Promise.all(rows.slice(0, 40).map(async (r) => (await post(`${serving.server.url}/invocations`, { instances: [instance(r, levels)] })).body.predictions as string[]));
      expect((batch.body.predictions as string[]).slice(0, 40)).toEqual(single.flat());
      expect(batch.body.predictions).toHaveLength(2500);
    } finally {
      await serving.close();
    }
  });
});

describe('A/B split and the prediction log', () => {
  const N = 10_000;
  let since = '';

  it('routes 10,000 keyed requests 90/10 within binomial tolerance, sticky by key, and logs every one', async () => {
    const serving = await serveModels({ specs: [`${project}:churn@champion`, `${project}:churn@challenger`], split: '90,10', port: 0 });
    const url = `${serving.server.url}/v1/models/churn:predict`;
    const versionOf = new Map<string, string>();
    try {
      expect(serving.server.versions.map((v) => v.version)).toEqual(['1', '2']);
      for (let start = 0; start < N; start += 100) {
        const answers = await Promise.all(
          Array.from({ length: 100 }, (_, j) => post(url, { key: `user-${start + j}`, instances: [instance(rows[(start + j) % rows.length], levels)] })),
        );
        answers.forEach((a, j) => {
          expect(a.status).toBe(200);
          versionOf.set(`user-${start + j}`, a.version!);
        });
      }
      const challenger = [...versionOf.values()].filter((v) => v === '2').length;
      // Binomial(10000, 0.1): mean 1000, sd 30; 4 sd either side.
      expect(Math.abs(challenger - 1000)).toBeLessThan(4 * 30);
      // Sticky: the same key again, in the body or as X-Plumb-Key, lands on the same version.
      for (let i = 0; i < 200; i++) {
        const key = `user-${i * 37}`;
        const again = i % 2 ? await post(url, { key, instances: [instance(rows[0], levels)] }) : await post(url, { instances: [instance(rows[0], levels)] }, { 'X-Plumb-Key': key });
        expect(again.version).toBe(versionOf.get(key));
      }
      // Labels name versions by alias.
      expect((await post(`${serving.server.url}/v1/models/churn/labels/challenger:predict`, { instances: [instance(rows[0], levels)] })).version).toBe('2');
      expect((await post(`${serving.server.url}/v1/models/churn/labels/champion:predict`, { instances: [instance(rows[0], levels)] })).version).toBe('1');
      // In order: sequential requests appear in the log in the order they were answered.
      for (let i = 0; i < 20; i++) await post(url, { key: `seq-${i}`, instances: [instance(rows[i], levels)] });
    } finally {
      await serving.close();
    }
    since = new Date().toISOString();

    const file = openProjectFile(project);
    try {
      const log = file.predictionLog.list({ model: 'churn' });
      expect(log).toHaveLength(N + 200 + 2 + 20);
      const keyed = new Map(log.filter((r) => r.key?.startsWith('user-')).map((r) => [r.key!, r] as const));
      expect(keyed.size).toBe(N);
      for (const [key, version] of versionOf) expect(keyed.get(key)!.modelVersion).toBe(version);
      for (let i = 1; i < log.length; i++) expect(log[i].servedAt >= log[i - 1].servedAt).toBe(true);
      expect(log.filter((r) => r.key?.startsWith('seq-')).map((r) => r.key)).toEqual(Array.from({ length: 20 }, (_, i) => `seq-${i}`));
      const first = keyed.get('user-0')!;
      expect(first.inputs).toEqual(instance(rows[0], levels));
      expect(first.probabilities!.yes + first.probabilities!.no).toBeCloseTo(1, 12);
      expect(first.latencyMs).toBeGreaterThan(0);
    } finally {
      file.close();
    }
  }, 180_000);

  it('data.prediction_log feeds monitor.drift: resampled training rows do not drift, shifted ones do', async () => {
    // Shifted traffic after `since`: tenure + 40 months.
    const serving = await serveModels({ specs: [`${project}:churn@champion`], port: 0 });
    try {
      for (let start = 0; start < 400; start += 100) {
        await Promise.all(rows.slice(start, start + 100).map((r) => post(`${serving.server.url}/v1/models/churn:predict`, { instances: [instance(r, levels, 40)] })));
      }
    } finally {
      await serving.close();
    }
    const pipeline = (name: string, filter: string) => `plumb: 1
name: ${name}
nodes:
  - id: training
    type: data.read_csv
    params: { path: churn.csv }
  - id: served
    type: data.prediction_log
    params: { model: churn, ${filter} }
  - id: drift
    type: monitor.drift
    inputs: { reference: training.table, current: served.table }
    params: { columns: [tenure_months, monthly_charges, contract, senior] }
`;
    writeFiles(dir, { 'before.yaml': pipeline('before', `version: "1", until: "${since}"`), 'after.yaml': pipeline('after', `since: "${since}"`) });
    const before = await plumb(['run', 'before.yaml', '--project', 'p.plumb', '--out', 'before'], { cwd: dir });
    expect(before.code, before.stderr).toBe(0);
    const after = await plumb(['run', 'after.yaml', '--project', 'p.plumb', '--out', 'after'], { cwd: dir });
    expect(after.code, after.stderr).toBe(0);

    const table = readCsv(readFileSync(join(dir, 'before/served/table.csv'), 'utf8'));
    expect(Object.keys(table[0]).slice(0, 4)).toEqual(['served_at', 'model_version', 'latency_ms', 'key']);
    expect(Object.keys(table[0])).toEqual(expect.arrayContaining([...FEATURES, 'prediction', 'proba_no', 'proba_yes']));
    expect(table.every((r) => r.model_version === '1')).toBe(true);

    type Drift = { columns: { name: string; drifted: boolean }[] };
    const drifted = (folder: string) => (JSON.parse(readFileSync(join(dir, folder, 'drift/drift.json'), 'utf8')) as Drift).columns;
    expect(drifted('before').find((c) => c.name === 'tenure_months')!.drifted).toBe(false);
    expect(drifted('after').find((c) => c.name === 'tenure_months')!.drifted).toBe(true);
    expect(drifted('after').find((c) => c.name === 'contract')!.drifted).toBe(false);
    expect(readCsv(readFileSync(join(dir, 'after/served/table.csv'), 'utf8'))).toHaveLength(400);
  }, 120_000);

  it('data.prediction_log without a project is a clear error', async () => {
    writeFiles(dir, { 'orphan.yaml': 'plumb: 1\nname: orphan\nnodes:\n  - id: served\n    type: data.prediction_log\n    params: { model: churn }\n' });
    const result = await plumb(['run', 'orphan.yaml'], { cwd: dir });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/prediction log of a project.*--project/);
  });
});

describe('plumb serve (CLI)', () => {
  it('prints one line, answers, refuses a bad --split, and exits 0 on SIGTERM', async () => {
    const bad = await plumb(['serve', join(dir, 'out/gbm/model.json'), join(dir, 'out/forest/model.json'), '--split', '90']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--split: 1 weights for 2 models/);

    const child = spawn(process.execPath, [join(repoRoot, 'bin/plumb.mjs'), 'serve', join(dir, 'out/gbm/model.json'), '--port', '0', '--name', 'churn-gbm'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL line: ${stdout}`)), 60_000);
      child.stdout.on('data', () => stdout.includes('\n') && (clearTimeout(timer), resolve()));
    });
    const match = /^Plumb serving churn-gbm at (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(stdout);
    expect(match, stdout).not.toBeNull();
    const got = await post(`${match![1]}/v1/models/churn-gbm:predict`, { instances: [instance(rows[0], levels)] });
    expect(got.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
  }, 90_000);
});
