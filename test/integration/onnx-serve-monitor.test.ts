// An imported ONNX model (model.import_onnx on the committed fixture test/fixtures/onnx/logistic3.onnx, whose
// closed form p(yes) = sigmoid(0.8·x1 − 1.2·x2 + 0.5·x3 + 0.3) is known) where the issue lists it beyond the
// explainers: `plumb serve` answers single rows (awaited on the event loop) and a batch above WORKER_BATCH_ROWS
// (predicted in the batch worker thread) with onnxruntime's probabilities, and logs them; and
// monitor.estimate_performance runs CBPE on it (its worker task awaits the prediction).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipelineDocument } from '../../electron/api/pipeline-run.js';
import { loadModelFile, type PlumbModelFile } from '../../electron/ml/model-file.js';
import { predictWithModelAsync } from '../../electron/ml/model-file/predict-async.js';
import { estimateClassification, type CbpeMetric } from '../../electron/ml/performance-estimation/index.js';
import type { FeatureMatrix } from '../../electron/ml/types.js';
import type { EstimatedPerformance } from '../../electron/nodes/monitor/estimate_performance.js';
import { batchesByPosition } from '../../electron/nodes/monitor/performance.js';
import { predictBatch } from '../../electron/serve/batch-task.js';
import { WORKER_BATCH_ROWS, closeBatchWorkers, compileModel } from '../../electron/serve/predictor.js';
import { serveModels } from '../../electron/serve/serve-models.js';
import { openProjectFile } from '../../electron/store/project-file.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';
import { tempDir } from './cli-helpers.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/onnx');
const WEIGHTS = [0.8, -1.2, 0.5];
const BIAS = 0.3;
const closedForm = (x: readonly number[]) => 1 / (1 + Math.exp(-(BIAS + WEIGHTS.reduce((s, w, j) => s + w * x[j], 0))));

const importNode = { id: 'onnx', type: 'model.import_onnx', params: { path: 'logistic3.onnx', inputs: { float_input: ['x1', 'x2', 'x3'] }, target: 'y', classes: ['no', 'yes'] } };

async function run(document: PipelineDocument) {
  const outputs = new Map<string, Record<string, unknown>>();
  const result = await runPipelineDocument({ document, baseDir: fixtures, onNodeOutputs: async (node, out) => void outputs.set(node, out) });
  expect(result.nodes.filter((n) => n.error).map((n) => `${n.id}: ${n.error?.message}`)).toEqual([]);
  return outputs;
}

const dir = tempDir('plumb-onnx-serve-');
let file: PlumbModelFile;
let modelPath: string;

