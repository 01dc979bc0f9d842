// ONNX export of models trained behind a preprocessing chain (impute with indicators, one-hot or ordinal encode,
// scale) through the real nodes: the graph takes the original columns (numbers, text, booleans; missing = NaN or
// '') and onnxruntime's outputs equal Plumb's predictRawRows; and `plumb export-onnx` writes the same bytes from
// a model.json and from a registered model (FILE.plumb:name@alias).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { runPipelineDocument } from '../../electron/api/pipeline-run.js';
import { resolveRegisteredModel } from '../../electron/api/k8s-serve.js';
import { loadModelFile, predictRawRows, type PlumbModelFile } from '../../electron/ml/model-file.js';
import { exportOnnx } from '../../electron/ml/onnx/export.js';
import { predictWithModelAsync } from '../../electron/ml/model-file/predict-async.js';
import { importOnnx } from '../../electron/ml/onnx/import.js';
import { featureMatrixOf } from '../../electron/ml/preprocessing/features.js';
import { inputSignature } from '../../electron/ml/preprocessing/signature.js';
import type { RawColumns, RawValue } from '../../electron/ml/preprocessing/types.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';
import { plumb, repoRoot, tempDir } from './cli-helpers.js';

const PLANS = ['basic', 'plus', 'pro'];

/** 300 seeded rows: age (float32-exact, 10% missing), income, plan (text, 8% missing), vip (boolean), y. */
function dataset(): { csv: string; raw: RawColumns } {
  let s = 7;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const cols: Record<string, RawValue[]> = { age: [], income: [], plan: [], vip: [] };
  const lines = ['age,income,plan,vip,y'];
  for (let i = 0; i < 300; i++) {
    const age = rand() < 0.1 ? null : Math.fround(18 + rand() * 60);
    const income = Math.fround(rand() * 100);
    const plan = rand() < 0.08 ? null : PLANS[Math.floor(rand() * 3)];
    const vip = rand() < 0.3;
    const score = (age ?? 40) / 20 + income / 40 + (plan === 'pro' ? 1 : 0) - (vip ? 0.8 : 0) + rand();
    const y = score > 4.2 ? 'high' : score > 3.2 ? 'mid' : 'low';
    cols.age.push(age);
    cols.income.push(income);
    cols.plan.push(plan);
    cols.vip.push(vip);
    lines.push(`${age ?? ''},${income},${plan ?? ''},${vip},${y}`);
  }
  return { csv: lines.join('\n') + '\n', raw: { nrows: 300, columns: cols } };
}

function feeds(file: PlumbModelFile, session: ort.InferenceSession, raw: RawColumns): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const name of session.inputNames) {
    const values = raw.columns[name];
    const meta = session.inputMetadata.find((m) => m.name === name) as { type?: string } | undefined;
    out[name] =
      meta?.type === 'string'
        ? new ort.Tensor('string', values.map((v) => (v === null ? '' : String(v))), [raw.nrows, 1])
        : new ort.Tensor('float32', Float32Array.from(values, (v) => (v === null ? NaN : Number(v))), [raw.nrows, 1]);
  }
  return out;
}

async function expectSameAsPlumb(file: PlumbModelFile, bytes: Uint8Array, raw: RawColumns): Promise<void> {
  const session = await ort.InferenceSession.create(bytes);
  // the graph reads the original columns the model depends on, as the raw input signature lists them
  expect([...session.inputNames].sort()).toEqual(inputSignature(file).map((c) => c.name).sort());
  const out = await session.run(feeds(file, session, raw));
  const plumb = predictRawRows(file, raw).output;
  const K = file.classes.length;
  const proba = out.probabilities.data as Float32Array;
  let worst = 0;
  for (let i = 0; i < proba.length; i++) worst = Math.max(worst, Math.abs(proba[i] - plumb.proba![i]));
  expect(worst).toBeLessThanOrEqual(1e-5);
  const labels = out.label.data as string[];
  for (let i = 0; i < raw.nrows; i++) {
    const p = Array.from(plumb.proba!.subarray(i * K, i * K + K)).sort((a, b) => b - a);
    if (p[0] - p[1] > 1e-5) expect(labels[i]).toBe(file.classes[plumb.prediction[i]]);
  }
  await session.release();
}

const MODELS = [
  ['logistic_regression', {}],
  ['random_forest', { n_estimators: 12 }],
  ['gradient_boosting', { max_iter: 15 }],
  ['decision_tree', { max_depth: 6 }],
  ['knn', { n_neighbors: 7, weights: 'distance' }],
  ['naive_bayes', {}],
] as const;

