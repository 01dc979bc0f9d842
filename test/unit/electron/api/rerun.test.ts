// runs.rerun: a re-run uses the pipeline version the run recorded (not a later save) and its `--set` overrides,
// so its params and outputs equal the original run's; a run whose pipeline is gone, or an unknown run, is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../../electron/api/app-service.js';
import { exactRunOf, overrideStrings } from '../../../../electron/api/rerun.js';
import { startRun } from '../../../../electron/api/runs.js';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import type { AppRunEvent } from '../../../../shared/api/contract.js';
import { nodeCatalog } from '../../../../shared/catalog/index.js';
import { parsePipelineYaml } from '../../../../shared/pipeline/index.js';

let dir: string;
let app: AppService;
const finished = new Map<string, Extract<AppRunEvent, { kind: 'run_finished' }>>();

const csv = ['x,y', ...Array.from({ length: 50 }, (_, i) => `${i},${(i * 7) % 11}`)].join('\n');
const pipelineYaml = (query: string) => `plumb: 1
name: sums
nodes:
  - id: data
    type: data.read_csv
    params: { path: data.csv }
  - id: total
    type: data.sql
    inputs: { t1: data.table }
    params: { query: "${query}" }
`;
const FIRST = 'select sum(x) as s from t1';
const SECOND = 'select sum(y) as s from t1';

function finishedRun(runId: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (finished.has(runId)) {
        stop();
        setImmediate(resolve);
      }
    };
    const stop = app.onRunEvent(check);
    check();
  });
}

async function runOnce(pipeline: string): Promise<string> {
  const { runId } = await app.handlers['runs.start']({ pipeline });
  await finishedRun(runId);
  expect(finished.get(runId)?.status).toBe('ok');
  return runId;
}

async function sumOf(runId: string): Promise<unknown> {
  const preview = await app.handlers['outputs.preview']({ runId, node: 'total', port: 'table', offset: 0, limit: 10, stats: false });
  if (preview.kind !== 'table') throw new Error(`expected a table, got ${preview.kind}`);
  return preview.table.rows[0][0];
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-rerun-'));
  writeFileSync(join(dir, 'data.csv'), csv);
  finished.clear();
  app = await createAppService({ projectPath: join(dir, 'p.plumb'), host: 'browser', userDataDir: join(dir, 'user'), computeBackend: () => 'test' });
  app.onRunEvent((e) => {
    if (e.kind === 'run_finished') finished.set(e.runId, e);
  });
});

afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('runs.rerun', () => {
  it('re-runs the recorded pipeline version, not the latest save', async () => {
    expect((await app.handlers['pipelines.importYaml']({ yaml: pipelineYaml(FIRST) })).issues).toEqual([]);
    const first = await runOnce('sums');
    await app.handlers['pipelines.importYaml']({ yaml: pipelineYaml(SECOND) });
    const second = await runOnce('sums');
    // Brute force: the two sums over the generated rows.
    const sumX = Array.from({ length: 50 }, (_, i) => i).reduce((a, b) => a + b, 0);
    const sumY = Array.from({ length: 50 }, (_, i) => (i * 7) % 11).reduce((a, b) => a + b, 0);
    expect(Number(await sumOf(first))).toBe(sumX);
    expect(Number(await sumOf(second))).toBe(sumY);

    const { runId: again } = await app.handlers['runs.rerun']({ runId: first });
    expect(again).not.toBe(first);
    await finishedRun(again);
    expect(finished.get(again)?.status).toBe('ok');
    expect(Number(await sumOf(again))).toBe(sumX);

    const [original, rerun] = await Promise.all([app.handlers['runs.show']({ runId: first }), app.handlers['runs.show']({ runId: again })]);
    expect(rerun.pipelineVersion).toBe(original.pipelineVersion);
    expect(rerun.pipelineHash).toBe(original.pipelineHash);
    expect(rerun.nodes.map((n) => [n.id, n.params])).toEqual(original.nodes.map((n) => [n.id, n.params]));
    expect((await app.handlers['runs.show']({ runId: second })).pipelineVersion).not.toBe(original.pipelineVersion);
  });

  it('refuses an unknown run and a run whose pipeline was deleted, naming them', async () => {
    await expect(app.handlers['runs.rerun']({ runId: 'nope' })).rejects.toMatchObject({ kind: 'invalid_input', message: expect.stringContaining("'nope'") });
    await app.handlers['pipelines.importYaml']({ yaml: pipelineYaml(FIRST) });
    const first = await runOnce('sums');
    await app.handlers['pipelines.delete']({ name: 'sums' });
    await expect(app.handlers['runs.rerun']({ runId: first })).rejects.toMatchObject({ kind: 'invalid_input', message: expect.stringContaining("'sums'") });
  });
});

describe('exactRunOf', () => {
  it('applies the run’s --set overrides to its pipeline version and keeps them for the new record', async () => {
    const project = openProjectFile(join(dir, 'cli.plumb'), { create: true });
    try {
      const document = parsePipelineYaml(pipelineYaml(FIRST), { file: 'sums.yaml', catalog: nodeCatalog });
      const version = project.pipelines.save('sums', pipelineYaml(FIRST));
      const overrides = { 'total.query': SECOND };
      const overridden = { ...document, nodes: document.nodes.map((n) => (n.id === 'total' ? { ...n, params: { query: SECOND } } : n)) };
      const run = startRun({ document: overridden, baseDir: dir, record: { project, pipeline: 'sums', version, overrides } });
      await run.finished;

      const { pipeline, exact } = exactRunOf(project, run.runId);
      expect(pipeline).toBe('sums');
      expect(exact.version).toBe(version);
      expect(exact.overrides).toEqual(overrides);
      expect(exact.document.nodes.find((n) => n.id === 'total')?.params).toEqual({ query: SECOND });
    } finally {
      project.close();
    }
  });

  it('writes overrides back in the form --set reads', () => {
    expect(overrideStrings({ 'gbm.max_iter': '30', 'split.seed': 4, 'sel.columns': ['a', 'b'] })).toEqual(['gbm.max_iter=30', 'split.seed=4', 'sel.columns=["a","b"]']);
  });
});