beforeAll(async () => {
  const outputs = await run({ plumb: 1, name: 'import', nodes: [importNode] });
  file = loadModelFile(outputs.get('onnx')!.model);
  expect(file.type).toBe('onnx');
  modelPath = join(dir, 'logistic3.json');
  writeFileSync(modelPath, JSON.stringify(file));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Seeded float32-exact rows (what the ONNX graph reads). */
function rowsOf(n: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 6 - 3;
  return Array.from({ length: n }, () => [0, 1, 2].map(() => Math.fround(next())));
}
const matrix = (rows: number[][]): FeatureMatrix => ({ nRows: rows.length, columns: [0, 1, 2].map((j) => Float64Array.from(rows, (r) => r[j])), names: ['x1', 'x2', 'x3'], levels: [null, null, null] });

const post = async (url: string, body: unknown) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('plumb serve with an imported ONNX model', () => {
  it('answers single rows and a worker-sized batch with onnxruntime\'s probabilities, and logs them', async () => {
    const project = join(dir, 'log.plumb');
    openProjectFile(project, { create: true }).close();
    const serving = await serveModels({ specs: [modelPath], port: 0, project });
    const n = WORKER_BATCH_ROWS + 500;
    const rows = rowsOf(n, 11);
    const expected = await predictWithModelAsync(file, matrix(rows));
    try {
      const url = `${serving.server.url}/v1/models/logistic3:predict`;
      const single = await Promise.all(
        rows.slice(0, 30).map((r) => post(url, { instances: [{ x1: r[0], x2: r[1], x3: r[2] }] })),
      );
      single.forEach((got, i) => {
        expect(got.status).toBe(200);
        const [answer] = got.body.predictions as { label: string; probabilities: Record<string, number> }[];
        expect(answer.probabilities.yes).toBe(expected.proba![2 * i + 1]);
        expect(answer.probabilities.no).toBe(expected.proba![2 * i]);
        expect(Math.abs(answer.probabilities.yes - closedForm(rows[i]))).toBeLessThanOrEqual(1e-6);
        expect(answer.label).toBe(expected.prediction[i] === 1 ? 'yes' : 'no');
      });

      const batch = await post(`${serving.server.url}/invocations`, { dataframe_split: { columns: ['x1', 'x2', 'x3'], data: rows } });
      expect(batch.status).toBe(200);
      expect(batch.body.predictions).toEqual(Array.from(expected.prediction, (c) => (c === 1 ? 'yes' : 'no')));
      const columnar = await post(url, { inputs: { x1: rows.map((r) => r[0]), x2: rows.map((r) => r[1]), x3: rows.map((r) => r[2]) } });
      const outputs = columnar.body.outputs as { probabilities: Record<string, number[]> };
      expect(outputs.probabilities.yes).toEqual(Array.from({ length: n }, (_, i) => expected.proba![2 * i + 1]));
    } finally {
      await serving.close();
    }
    const log = openProjectFile(project);
    try {
      const logged = log.predictionLog.list({ model: 'logistic3' });
      expect(logged).toHaveLength(30 + 2 * n);
      expect(logged.every((r) => r.modelVersion === '1')).toBe(true);
    } finally {
      log.close();
    }
  }, 120_000);
});

describe('the large-batch worker task with an imported ONNX model', () => {
  it('predicts it (awaiting onnxruntime in the worker), as the compiled model\'s batch path does', async () => {
    const X = matrix(rowsOf(WORKER_BATCH_ROWS + 1, 5));
    const expected = await predictWithModelAsync(file, X);
    const ctx = { progress: () => undefined, isCancelled: () => false, post: () => undefined } as unknown as Parameters<typeof predictBatch>[1];
    expect(await predictBatch({ modelKey: 'logistic3-test', X }, ctx)).toEqual({ missing: true });
    const sent = await predictBatch({ modelKey: 'logistic3-test', file, X }, ctx);
    expect('output' in sent && Array.from(sent.output.proba!)).toEqual(Array.from(expected.proba!));
    const compiled = compileModel(JSON.parse(JSON.stringify(file)));
    await compiled.ready;
    expect(compiled.predictNow).toBeUndefined();
    try {
      expect(Array.from((await compiled.predict(X)).proba!)).toEqual(Array.from(expected.proba!));
    } finally {
      await closeBatchWorkers();
    }
  }, 60_000);
});

describe('monitor.estimate_performance with an imported ONNX model', () => {
  it('runs CBPE on the ONNX probabilities: the node equals the estimator on them, realized accuracy = count by hand', async () => {
    const outputs = await run({
      plumb: 1,
      name: 'estimate',
      nodes: [
        { id: 'data', type: 'data.read_csv', params: { path: 'data.csv' } },
        importNode,
        { id: 'estimate', type: 'monitor.estimate_performance', inputs: { model: 'onnx.model', reference: 'data.table', current: 'data.table' }, params: { chunk_size: 60 } },
      ],
    });
    const result = outputs.get('estimate')!.metrics as EstimatedPerformance;
    expect(result.method).toBe('cbpe');
    expect(result.chunks.map((c) => [c.chunk, c.n])).toEqual([[1, 60], [2, 60], [3, 60], [4, 60]]);

    const csv = readFileSync(join(fixtures, 'data.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const X = matrix(csv.map((r) => r.slice(0, 3).map(Number)));
    const out = await predictWithModelAsync(file, X);
    const codes = Int32Array.from(csv, (r) => (r[3] === 'yes' ? 1 : 0));
    const { batchOf, labels } = batchesByPosition(csv.length, 60);
    const chunking = { chunkOf: batchOf, nChunks: labels.length, proba: out.proba!, pred: Int32Array.from(out.prediction), codes };
    const expected = estimateClassification({ K: 2, metrics: result.metrics as CbpeMetric[], reference: chunking, current: chunking });
    result.chunks.forEach((c, k) => {
      expect(c.estimated).toEqual(expected.chunks[k].estimated);
      const rows = Array.from({ length: 60 }, (_, i) => k * 60 + i);
      expect(c.realized!.accuracy).toBeCloseTo(rows.filter((i) => out.prediction[i] === codes[i]).length / 60, 12);
      for (const v of Object.values(c.estimated)) expect(v === null || v === undefined || (v >= 0 && v <= 1)).toBe(true);
    });
  }, 120_000);
});
