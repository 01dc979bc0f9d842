// The CLI contract of SPEC §5: commands, exit codes 0/1/2/3, stderr error lines, --json, --out, caching.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plumb, repoRoot, tempDir, writeFiles } from './cli-helpers.js';
import { openProjectFile } from '../../electron/store/project-file.js';

const csv = 'x,y,label\n1,2.5,a\n2,3.5,b\n3,,a\n4,5.5,b\n5,6.5,a\n6,7.5,b\n7,8.5,a\n8,9.5,b\n';

function pipeline(extraNodes = '', sqlQuery = 'select label, count(*) as n, sum(x) as sx from t1 group by label order by label'): string {
  return `plumb: 1
name: tiny
nodes:
  - id: data
    type: data.read_csv
    params: { path: data.csv }
  - id: split
    type: data.split
    inputs: { table: data.table }
    params: { test_size: 0.25, seed: 3, stratify: label }
  - id: summary
    type: data.sql
    inputs: { t1: data.table }
    params: { query: "${sqlQuery}" }
${extraNodes}`;
}

describe('plumb run', () => {
  it('runs a pipeline, writes every output port, and reports everything cached on a second run with --project', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.csv': csv, 'p.yaml': pipeline() });
    const out = join(dir, 'out');
    const project = join(dir, 'p.plumb');
    const first = await plumb(['run', join(dir, 'p.yaml'), '--out', out, '--project', project, '--json']);
    expect(first.stderr).not.toMatch(/^error:/m);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as { status: string; nodes: { id: string; status: string }[] };
    expect(summary.status).toBe('ok');
    expect(summary.nodes.map((n) => [n.id, n.status])).toEqual([['data', 'done'], ['split', 'done'], ['summary', 'done']]);
    expect(readFileSync(join(out, 'summary', 'table.csv'), 'utf8').trim().split('\n')).toEqual(['label,n,sx', 'a,4,16', 'b,4,20']);
    const train = readFileSync(join(out, 'split', 'train.csv'), 'utf8').trim().split('\n');
    const test = readFileSync(join(out, 'split', 'test.csv'), 'utf8').trim().split('\n');
    expect(train.length - 1 + test.length - 1).toBe(8);
    expect(existsSync(join(out, 'data', 'table.csv'))).toBe(true);

    const second = await plumb(['run', join(dir, 'p.yaml'), '--project', project, '--json']);
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout) as { nodes: { status: string }[] };
    expect(again.nodes.every((n) => n.status === 'cached')).toBe(true);

    // One param changed with --set: that node and its descendants re-run, the rest stays cached.
    const third = await plumb(['run', join(dir, 'p.yaml'), '--project', project, '--json', '--set', 'split.seed=4']);
    const changed = JSON.parse(third.stdout) as { nodes: { id: string; status: string }[] };
    expect(changed.nodes.map((n) => [n.id, n.status])).toEqual([['data', 'cached'], ['split', 'done'], ['summary', 'cached']]);

    // The project file recorded three runs with per-node states and the input data once, by content hash.
    const file = openProjectFile(project, { readonly: true });
    try {
      const runs = file.runs.list({ pipeline: 'tiny' });
      expect(runs.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
      expect(file.runs.get(runs[0].id)?.nodes.map((n) => n.status)).toEqual(['cached', 'done', 'cached']);
      expect(file.runs.get(runs[0].id)?.overrides).toEqual({ 'split.seed': '4' });
      expect(file.datasets.versions('data')).toHaveLength(1);
      expect(file.pipelines.versions('tiny')).toHaveLength(1);
    } finally {
      file.close();
    }
  });

  it('exits 2 with a one-line error naming the node for a missing data file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'p.yaml': pipeline() });
    const result = await plumb(['run', join(dir, 'p.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: data: .*data\.csv/m);
  });

  it('exits 2 for invalid YAML, naming the node, key and line', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.csv': csv, 'p.yaml': pipeline().replace('seed: 3', 'sed: 3') });
    const result = await plumb(['run', join(dir, 'p.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: split: .*p\.yaml:\d+:\d+.*'sed'/m);
    expect(result.stdout).toBe('');
  });

  it('exits 1 when a node fails at run time, and still runs independent branches', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.csv': csv, 'p.yaml': pipeline('', "select error('boom ' || x) from t1") });
    const result = await plumb(['run', join(dir, 'p.yaml'), '--json']);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { status: string; nodes: { id: string; status: string; error?: string }[] };
    expect(summary.status).toBe('failed');
    expect(summary.nodes.find((n) => n.id === 'split')?.status).toBe('done');
    expect(summary.nodes.find((n) => n.id === 'summary')).toMatchObject({ status: 'failed' });
    expect(result.stderr).toMatch(/^error: summary: .*boom/m);
  });

  it('exits 3 when a control.gate condition is false, and 0 when it holds', async () => {
    const dir = tempDir();
    const gated = (condition: string) =>
      pipeline(`  - id: tree
    type: model.decision_tree
    inputs: { train: data.table }
    params: { target: label, features: [x] }
  - id: evaluate
    type: evaluate.classification
    inputs: { model: tree.model, data: data.table }
  - id: gate
    type: control.gate
    inputs: { metrics: evaluate.metrics }
    params: { condition: "${condition}" }
`);
    writeFiles(dir, { 'data.csv': csv, 'fail.yaml': gated('accuracy > 1'), 'pass.yaml': gated('accuracy == 1 and n == 8') });
    const failed = await plumb(['run', join(dir, 'fail.yaml'), '--json']);
    expect(failed.code).toBe(3);
    expect(JSON.parse(failed.stdout).status).toBe('gate_failed');
    expect(failed.stderr).toMatch(/^error: gate: condition 'accuracy > 1' is false \(accuracy = 1\)/m);
    expect((await plumb(['run', join(dir, 'pass.yaml')])).code).toBe(0);
  });

  it('exits 2 on a usage error and on a missing pipeline file', async () => {
    expect((await plumb(['run'])).code).toBe(2);
    const missing = await plumb(['run', '/nonexistent/p.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: .*p\.yaml.*not found/m);
  });
});

describe('plumb validate, nodes, export', () => {
  it('validates a good pipeline (0) and refuses a cycle (2) naming the nodes', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.csv': csv, 'p.yaml': pipeline() });
    expect((await plumb(['validate', join(dir, 'p.yaml')])).code).toBe(0);
    const cyclic = `plumb: 1
name: loop
nodes:
  - id: a
    type: data.select
    inputs: { table: b.table }
  - id: b
    type: data.select
    inputs: { table: a.table }
`;
    writeFiles(dir, { 'loop.yaml': cyclic });
    const result = await plumb(['validate', join(dir, 'loop.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cycle/);
    expect(result.stderr).toMatch(/a → b → a/);
  });

  it('prints the catalog as JSON with ports and params', async () => {
    const result = await plumb(['nodes', '--json']);
    expect(result.code).toBe(0);
    const catalog = JSON.parse(result.stdout) as { type: string; outputs: Record<string, { type: string }>; params: { properties?: Record<string, unknown> } }[];
    const readCsv = catalog.find((n) => n.type === 'data.read_csv');
    expect(readCsv?.outputs.table.type).toBe('table');
    expect(Object.keys(readCsv?.params.properties ?? {})).toEqual(expect.arrayContaining(['path', 'delimiter', 'header', 'types', 'null_values', 'on_error']));
  });

  it('exports a pipeline from a project file that validates and re-imports byte-identically', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.csv': csv, 'p.yaml': pipeline() });
    const project = join(dir, 'p.plumb');
    expect((await plumb(['run', join(dir, 'p.yaml'), '--project', project])).code).toBe(0);
    const exported = join(dir, 'sub-exported.yaml');
    expect((await plumb(['export', project, 'tiny', '-o', exported])).code).toBe(0);
    const text = readFileSync(exported, 'utf8');
    expect(text).toMatch(/path: data\.csv/);
    const again = await plumb(['export', project, 'tiny'], { cwd: dir });
    expect(again.stdout).toBe(text);
    expect((await plumb(['validate', exported])).code).toBe(0);
    const missing = await plumb(['export', project, 'nope']);
    expect(missing.code).toBe(2);
  });
});

describe('bundled example pipelines', () => {
  for (const name of readdirSync(join(repoRoot, 'assets', 'pipelines')).filter((f) => f.endsWith('.yaml'))) {
    // Pipelines reading the project's registry or prediction log run in the app or with --project (serve-traffic tests them).
    const needsProject = /type: (data\.prediction_log|model\.load)\b/.test(readFileSync(join(repoRoot, 'assets', 'pipelines', name), 'utf8'));
    it.skipIf(needsProject)(`runs ${name}, then reports every node cached when re-run into the same --out folder`, async () => {
      const out = join(tempDir(), 'out');
      const first = await plumb(['run', join(repoRoot, 'assets', 'pipelines', name), '--out', out, '--json']);
      expect(first.stderr).not.toMatch(/^error:/m);
      expect(first.code).toBe(0);
      const nodes = (JSON.parse(first.stdout) as { nodes: { id: string; status: string }[] }).nodes;
      expect(nodes.every((n) => n.status === 'done')).toBe(true);
      const second = await plumb(['run', join(repoRoot, 'assets', 'pipelines', name), '--out', out, '--json']);
      expect((JSON.parse(second.stdout) as { nodes: { status: string }[] }).nodes.every((n) => n.status === 'cached')).toBe(true);
      const uncached = await plumb(['run', join(repoRoot, 'assets', 'pipelines', name), '--out', out, '--json', '--no-cache']);
      expect((JSON.parse(uncached.stdout) as { nodes: { status: string }[] }).nodes.every((n) => n.status === 'done')).toBe(true);
      for (const node of nodes) expect(existsSync(join(out, node.id))).toBe(true);
    });
  }
});
