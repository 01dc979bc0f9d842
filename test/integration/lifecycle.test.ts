// The lifecycle CLI of SPEC §5 against a project made by `plumb run --project`: runs list/show/compare/delete,
// models register/alias (logged, rollback)/show/lineage, datasets list, and model.load predicting exactly like
// the run that trained the model. Errors name what was not found and exit 2.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plumb, repoRoot, tempDir, writeFiles } from './cli-helpers.js';

const csv = readFileSync(join(repoRoot, 'assets/datasets/churn.csv'), 'utf8').split('\n').slice(0, 301).join('\n') + '\n';

const train = `plumb: 1
name: train
nodes:
  - id: data
    type: data.read_csv
    params: { path: churn.csv }
  - id: split
    type: data.split
    inputs: { table: data.table }
    params: { test_size: 0.25, seed: 1, stratify: churn }
  - id: gbm
    type: model.gradient_boosting
    inputs: { train: split.train }
    params: { target: churn, max_iter: 10 }
  - id: evaluate
    type: evaluate.classification
    inputs: { model: gbm.model, data: split.test }
  - id: importance
    type: explain.permutation_importance
    inputs: { model: gbm.model, data: split.test }
    params: { n_repeats: 2 }
  - id: scored
    type: model.predict
    inputs: { model: gbm.model, data: split.test }
`;

const serve = (ref: string) => `plumb: 1
name: serve
nodes:
  - id: data
    type: data.read_csv
    params: { path: churn.csv }
  - id: split
    type: data.split
    inputs: { table: data.table }
    params: { test_size: 0.25, seed: 1, stratify: churn }
  - id: model
    type: model.load
    params: { model: "${ref}" }
  - id: scored
    type: model.predict
    inputs: { model: model.model, data: split.test }
`;

const json = <T>(stdout: string): T => JSON.parse(stdout) as T;
interface Page { runs: { id: string; metrics: Record<string, number>; pipelineHash: string }[]; total: number; metricColumns: string[] }

