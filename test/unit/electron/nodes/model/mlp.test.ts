// model.mlp through its node: rows read from a table, training in a worker on the wasm backend, the model file's
// envelope and recorded backend, the streamed history, the backend shown in progress, warnings, and cancelling.
import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../../shared/errors.js';
import { mlpModelOutput, type MlpModel } from '../../../../../electron/ml/mlp/index.js';
import { fallbackWarning, mlpNode } from '../../../../../electron/nodes/model/mlp.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import { makeTestContext } from '../data/context.js';
import { rows, sharedEnv, table, throughJson, train } from './run-node.js';

const { env } = sharedEnv();

/** Two classes split by x1 (a: 0..1, b: 10..11); x2 is noise; color is a categorical column. */
const SEPARABLE = `
  SELECT CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS label,
         (i % 2) * 10 + ((i * 37) % 101) / 101.0 AS x1,
         ((i * 53) % 97) / 97.0 AS x2,
         CASE i % 3 WHEN 0 THEN 'red' WHEN 1 THEN 'green' ELSE 'blue' END AS color
  FROM range(200) t(i)`;

function context() {
  return makeTestContext(process.cwd(), { nodeId: 'net', nodeType: 'model.mlp' });
}

/** The table's rows as the model reads them (x1, x2 numeric; color as codes of blue, green, red). */
function matrix(data: Record<string, unknown>[]): FeatureMatrix {
  const levels = ['blue', 'green', 'red'];
  return {
    nRows: data.length,
    names: ['x1', 'x2', 'color'],
    levels: [null, null, levels],
    columns: [
      Float64Array.from(data, (r) => Number(r.x1)),
      Float64Array.from(data, (r) => Number(r.x2)),
      Float64Array.from(data, (r) => levels.indexOf(String(r.color))),
    ],
  };
}

describe('model.mlp node', () => {
  it('trains in a worker, streams one history point per epoch and records the backend in the model file', async () => {
    const data = await table(env().data, SEPARABLE);
    const ctx = context();
    const { model, history } = await train(mlpNode, env(), data, { target: 'label', hidden_layer_sizes: [8], max_iter: 12, learning_rate_init: 0.05, backend: 'wasm', seed: 3 }, ctx);
    expect(model).toMatchObject({
      plumb_model: 1,
      type: 'mlp',
      features: ['x1', 'x2', 'color'],
      target: 'label',
      task: 'classification',
      classes: ['a', 'b'],
      feature_levels: { color: ['blue', 'green', 'red'] },
      trained: { rows: 200, backend: 'wasm (CPU)' },
    });
    expect(model.params).toMatchObject({ hidden_layer_sizes: [8], max_iter: 12, backend: 'wasm', seed: 3 });
    const fitted = (model as unknown as { model: MlpModel }).model;
    expect(fitted).toMatchObject({ kind: 'mlp', backend: 'wasm', device: 'CPU' });
    expect(throughJson(model)).toEqual(model);

    expect(history.map((p) => p.step)).toEqual(Array.from({ length: fitted.nIter }, (_, i) => i + 1));
    for (const p of history) expect(p.seconds).toBeGreaterThanOrEqual(0);
    const streamed = ctx.seriesPoints.filter((s) => s.port === 'history').flatMap((s) => s.points);
    expect(streamed).toEqual(history);
    expect(ctx.progressCalls.some((c) => c.message?.startsWith('training on wasm (CPU'))).toBe(true);
    expect(ctx.progressCalls.some((c) => c.message?.startsWith('wasm (CPU): epoch'))).toBe(true);

    const trained = await rows(env().data, data);
    const { prediction } = mlpModelOutput(fitted, matrix(trained));
    expect(trained.every((r, i) => model.classes[prediction[i]] === r.label)).toBe(true);
  });

  it('is the same model for the same seed', async () => {
    const data = await table(env().data, SEPARABLE);
    const params = { target: 'label', hidden_layer_sizes: [4], max_iter: 3, dropout: 0.1, backend: 'wasm' as const, seed: 9 };
    const a = await train(mlpNode, env(), data, params, context());
    const b = await train(mlpNode, env(), data, params, context());
    expect((b.model as unknown as { model: MlpModel }).model.layers).toEqual((a.model as unknown as { model: MlpModel }).model.layers);
  });

  it('reports validation loss from a connected valid table, and warns when max_iter ran out', async () => {
    const data = await table(env().data, SEPARABLE);
    const ctx = context();
    const out = await mlpNode.run(ctx, { train: data, valid: data }, mlpNode.declaration.params.parse({ target: 'label', hidden_layer_sizes: [4], max_iter: 2, backend: 'cpu' }), env());
    const history = out.history as { valid_loss?: number; metric?: number }[];
    expect(history).toHaveLength(2);
    for (const p of history) {
      expect(p.valid_loss).toBeGreaterThan(0);
      expect(p.metric).toBeGreaterThanOrEqual(0);
    }
    expect(ctx.warnings.some((w) => w.includes('max_iter (2 epochs)'))).toBe(true);
  });

  it('stops with a cancelled error when the run is cancelled', async () => {
    const data = await table(env().data, `SELECT i % 2 AS y, i * 0.001 AS x FROM range(20000) t(i)`);
    const ctx = context();
    const running = train(mlpNode, env(), data, { target: 'y', task: 'classification', hidden_layer_sizes: [16], max_iter: 200, batch_size: 10, backend: 'cpu' }, ctx);
    const error = await new Promise<unknown>((resolve) => {
      const wait = setInterval(() => {
        if (ctx.seriesPoints.length > 0 || ctx.progressCalls.some((c) => c.message?.includes('epoch'))) {
          clearInterval(wait);
          ctx.cancel();
        }
      }, 20);
      running.then(resolve, resolve);
    });
    expect(error).toBeInstanceOf(PlumbError);
    expect((error as PlumbError).kind).toBe('cancelled');
  });
});

describe('fallbackWarning', () => {
  const wasm = { backend: 'wasm', device: 'CPU' as const, description: 'wasm (CPU, SIMD, 1 thread)' };

  it('is quiet under auto, where missing native packages are normal', () => {
    expect(fallbackWarning('auto', { ...wasm, tried: [{ name: 'tensorflow-gpu', error: 'missing' }, { name: 'tensorflow', error: 'missing' }, { name: 'wasm' }] })).toBeNull();
  });

  it('names a requested backend that could not be used and what trains instead', () => {
    const text = fallbackWarning('tensorflow-gpu', { ...wasm, tried: [{ name: 'tensorflow-gpu', error: "Cannot find package '@tensorflow/tfjs-node-gpu'" }, { name: 'tensorflow', error: 'x' }, { name: 'wasm' }] });
    expect(text).toBe("backend 'tensorflow-gpu' is not available (Cannot find package '@tensorflow/tfjs-node-gpu'); training on wasm (CPU, SIMD, 1 thread)");
  });

  it('says when tfjs-node-gpu loaded without a GPU device', () => {
    expect(fallbackWarning('tensorflow-gpu', { backend: 'tensorflow', device: 'CPU', description: 'tensorflow (CPU, tfjs-node-gpu)', tried: [{ name: 'tensorflow-gpu' }] })).toContain('no GPU device');
    expect(fallbackWarning('tensorflow-gpu', { backend: 'tensorflow', device: 'GPU', description: 'tensorflow (GPU, tfjs-node-gpu)', tried: [{ name: 'tensorflow-gpu' }] })).toBeNull();
    expect(fallbackWarning('wasm', { ...wasm, tried: [{ name: 'wasm' }] })).toBeNull();
  });
});
