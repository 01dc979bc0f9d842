// One-step mode: every bundled pipeline run node by node (each step reading the files the earlier steps wrote)
// gives the single-process run's outputs, timing fields aside; sharded model.predict + reduce gives the same table.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { parsePipelineYaml } from '../../shared/pipeline/parse.js';
import { runOneStep } from '../../electron/api/one-step.js';
import { startRun } from '../../electron/api/runs.js';
import { planFromDocument, topologicalOrder } from '../../electron/engine/plan.js';
import { expectSameOutputs } from './step-outputs.js';
import { plumb, repoRoot } from './cli-helpers.js';

const pipelinesDir = join(repoRoot, 'assets', 'pipelines');
/** Node types that need a project file (the registry, the prediction log): one-step mode has none. */
const NEEDS_PROJECT = new Set(['model.load', 'data.prediction_log']);

function load(file: string) {
  const path = join(pipelinesDir, file);
  return { document: parsePipelineYaml(readFileSync(path, 'utf8'), { file: path, catalog: nodeCatalog }), baseDir: dirname(path) };
}

const pipelines = readdirSync(pipelinesDir).filter((f) => f.endsWith('.yaml')).sort();

describe('one-step mode', () => {
  it('finds the bundled pipelines', () => expect(pipelines.length).toBeGreaterThanOrEqual(4));

  for (const file of pipelines) {
    const { document } = load(file);
    const needsProject = document.nodes.find((n) => NEEDS_PROJECT.has(n.type));
    it.skipIf(needsProject)(`${file}: step by step equals the single run${needsProject ? ` (skipped: ${needsProject.type} needs a project)` : ''}`, async () => {
      const { document: doc, baseDir } = load(file);
      const root = mkdtempSync(join(tmpdir(), 'plumb-steps-'));
      const fullDir = join(root, 'full');
      const stepsDir = join(root, 'steps');
      const { result } = await startRun({ document: doc, baseDir, outDir: fullDir }).finished;
      // A failed quality gate is still a comparable run: the same node must fail the same way step by step.
      const gateFailed = new Set(result.nodes.filter((n) => n.status === 'failed').map((n) => n.id));
      expect(result.nodes.filter((n) => n.status !== 'done' && !gateFailed.has(n.id))).toEqual([]);

      for (const node of topologicalOrder(planFromDocument(doc, nodeCatalog))) {
        const step = runOneStep({ document: doc, baseDir, node: node.id, inputsDir: stepsDir, outDir: stepsDir });
        if (gateFailed.has(node.id)) await expect(step).rejects.toThrow();
        else await step;
      }
      expect(await expectSameOutputs(fullDir, stepsDir)).toBeGreaterThan(3);
      rmSync(root, { recursive: true, force: true }); // kept when the test fails, to look at
    }, 300_000);
  }

  it('model.predict in 3 shards + reduce equals the unsharded step (CLI)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumb-shards-'));
    const pipeline = join(pipelinesDir, 'churn.yaml');
    for (const node of ['data', 'clean', 'encode', 'split', 'logistic']) {
      const r = await plumb(['run', pipeline, '--node', node, '--out', dir]);
      expect(r.stderr, node).not.toContain('error');
      expect(r.code).toBe(0);
    }
    const whole = resolve(dir, 'whole');
    expect((await plumb(['run', pipeline, '--node', 'scored', '--inputs', dir, '--out', whole])).code).toBe(0);
    for (let i = 0; i < 3; i++) expect((await plumb(['run', pipeline, '--node', 'scored', '--inputs', dir, '--out', dir, '--shard', `${i}/3`])).code).toBe(0);
    const reduced = await plumb(['run', pipeline, '--node', 'scored', '--inputs', dir, '--out', join(dir, 'reduced'), '--reduce', '3', '--json']);
    expect(reduced.code).toBe(0);
    expect(JSON.parse(reduced.stdout).files).toEqual(['scored/table.parquet']);

    // The sharded and the whole table agree row by row (compared as CSV through the --out writer).
    const { openDataSession } = await import('../../electron/data/session.js');
    const session = await openDataSession();
    try {
      const csv = async (path: string) => {
        const table = await session.fromParquetBytes(readFileSync(path), 't');
        await session.writeCsv(table, `${path}.csv`);
        return readFileSync(`${path}.csv`, 'utf8');
      };
      const wholeCsv = await csv(join(whole, 'scored', 'table.parquet'));
      const shardRows: number[] = [];
      for (let i = 0; i < 3; i++) shardRows.push(await session.rowCount(await session.fromParquetBytes(readFileSync(join(dir, 'scored', `shard-${i}`, 'table.parquet')), 's')));
      expect(Math.min(...shardRows)).toBeGreaterThan(0);
      expect(shardRows.reduce((a, b) => a + b, 0)).toBe(wholeCsv.trimEnd().split('\n').length - 1);
      expect(await csv(join(dir, 'reduced', 'scored', 'table.parquet'))).toBe(wholeCsv);
      expect(wholeCsv.split('\n').length).toBeGreaterThan(100);
    } finally {
      await session.close();
    }
  }, 120_000);

  it('refuses to shard a node that is not row-wise, and a bad --shard, with one-line errors', async () => {
    const pipeline = join(pipelinesDir, 'churn.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'plumb-shards-'));
    const notRowWise = await plumb(['run', pipeline, '--node', 'data', '--out', dir, '--shard', '0/2']);
    expect(notRowWise.code).toBe(2);
    expect(notRowWise.stderr).toMatch(/^error: data: param '--shard': node type 'data.read_csv' cannot be sharded/m);
    const bad = await plumb(['run', pipeline, '--node', 'scored', '--out', dir, '--shard', '3/3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard '3\/3' is not valid/);
    const missing = await plumb(['run', pipeline, '--node', 'scored', '--out', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not found \(run the upstream step first\)/);
  }, 60_000);

  it('multiclass KernelSHAP in 3 shards + reduce equals the unsharded step; an empty shard is refused', async () => {
    const { document: penguins, baseDir } = load('penguins.yaml');
    // KernelSHAP: seeded coalition samples per row, values[class][row][feature] for the three species.
    const kernel = { method: 'kernel', max_rows: 6, nsamples: 64, seed: 4 };
    const doc = { ...penguins, nodes: penguins.nodes.map((n) => (n.id === 'shap' ? { ...n, params: { ...n.params, ...kernel } } : n)) };
    const dir = mkdtempSync(join(tmpdir(), 'plumb-shap-shards-'));
    const step = (node: string, extra: Partial<Parameters<typeof runOneStep>[0]> = {}) => runOneStep({ document: doc, baseDir, node, inputsDir: dir, outDir: dir, ...extra });
    for (const node of ['data', 'measured', 'clean', 'split', 'gbm']) await step(node);
    await step('shap', { outDir: join(dir, 'whole') });
    for (let i = 0; i < 3; i++) await step('shap', { shard: { index: i, count: 3 } });
    await step('shap', { outDir: join(dir, 'reduced'), reduce: 3 });

    const json = (...parts: string[]) => JSON.parse(readFileSync(join(dir, ...parts, 'explanation.json'), 'utf8')) as { base_value: unknown; rows: number[] };
    const whole = json('whole', 'shap');
    expect(Array.isArray(whole.base_value)).toBe(true); // multiclass: values[class][row][feature]
    const shardRows = [0, 1, 2].map((i) => json('shap', `shard-${i}`).rows.length);
    expect(Math.max(...shardRows)).toBeLessThan(whole.rows.length);
    expect(shardRows.reduce((a, b) => a + b, 0)).toBe(whole.rows.length);
    expect(json('reduced', 'shap')).toEqual(whole);

    await expect(step('shap', { shard: { index: 0, count: whole.rows.length + 1 } })).rejects.toThrow(/shard 0\/\d+ has no rows to explain/);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