async function trainBehindChain(dir: string, encode: 'onehot' | 'ordinal'): Promise<Map<string, PlumbModelFile>> {
  const nodes: PipelineDocument['nodes'] = [
    { id: 'data', type: 'data.read_csv', params: { path: 'data.csv' } },
    { id: 'impute', type: 'data.impute', inputs: { table: 'data.table' }, params: { strategy: 'most_frequent', add_indicator: true } },
    { id: 'encode', type: 'data.encode', inputs: { table: 'impute.table' }, params: { method: encode, exclude: ['y'] } },
    { id: 'scale', type: 'data.scale', inputs: { table: 'encode.table' }, params: { exclude: ['y'] } },
    ...MODELS.map(([type, params]) => ({ id: type, type: `model.${type}`, inputs: { train: 'scale.table' }, params: { target: 'y', ...params } })),
  ];
  const files = new Map<string, PlumbModelFile>();
  const result = await runPipelineDocument({
    document: { plumb: 1, name: 'chain', nodes },
    baseDir: dir,
    onNodeOutputs: async (node, outputs) => {
      if (outputs.model) files.set(node, loadModelFile(outputs.model));
    },
  });
  expect(result.nodes.filter((n) => n.error).map((n) => `${n.id}: ${n.error?.message}`)).toEqual([]);
  return files;
}

describe('ONNX export with the preprocessing chain folded in front', () => {
  const { csv, raw } = dataset();
  for (const encode of ['onehot', 'ordinal'] as const) {
    it(`${encode} encoding: onnxruntime on the original columns equals Plumb for every model`, async () => {
      const dir = tempDir('plumb-onnx-chain-');
      writeFileSync(join(dir, 'data.csv'), csv);
      const files = await trainBehindChain(dir, encode);
      expect(files.size).toBe(MODELS.length);
      for (const [, file] of files) {
        expect(file.preprocessing?.steps.length).toBeGreaterThan(0);
        await expectSameAsPlumb(file, exportOnnx(file), raw);
      }
      // imported back (text categories from the graph's metadata), the ONNX model predicts the raw rows like Plumb
      const gbm = files.get('gradient_boosting')!;
      const imported = loadModelFile(await importOnnx(exportOnnx(gbm), { inputs: {}, task: 'auto', classes: null, target: 'y' }, 'gbm.onnx'));
      expect(imported.classes).toEqual(gbm.classes);
      const { X } = featureMatrixOf(imported, raw.nrows, raw.columns);
      const theirs = await predictWithModelAsync(imported, X);
      const mine = predictRawRows(gbm, raw).output;
      for (let i = 0; i < mine.proba!.length; i++) expect(Math.abs(theirs.proba![i] - mine.proba![i])).toBeLessThanOrEqual(1e-5);
    }, 180_000);
  }
});

describe('plumb export-onnx', () => {
  it('writes ONNX from a model.json that onnxruntime runs like Plumb', async () => {
    const dir = tempDir('plumb-onnx-cli-');
    const { csv, raw } = dataset();
    writeFileSync(join(dir, 'data.csv'), csv);
    const file = (await trainBehindChain(dir, 'onehot')).get('random_forest')!;
    writeFileSync(join(dir, 'model.json'), JSON.stringify(file));
    const result = await plumb(['export-onnx', join(dir, 'model.json'), '-o', join(dir, 'model.onnx')]);
    expect(result.stderr).toContain('wrote');
    expect(result.code).toBe(0);
    await expectSameAsPlumb(file, new Uint8Array(readFileSync(join(dir, 'model.onnx'))), raw);
  }, 180_000);

  it('exports a registered model (FILE.plumb:name@alias) and refuses a bad reference in one line', async () => {
    const dir = tempDir('plumb-onnx-cli-');
    const sample = join(repoRoot, 'assets/sample.plumb');
    const ok = await plumb(['export-onnx', `${sample}:churn@champion`, '-o', join(dir, 'champion.onnx')]);
    expect(ok.code).toBe(0);
    const file = loadModelFile(JSON.parse(resolveRegisteredModel(`${sample}:churn@champion`).text));
    expect(Buffer.compare(readFileSync(join(dir, 'champion.onnx')), Buffer.from(exportOnnx(file)))).toBe(0);
    const session = await ort.InferenceSession.create(readFileSync(join(dir, 'champion.onnx')));
    expect(session.outputNames).toEqual(['label', 'probabilities']);
    await session.release();

    const bad = await plumb(['export-onnx', join(dir, 'missing.json'), '-o', join(dir, 'x.onnx')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')[0]).toMatch(/missing\.json/);
    expect(bad.stderr).not.toMatch(/\s+at /);
  }, 180_000);
});