describe('plumb runs / models / datasets', () => {
  const dir = tempDir('plumb-lifecycle-');
  const project = join(dir, 'p.plumb');
  let first = '';
  let second = '';

  beforeAll(async () => {
    writeFiles(dir, { 'churn.csv': csv, 'train.yaml': train, 'serve.yaml': serve('churn@champion'), 'pinned.yaml': serve('churn@2') });
    expect((await plumb(['run', join(dir, 'train.yaml'), '--project', project, '--out', join(dir, 'out1')])).code).toBe(0);
    expect((await plumb(['run', join(dir, 'train.yaml'), '--project', project, '--out', join(dir, 'out2'), '--set', 'gbm.max_iter=30'])).code).toBe(0);
    const page = json<Page>((await plumb(['runs', 'list', project, '--json', '--sort', 'started_at', '--asc'])).stdout);
    [first, second] = page.runs.map((r) => r.id);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists runs with the union of metric columns, sorted by a metric, and shows one complete run', async () => {
    const listed = await plumb(['runs', 'list', project, '--json', '--sort', 'metric:evaluate.n']);
    expect(listed.code).toBe(0);
    const page = json<Page>(listed.stdout);
    expect(page.total).toBe(2);
    expect(page.metricColumns).toEqual(expect.arrayContaining(['evaluate.accuracy', 'evaluate.roc_auc', 'evaluate.n']));
    expect(page.runs[0].pipelineHash).toMatch(/^[0-9a-f]{64}$/);

    const shown = json<{ nodes: { id: string; params: Record<string, unknown>; seconds: number }[]; datasets: { name: string; node: string }[]; plumbVersion: string; computeBackend: string }>(
      (await plumb(['runs', 'show', project, second.slice(0, 8), '--json'])).stdout,
    );
    expect(shown.nodes.find((n) => n.id === 'gbm')?.params).toMatchObject({ target: 'churn', max_iter: 30, learning_rate: 0.1 });
    expect(shown.nodes.every((n) => typeof n.seconds === 'number')).toBe(true);
    expect(shown.datasets).toEqual([expect.objectContaining({ name: 'churn', node: 'data' })]);
    expect(shown.plumbVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(shown.computeBackend).toBeTruthy();
  });

  it('compares two runs: the changed param differs, metrics are the union with the best marked', async () => {
    const result = await plumb(['runs', 'compare', project, first, second, '--json']);
    expect(result.code).toBe(0);
    const comparison = json<{ params: { node: string; param: string; values: unknown[]; differs: boolean }[]; metrics: { name: string; best: number[]; better: string | null }[] }>(result.stdout);
    expect(comparison.params.filter((p) => p.differs)).toEqual([{ node: 'gbm', param: 'max_iter', values: [10, 30], differs: true }]);
    const auc = comparison.metrics.find((m) => m.name === 'evaluate.roc_auc')!;
    expect(auc.better).toBe('higher');
    expect(auc.best.length).toBeGreaterThan(0);
    const text = await plumb(['runs', 'compare', project, first, second]);
    expect(text.stdout).toMatch(/gbm\.max_iter\s+10\s+30/);
  });

  it('registers models, moves and rolls back aliases with a log, and shows the lineage', async () => {
    const registered = await plumb(['models', 'register', project, '--run', first, '--node', 'gbm', '--name', 'churn', '--alias', 'champion', '--json']);
    expect(registered.code).toBe(0);
    const v1 = json<{ version: { version: number; signature: { columns: { name: string }[]; classes: string[] }; explanation: { top: unknown[] }; metrics: Record<string, number> }; created: boolean }>(registered.stdout);
    expect(v1).toMatchObject({ created: true, version: { version: 1, signature: { classes: ['no', 'yes'] } } });
    expect(v1.version.signature.columns.map((c) => c.name)).toContain('tenure_months');
    expect(v1.version.explanation.top.length).toBeGreaterThan(0);
    expect(Object.keys(v1.version.metrics)).toContain('evaluate.roc_auc');
    expect((await plumb(['models', 'register', project, '--run', second, '--node', 'gbm', '--name', 'churn', '--alias', 'challenger'])).stdout).toMatch(/registered churn@2 \(challenger\)/);

    expect((await plumb(['models', 'alias', project, 'churn@champion', '2', '--note', 'better auc'])).stdout).toMatch(/1 -> 2 \(better auc\)/);
    expect((await plumb(['models', 'alias', project, 'churn@champion', '--rollback', '--note', 'too slow'])).stdout).toMatch(/2 -> 1 \(too slow\)/);
    const shown = json<{ aliasLog: { alias: string; from: number | null; to: number | null; note: string | null }[] }>((await plumb(['models', 'show', project, 'churn', '--json'])).stdout);
    expect(shown.aliasLog.filter((m) => m.alias === 'champion').map((m) => [m.from, m.to, m.note])).toEqual([[null, 1, null], [1, 2, 'better auc'], [2, 1, 'too slow']]);
    const listed = json<{ models: { name: string; aliases: Record<string, number> }[] }>((await plumb(['models', 'list', project, '--json'])).stdout);
    expect(listed.models).toEqual([expect.objectContaining({ name: 'churn', latestVersion: 2, aliases: { champion: 1, challenger: 2 } })]);

    const lineage = json<{ run: { id: string }; pipeline: { name: string; version: number; available: boolean }; datasets: { name: string }[]; graph: { edges: unknown[] } }>(
      (await plumb(['models', 'lineage', project, 'churn@champion', '--json'])).stdout,
    );
    expect(lineage.run.id).toBe(first);
    expect(lineage.pipeline).toMatchObject({ name: 'train', version: 1, available: true });
    expect(lineage.datasets.map((d) => d.name)).toEqual(['churn']);
    expect(lineage.graph.edges).toHaveLength(3);

    const datasets = json<{ datasets: { name: string; versions: { runs: string[] }[] }[] }>((await plumb(['datasets', 'list', project, '--json'])).stdout);
    expect(datasets.datasets[0].versions[0].runs).toEqual(expect.arrayContaining([first, second]));
  });

  it('model.load by alias and by version predicts exactly like the runs that trained them; moving the alias is never stale', async () => {
    const byAlias = await plumb(['run', join(dir, 'serve.yaml'), '--project', project, '--out', join(dir, 'served1')]);
    expect(byAlias.code).toBe(0);
    expect(readFileSync(join(dir, 'served1/scored/table.csv'), 'utf8')).toBe(readFileSync(join(dir, 'out1/scored/table.csv'), 'utf8'));
    const pinned = await plumb(['run', join(dir, 'pinned.yaml'), '--project', project, '--out', join(dir, 'served2')]);
    expect(readFileSync(join(dir, 'served2/scored/table.csv'), 'utf8')).toBe(readFileSync(join(dir, 'out2/scored/table.csv'), 'utf8'));
    expect(pinned.code).toBe(0);

    await plumb(['models', 'alias', project, 'churn@champion', '2', '--note', 'promote']);
    const moved = await plumb(['run', join(dir, 'serve.yaml'), '--project', project, '--out', join(dir, 'served3'), '--json']);
    const summary = json<{ nodes: { id: string; status: string }[] }>(moved.stdout);
    expect(summary.nodes.find((n) => n.id === 'model')?.status).toBe('done');
    expect(readFileSync(join(dir, 'served3/scored/table.csv'), 'utf8')).toBe(readFileSync(join(dir, 'out2/scored/table.csv'), 'utf8'));
  }, 60_000);

  it('model.load without a project, and unknown runs, models and aliases, exit 2 naming what is missing', async () => {
    const noProject = await plumb(['run', join(dir, 'serve.yaml')]);
    expect(noProject.code).toBe(2);
    expect(noProject.stderr).toMatch(/error: model: model\.load needs a project file/);
    const cases: [string[], RegExp][] = [
      [['runs', 'show', project, 'no-such-run'], /no run 'no-such-run'/],
      [['models', 'show', project, 'ghost'], /no model named 'ghost'/],
      [['models', 'lineage', project, 'churn@nobody'], /model 'churn' has no alias 'nobody'/],
      [['models', 'alias', project, 'churn@champion', '9'], /model 'churn' has no version 9/],
      [['models', 'register', project, '--run', first, '--node', 'nope', '--name', 'x'], /has no node 'nope'/],
      [['models', 'register', project, '--run', first, '--node', 'evaluate', '--name', 'x'], /has no model output/],
      [['runs', 'list', join(dir, 'missing.plumb')], /no project file at/],
    ];
    for (const [args, message] of cases) {
      const result = await plumb(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('diffs two dataset versions: one changed value makes a second version with the same schema and rows', async () => {
    writeFiles(dir, { 'churn.csv': csv.replace(/\n\d+,/, '\n99,') });
    expect((await plumb(['run', join(dir, 'train.yaml'), '--project', project])).code).toBe(0);
    const listed = json<{ datasets: { name: string; versions: { version: number; hash: string }[] }[] }>((await plumb(['datasets', 'list', project, '--json'])).stdout);
    expect(listed.datasets.map((d) => [d.name, d.versions.map((v) => v.version)])).toEqual([['churn', [1, 2]]]);
    const diff = await plumb(['datasets', 'diff', project, 'churn@1', listed.datasets[0].versions[1].hash.slice(0, 10), '--json']);
    expect(diff.code).toBe(0);
    const report = json<{ rowChange: number; schema: { added: unknown[]; removed: unknown[]; changed: unknown[] }; drift: { columns: { name: string }[] } }>(diff.stdout);
    expect(report).toMatchObject({ rowChange: 0, schema: { added: [], removed: [], changed: [] } });
    expect(report.drift.columns.map((c) => c.name)).toContain('tenure_months');
    const missing = await plumb(['datasets', 'diff', project, 'churn@1', 'churn@9']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no dataset 'churn' version 9/);
  }, 60_000);

  it('deletes a run, keeping the registered model it produced', async () => {
    const deleted = await plumb(['runs', 'delete', project, first, '--json']);
    expect(deleted.code).toBe(0);
    expect(json<{ runs: string[] }>(deleted.stdout).runs).toEqual([first]);
    const lineage = json<{ run: unknown; model: { version: number } }>((await plumb(['models', 'lineage', project, 'churn@1', '--json'])).stdout);
    expect(lineage).toMatchObject({ run: null, model: { version: 1 } });
    const served = await plumb(['run', join(dir, 'serve.yaml'), '--project', project, '--json']);
    expect(served.code).toBe(0);
  }, 60_000);
});

describe('the bundled sample project', () => {
  it('ships churn@champion and churn@challenger, each with its run, pipeline and dataset lineage', async () => {
    const sample = join(repoRoot, 'assets/sample.plumb');
    const listed = json<{ models: { name: string; aliases: Record<string, number> }[] }>((await plumb(['models', 'list', sample, '--json'])).stdout);
    expect(listed.models).toEqual([expect.objectContaining({ name: 'churn', aliases: { champion: expect.any(Number), challenger: expect.any(Number) } })]);
    for (const alias of ['champion', 'challenger']) {
      const lineage = json<{ run: { id: string; status: string }; pipeline: { name: string; available: boolean }; datasets: { name: string }[] }>(
        (await plumb(['models', 'lineage', sample, `churn@${alias}`, '--json'])).stdout,
      );
      expect(lineage.run).toMatchObject({ id: 'sample-churn-1', status: 'ok' });
      expect(lineage.pipeline).toMatchObject({ name: 'churn', available: true });
      expect(lineage.datasets.map((d) => d.name)).toEqual(['churn']);
    }
  });
});
