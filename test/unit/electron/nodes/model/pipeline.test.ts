// The model and evaluate nodes through the engine: CSV → split → train (with a validation table) → predict and
// evaluate, run twice on a folder cache so the second run loads the model from its cached JSON bytes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../../../shared/catalog/data/read_csv.js';
import { split } from '../../../../../shared/catalog/data/split.js';
import { evaluateClassification } from '../../../../../shared/catalog/evaluate/classification.js';
import { gradientBoosting } from '../../../../../shared/catalog/model/gradient_boosting.js';
import { predict } from '../../../../../shared/catalog/model/predict.js';
import { openDataSession } from '../../../../../electron/data/session.js';
import { DirectoryCache } from '../../../../../electron/engine/cache-dir.js';
import { planNode } from '../../../../../electron/engine/plan.js';
import { runPipeline } from '../../../../../electron/engine/run.js';
import type { NodeImplementation, OutputCache, RunEvent } from '../../../../../electron/engine/types.js';
import { createWorkerPool } from '../../../../../electron/engine/workers.js';
import { portCodecs } from '../../../../../electron/nodes/codecs.js';
import { readCsvImplementation } from '../../../../../electron/nodes/data/read_csv.js';
import { splitNode } from '../../../../../electron/nodes/data/split.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { evaluateClassificationNode } from '../../../../../electron/nodes/evaluate/classification.js';
import { gradientBoostingNode } from '../../../../../electron/nodes/model/gradient_boosting.js';
import { predictNode } from '../../../../../electron/nodes/model/predict.js';

let dir: string;
let env: NodeEnv;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plumb-model-pipeline-'));
  const lines = ['size,color,kind'];
  for (let i = 0; i < 400; i++) {
    const size = ((i * 37) % 101) / 10;
    const color = ['red', 'green', 'blue', ''][i % 4];
    lines.push(`${size},${color},${size + (color === 'red' ? 3 : 0) > 6 ? 'big' : 'small'}`);
  }
  await writeFile(join(dir, 'things.csv'), `${lines.join('\n')}\n`);
  env = { data: await openDataSession({ threads: 1 }), workers: createWorkerPool({ size: 1 }) };
});
afterAll(async () => {
  await env.workers.close();
  await env.data.close();
  await rm(dir, { recursive: true, force: true });
});

const implementations = new Map<string, NodeImplementation<NodeEnv>>(
  ([readCsvImplementation, splitNode, gradientBoostingNode, predictNode, evaluateClassificationNode] as NodeImplementation<NodeEnv>[]).map((i) => [
    i.declaration.type,
    i,
  ]),
);

const plan = () => ({
  nodes: [
    planNode('data', readCsv, { path: 'things.csv' }, {}),
    planNode('split', split, { test_size: 0.25, seed: 1, stratify: 'kind' }, { table: { node: 'data', port: 'table' } }),
    planNode('gbm', gradientBoosting, { target: 'kind', max_iter: 12 }, { train: { node: 'split', port: 'train' }, valid: { node: 'split', port: 'test' } }),
    planNode('scored', predict, {}, { model: { node: 'gbm', port: 'model' }, data: { node: 'split', port: 'test' } }),
    planNode('eval', evaluateClassification, {}, { model: { node: 'gbm', port: 'model' }, data: { node: 'split', port: 'test' } }),
  ],
});

describe('model nodes in a pipeline', () => {
  it('trains, streams history, predicts and evaluates; a cached model gives the same metrics', async () => {
    const cache = new DirectoryCache(join(dir, 'cache'));
    const events: RunEvent[] = [];
    const first = await runPipeline<NodeEnv>({ plan: plan(), implementations, env, codecs: portCodecs, cache, baseDir: dir, onEvent: (e) => events.push(e) });
    expect(first.status).toBe('ok');
    const history = first.outputs.get('gbm')!.history as { step: number; valid_loss?: number }[];
    expect(history.map((p) => p.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(history.every((p) => p.valid_loss !== undefined)).toBe(true);
    const streamed = events.flatMap((e) => (e.kind === 'node_series' && e.node === 'gbm' && e.port === 'history' ? e.points : []));
    expect(streamed).toEqual(history);
    const metrics = first.outputs.get('eval')!.metrics as { accuracy: number; n: number };
    expect(metrics.n).toBe(100);
    expect(metrics.accuracy).toBeGreaterThan(0.9);

    // `--out`-style files: the model file is plain JSON that loads back.
    await portCodecs.model.writeFile(first.outputs.get('gbm')!.model, join(dir, 'out', 'model.json'), env);
    const written = JSON.parse(await readFile(join(dir, 'out', 'model.json'), 'utf8')) as { plumb_model: number; classes: string[]; feature_levels: object };
    expect(written).toMatchObject({ plumb_model: 1, classes: ['big', 'small'], feature_levels: { color: ['blue', 'green', 'red'] } });

    // Second run: data, split and model come from the cache, predict and evaluate run again on the cached model.
    const upstream = new Set(first.nodes.filter((n) => ['data', 'split', 'gbm'].includes(n.id)).map((n) => n.cacheKey!));
    const upstreamOnly: OutputCache = {
      has: async (key) => upstream.has(key) && (await cache.has(key)),
      get: async (key) => (upstream.has(key) ? cache.get(key) : undefined),
      put: async () => undefined,
    };
    const second = await runPipeline<NodeEnv>({ plan: plan(), implementations, env, codecs: portCodecs, cache: upstreamOnly, baseDir: dir });
    expect(second.nodes.map((n) => n.status)).toEqual(['cached', 'cached', 'cached', 'done', 'done']);
    expect(second.outputs.get('eval')!.metrics).toEqual(first.outputs.get('eval')!.metrics);
    const firstScored = await env.data.all(`SELECT * FROM "${(first.outputs.get('scored')!.table as { table: string }).table}"`);
    const secondScored = await env.data.all(`SELECT * FROM "${(second.outputs.get('scored')!.table as { table: string }).table}"`);
    expect(secondScored).toEqual(firstScored);
  });
});
