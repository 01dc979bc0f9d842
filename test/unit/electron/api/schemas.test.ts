// Schemas before running: every table output's columns from `pipelines.schemas` equal what a run then gives
// (names and DuckDB types), for readers, SQL and the column-changing transforms; "run to node" needs only the
// node's ancestors to be valid, so a half-configured trainer downstream never blocks its column pickers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../../electron/api/app-service.js';
import type { AppRunEvent } from '../../../../shared/api/contract.js';
import { parse } from 'yaml';
import type { PipelineDocument } from '../../../../shared/pipeline/index.js';
import { nodeCatalog } from '../../../../shared/catalog/index.js';

let dir: string;
let app: AppService;
const finished = new Map<string, Extract<AppRunEvent, { kind: 'run_finished' }>>();

const rows = Array.from({ length: 60 }, (_, i) =>
  [i, i % 7 === 0 ? '' : (i * 1.5).toFixed(1), ['red', 'green', 'blue'][i % 3], i % 2 ? 'true' : 'false', i % 3 ? 'yes' : 'no', i % 4 === 0 ? 'a' : 'b'].join(','),
);
const csv = ['id,amount,colour,flag,answer,target', ...rows].join('\n');

const yaml = `plumb: 1
name: shapes
nodes:
  - id: data
    type: data.read_csv
    params: { path: mixed.csv }
  - id: pick
    type: data.select
    inputs: { table: data.table }
    params: { drop: [answer], rename: { Amount: cost } }
  - id: fill
    type: data.impute
    inputs: { table: pick.table }
    params: { strategy: mean, columns: [cost] }
  - id: scaled
    type: data.scale
    inputs: { table: fill.table }
    params: { exclude: [id] }
  - id: codes
    type: data.encode
    inputs: { table: scaled.table }
    params: { method: ordinal, exclude: [target] }
  - id: onehot
    type: data.encode
    inputs: { table: fill.table }
    params: { columns: [colour], categories: { colour: [red, green, blue] }, drop: first }
  - id: split
    type: data.split
    inputs: { table: codes.table }
    params: { test_size: 0.25, seed: 3 }
  - id: few
    type: data.sample
    inputs: { table: split.train }
    params: { n: 10, seed: 1 }
  - id: kept
    type: data.filter
    inputs: { table: few.table }
    params: { expression: "id > 3" }
  - id: summary
    type: data.sql
    inputs: { t1: data.table, t2: onehot.table }
    params: { query: "select t1.colour, count(*) as n, avg(t1.amount) as mean_amount, max(t2.\\"colour=green\\") as g from t1 join t2 using (id) group by t1.colour" }
  - id: gbm
    type: model.gradient_boosting
    inputs: { train: split.train }
`;

function runFinished(runId: string): Promise<Extract<AppRunEvent, { kind: 'run_finished' }>> {
  return new Promise((resolve) => {
    const check = () => {
      const done = finished.get(runId);
      if (done) {
        stop();
        resolve(done);
      }
    };
    const stop = app.onRunEvent(check);
    check();
  });
}

const doc = (): PipelineDocument => parse(yaml) as PipelineDocument;
const tableOutputs = () =>
  doc().nodes.flatMap((n) => Object.entries(nodeCatalog.get(n.type)!.outputs).filter(([, p]) => p.type === 'table').map(([port]) => `${n.id}.${port}`));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-schemas-'));
  writeFileSync(join(dir, 'mixed.csv'), csv);
  app = await createAppService({ projectPath: join(dir, 'p.plumb'), host: 'browser', userDataDir: join(dir, 'user'), computeBackend: () => 'test' });
  app.onRunEvent((e) => {
    if (e.kind === 'run_finished') finished.set(e.runId, e);
  });
  const { issues } = await app.handlers['pipelines.importYaml']({ yaml });
  expect(issues.filter((i) => i.node !== 'gbm')).toEqual([]);
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pipelines.schemas', () => {
  it('knows every table before running, and a run gives exactly those columns', async () => {
    const before = new Map<string, Awaited<ReturnType<AppService['handlers']['pipelines.schemas']>>>();
    for (const ref of tableOutputs()) before.set(ref, await app.handlers['pipelines.schemas']({ document: doc(), ref }));
    expect(before.get('data.table')!.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'amount', type: 'DOUBLE' },
      { name: 'colour', type: 'VARCHAR' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'answer', type: 'VARCHAR' },
      { name: 'target', type: 'VARCHAR' },
    ]);
    expect(before.get('onehot.table')!.columns!.map((c) => c.name)).toContain('colour=green');

    const compared = new Set<string>();
    // The trainer has no target yet: running to `summary` and to `kept` must not care.
    for (const target of ['summary', 'kept']) {
      const { runId } = await app.handlers['runs.start']({ pipeline: 'shapes', targetNode: target });
      expect((await runFinished(runId)).status).toBe('ok');
      for (const ref of tableOutputs().filter((r) => r !== 'gbm.model')) {
        const [node, port] = ref.split('.');
        const states = await app.handlers['runs.nodeStates']({ runId });
        if (!states.nodes.some((s) => s.node === node && (s.status === 'done' || s.status === 'cached'))) continue;
        const preview = await app.handlers['outputs.preview']({ runId, node, port, offset: 0, limit: 1, stats: false });
        if (preview.kind !== 'table') throw new Error(`${ref}: ${preview.kind}`);
        const inferred = before.get(ref)!;
        expect(inferred.partial, ref).toBe(false);
        expect(inferred.columns, ref).toEqual(preview.table.columns);
        compared.add(ref);
      }
    }
    expect([...compared].sort()).toEqual(tableOutputs().filter((r) => r !== 'gbm.model').sort());
  });

  it('follows edits: a renamed column shows at once downstream', async () => {
    const edited = doc();
    edited.nodes.find((n) => n.id === 'pick')!.params = { drop: [], rename: { Amount: 'cost', colour: 'hue' } };
    const { columns } = await app.handlers['pipelines.schemas']({ document: edited, ref: 'split.train' });
    expect(columns!.map((c) => c.name)).toEqual(['id', 'cost', 'hue', 'flag', 'answer', 'target']);
  });

  it('says which node and param stand in the way, and marks data-dependent columns as partial', async () => {
    const edited = doc();
    edited.nodes.find((n) => n.id === 'split')!.params = { test_size: -1 };
    const blocked = await app.handlers['pipelines.schemas']({ document: edited, ref: 'kept.table' });
    expect(blocked.columns).toBeNull();
    expect(blocked.problem).toMatch(/^split: test_size/);

    edited.nodes.find((n) => n.id === 'onehot')!.params = { columns: ['colour'] };
    const partial = await app.handlers['pipelines.schemas']({ document: edited, ref: 'onehot.table' });
    expect(partial.partial).toBe(true);
    expect(partial.columns!.map((c) => c.name)).toEqual(['id', 'cost', 'flag', 'target']);

    const missingFile = doc();
    missingFile.nodes[0].params = { path: 'nope.csv' };
    const unknown = await app.handlers['pipelines.schemas']({ document: missingFile, ref: 'split.train' });
    expect(unknown.columns).toBeNull();
    expect(unknown.problem).toMatch(/data: file not found/);
  });
});
