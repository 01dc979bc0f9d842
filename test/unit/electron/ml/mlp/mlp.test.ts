// model.mlp fitting and prediction on small problems with known answers (XOR, a linear function, separable blobs),
// the forward pass against hand-computed values, seeding, the JSON round trip, stopping rules and cancelling.
// Training runs on the cpu backend (wasm once), with tiny nets and few epochs.
import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../../shared/errors.js';
import { checkMlpModel, fitMlp, mlpModelOutput, mlpModelSchema, predictMlp, type MlpModel, type MlpParams } from '../../../../../electron/ml/mlp/index.js';
import { encodeFloat32 } from '../../../../../electron/ml/mlp/model.js';
import { Random } from '../../../../../electron/ml/random.js';
import { selectTfBackend } from '../../../../../electron/ml/tfjs-backend.js';
import type { FeatureMatrix, FitControl, Target } from '../../../../../electron/ml/types.js';
import { fromRows } from '../fixture-matrix.js';

type Step = Parameters<NonNullable<FitControl['onStep']>>[0];

function classes(codes: number[], names: string[]): Target {
  return { task: 'classification', codes: Int32Array.from(codes), classes: names };
}

/** XOR of two inputs, each corner repeated. */
function xor(copies: number): { X: FeatureMatrix; y: Target } {
  const rows: number[][] = [];
  const codes: number[] = [];
  for (let c = 0; c < copies; c++) {
    for (const [a, b] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
      rows.push([a, b]);
      codes.push(a ^ b);
    }
  }
  return { X: fromRows(rows), y: classes(codes, ['0', '1']) };
}

/** Three well separated blobs in the plane, `n` rows each. */
function blobs(n: number, seed: number): { X: FeatureMatrix; y: Target } {
  const rng = new Random(seed);
  const centers = [[0, 4], [4, -2], [-4, -2]];
  const rows: number[][] = [];
  const codes: number[] = [];
  for (let i = 0; i < 3 * n; i++) {
    const k = i % 3;
    rows.push([centers[k][0] + 0.5 * rng.normal(), centers[k][1] + 0.5 * rng.normal()]);
    codes.push(k);
  }
  return { X: fromRows(rows), y: classes(codes, ['a', 'b', 'c']) };
}

function fitRecording(X: FeatureMatrix, y: Target, params: Partial<MlpParams>, control: Partial<FitControl> = {}, validation?: { X: FeatureMatrix; y: Target }) {
  const steps: Step[] = [];
  const model = fitMlp(X, y, params, { seed: 0, backend: 'cpu', ...control, onStep: (s) => steps.push(s) }, validation);
  return model.then((m) => ({ model: m, steps }));
}

function accuracy(model: MlpModel, X: FeatureMatrix, y: Target): number {
  if (y.task !== 'classification') throw new Error('classification only');
  const { prediction } = mlpModelOutput(model, X);
  let right = 0;
  for (let i = 0; i < X.nRows; i++) if (prediction[i] === y.codes[i]) right++;
  return right / X.nRows;
}

describe('predictMlp', () => {
  /** 1 input → 2 hidden relu units → 1 linear output, weights chosen by hand. */
  function handModel(task: 'regression' | 'classification'): MlpModel {
    return {
      kind: 'mlp',
      task,
      classes: task === 'classification' ? ['no', 'yes'] : [],
      params: {} as MlpParams,
      encoding: { nFeatures: 1, fill: [10], feature: [0], level: [-1], center: [10], scale: [2], names: ['x'] },
      layers: [
        { inputs: 1, units: 2, activation: 'relu', kernel: encodeFloat32([1, -1]), bias: encodeFloat32([0.5, 0.25]) },
        { inputs: 2, units: 1, activation: task === 'regression' ? 'identity' : 'sigmoid', kernel: encodeFloat32([2, -4]), bias: encodeFloat32([1]) },
      ],
      targetScale: task === 'regression' ? { mean: 100, std: 10 } : null,
      nIter: 1,
      converged: true,
      backend: 'cpu',
      device: 'CPU',
    };
  }

  it('computes the forward pass by hand: standardize, relu layer, linear output, unscale', () => {
    // x = 14 → s = 2; hidden = relu(2 + 0.5, -2 + 0.25) = (2.5, 0); out = 2·2.5 + 1 = 6 → 100 + 10·6 = 160
    // x = NaN → filled with 10 → s = 0; hidden = (0.5, 0.25); out = 1 − 1 + 1 = 1 → 110
    // x = 8 → s = −1; hidden = (0, 1.25); out = −5 + 1 = −4 → 60
    const X = fromRows([[14], [NaN], [8]]);
    expect(Array.from(predictMlp(handModel('regression'), X).value!)).toEqual([160, 110, 60]);
    const out = mlpModelOutput(handModel('classification'), X);
    const p = [6, 1, -4].map((z) => 1 / (1 + Math.exp(-z)));
    p.forEach((pi, i) => {
      expect(out.proba![2 * i + 1]).toBeCloseTo(pi, 14);
      expect(out.proba![2 * i]).toBeCloseTo(1 - pi, 14);
      expect(out.margin[i]).toBe([6, 1, -4][i]);
    });
    expect(Array.from(out.prediction)).toEqual([1, 1, 0]);
  });

  it('one-hot encodes categorical features over their levels (an unknown level is all zeros)', () => {
    const model: MlpModel = {
      ...handModel('regression'),
      encoding: { nFeatures: 1, fill: [0], feature: [0, 0], level: [0, 1], center: [0, 0], scale: [1, 1], names: ['c=r', 'c=g'] },
      layers: [{ inputs: 2, units: 1, activation: 'identity', kernel: encodeFloat32([3, 5]), bias: encodeFloat32([1]) }],
      targetScale: { mean: 0, std: 1 },
    };
    expect(Array.from(predictMlp(model, fromRows([[0], [1], [NaN]], [['r', 'g']])).value!)).toEqual([4, 6, 1]);
  });

  it('rejects weights that do not fit the layer sizes', () => {
    const model = handModel('regression');
    model.layers[0].kernel = encodeFloat32([1, 2, 3]);
    expect(() => predictMlp(model, fromRows([[1]]))).toThrow(/expected 2/);
  });
});

describe('fitMlp', () => {
  it('learns XOR with one hidden layer', async () => {
    const { X, y } = xor(25);
    const { model, steps } = await fitRecording(X, y, { hidden_layer_sizes: [8], activation: 'tanh', learning_rate_init: 0.05, max_iter: 300, tol: 0 });
    expect(accuracy(model, X, y)).toBe(1);
    const proba = predictMlp(model, fromRows([[0, 0], [0, 1], [1, 0], [1, 1]])).proba!;
    [0, 1, 1, 0].forEach((c, i) => expect(proba[2 * i + c]).toBeGreaterThan(0.9));
    expect(steps[steps.length - 1].train_loss!).toBeLessThan(0.1);
    expect(steps[steps.length - 1].metric).toBe(1);
  });

  it('fits a linear function closely (regression, target scaled internally)', async () => {
    const rng = new Random(3);
    const rows = Array.from({ length: 300 }, () => [10 * rng.uniform(), 100 + 50 * rng.normal()]);
    const values = Float64Array.from(rows, ([a, b]) => 1000 + 30 * a - 2 * b);
    const y: Target = { task: 'regression', values };
    const { model, steps } = await fitRecording(fromRows(rows), y, { hidden_layer_sizes: [16], learning_rate_init: 0.01, max_iter: 150, batch_size: 50 });
    const pred = predictMlp(model, fromRows(rows)).value!;
    let sse = 0;
    let sst = 0;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    for (let i = 0; i < values.length; i++) {
      sse += (pred[i] - values[i]) ** 2;
      sst += (values[i] - mean) ** 2;
    }
    expect(1 - sse / sst).toBeGreaterThan(0.995);
    expect(model.targetScale!.mean).toBeCloseTo(mean, 9);
    // train_loss is the mean squared error in the target's units; the metric is R² on the batches
    const last = steps[steps.length - 1];
    expect(last.train_loss!).toBeLessThan(0.01 * (sst / values.length));
    expect(last.metric!).toBeGreaterThan(0.99);
  });

  it('separates three classes with a softmax output whose probabilities sum to one', async () => {
    const { X, y } = blobs(40, 5);
    const { model } = await fitRecording(X, y, { hidden_layer_sizes: [8], learning_rate_init: 0.02, max_iter: 60 });
    expect(model.layers.map((l) => [l.units, l.activation])).toEqual([[8, 'relu'], [3, 'softmax']]);
    expect(accuracy(model, X, y)).toBe(1);
    const proba = predictMlp(model, X).proba!;
    for (let i = 0; i < X.nRows; i++) expect(proba[3 * i] + proba[3 * i + 1] + proba[3 * i + 2]).toBeCloseTo(1, 12);
  });

  it('learns from a categorical feature and fills missing numbers', async () => {
    // class = level of c (0/1/2 → a/b/c is "b" only for level 1); x is noise with gaps
    const rows = Array.from({ length: 90 }, (_, i) => [i % 3, i % 5 === 0 ? NaN : (i * 7) % 11]);
    const X = fromRows(rows, [['r', 'g', 'b'], null]);
    const y = classes(rows.map(([c]) => (c === 1 ? 1 : 0)), ['no', 'yes']);
    const { model } = await fitRecording(X, y, { hidden_layer_sizes: [4], learning_rate_init: 0.05, max_iter: 80 });
    expect(model.encoding.names).toEqual(['x1=r', 'x1=g', 'x1=b', 'x2']);
    expect(model.layers[0].inputs).toBe(4);
    expect(accuracy(model, X, y)).toBe(1);
    expect(Array.from(predictMlp(model, X).proba!).every(Number.isFinite)).toBe(true);
  });

  it('gives the same weights for the same seed and different ones for another seed', async () => {
    const { X, y } = blobs(30, 1);
    const params: Partial<MlpParams> = { hidden_layer_sizes: [6, 5], dropout: 0.2, early_stopping: true, max_iter: 6, n_iter_no_change: 100 };
    const a = await fitMlp(X, y, params, { seed: 42, backend: 'cpu' });
    const b = await fitMlp(X, y, params, { seed: 42, backend: 'cpu' });
    const c = await fitMlp(X, y, params, { seed: 43, backend: 'cpu' });
    expect(b.layers).toEqual(a.layers);
    expect(c.layers[0].kernel).not.toEqual(a.layers[0].kernel);
    expect(c.layers[1].kernel).not.toEqual(a.layers[1].kernel);
  });

  it('predicts identically after a JSON round trip, and the saved model passes the model-file checks', async () => {
    const { X, y } = blobs(20, 2);
    const model = await fitMlp(X, y, { hidden_layer_sizes: [5], max_iter: 5 }, { seed: 1, backend: 'cpu' });
    const loaded = JSON.parse(JSON.stringify(model)) as MlpModel;
    expect(predictMlp(loaded, X)).toEqual(predictMlp(model, X));
    expect(mlpModelSchema.safeParse(loaded).success).toBe(true);
    const envelope = { features: X.names, task: 'classification' as const, classes: ['a', 'b', 'c'], feature_levels: {} };
    expect(checkMlpModel(envelope, loaded)).toEqual([]);
    expect(checkMlpModel({ ...envelope, classes: ['a', 'b'] }, loaded)).toEqual(
      expect.arrayContaining([expect.stringContaining("key 'model.classes'"), expect.stringContaining("key 'model.layers[1].units'")]),
    );
    expect(checkMlpModel({ ...envelope, features: ['x1'] }, loaded)[0]).toContain("key 'model.encoding.nFeatures'");
  });

  it('records one history point per epoch and stops like scikit-learn when the loss stalls', async () => {
    const { X, y } = xor(5);
    // with a huge tol no epoch counts as an improvement: epochs 2.. add one each, and more than 2 stop it → 4 epochs
    const { model, steps } = await fitRecording(X, y, { hidden_layer_sizes: [3], max_iter: 50, tol: 1e9, n_iter_no_change: 2 });
    expect(model.nIter).toBe(4);
    expect(model.converged).toBe(true);
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4]);
    for (const s of steps) {
      expect(s.valid_loss).toBeUndefined();
      expect(s.train_loss).toBeGreaterThan(0);
      expect(s.metric).toBeGreaterThanOrEqual(0);
    }
    const capped = await fitRecording(X, y, { hidden_layer_sizes: [3], max_iter: 3 });
    expect(capped.model).toMatchObject({ nIter: 3, converged: false });
    expect(capped.steps).toHaveLength(3);
  });

  it('with early stopping on validation rows, keeps the epoch with the best validation score', async () => {
    const train = blobs(30, 7);
    const valid = blobs(30, 8);
    if (valid.y.task === 'classification') for (let i = 0; i < 90; i += 4) valid.y.codes[i] = (valid.y.codes[i] + 1) % 3;
    const params: Partial<MlpParams> = { hidden_layer_sizes: [4], early_stopping: true, max_iter: 15, n_iter_no_change: 3 };
    const { model, steps } = await fitRecording(train.X, train.y, params, {}, valid);
    expect(steps.length).toBe(model.nIter);
    for (const s of steps) expect(s.valid_loss).toBeGreaterThan(0);
    const scores = steps.map((s) => s.metric!);
    const bestEpoch = scores.indexOf(Math.max(...scores)) + 1;
    expect(model.converged).toBe(true);
    expect(bestEpoch).toBeLessThan(model.nIter);
    expect(accuracy(model, valid.X, valid.y)).toBeCloseTo(scores[bestEpoch - 1], 12);
    // training is deterministic, so a run that ends at the best epoch has exactly the weights that were kept
    const upToBest = await fitMlp(train.X, train.y, { ...params, max_iter: bestEpoch }, { seed: 0, backend: 'cpu' }, valid);
    expect(model.layers).toEqual(upToBest.layers);
    const last = await fitMlp(train.X, train.y, { ...params, early_stopping: false, max_iter: model.nIter, tol: 0 }, { seed: 0, backend: 'cpu' }, valid);
    expect(model.layers).not.toEqual(last.layers);
  });

  it('holds out validation_fraction of the training rows for early stopping', async () => {
    const { X, y } = blobs(30, 9);
    const { steps } = await fitRecording(X, y, { hidden_layer_sizes: [4], early_stopping: true, validation_fraction: 0.2, max_iter: 3 });
    expect(steps).toHaveLength(3);
    // accuracy on 18 held-out rows moves in steps of 1/18
    for (const s of steps) expect(Math.abs(s.metric! * 18 - Math.round(s.metric! * 18))).toBeLessThan(1e-9);
  });

  it('stops with a cancelled error between batches', async () => {
    const { X, y } = blobs(40, 3);
    let checks = 0;
    const error = await fitMlp(X, y, { hidden_layer_sizes: [4], batch_size: 10, max_iter: 100 }, { seed: 0, backend: 'cpu', isCancelled: () => ++checks > 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlumbError);
    expect((error as PlumbError).kind).toBe('cancelled');
    expect(checks).toBe(6);
  });

  it('trains the same way with weights on the device (the tfjs-node path) as in JavaScript memory', async () => {
    const { X, y } = blobs(20, 4);
    for (const solver of ['adam', 'sgd'] as const) {
      const params: Partial<MlpParams> = { hidden_layer_sizes: [5], solver, max_iter: 4, alpha: 0.01, learning_rate_init: 0.01 };
      const host = await fitMlp(X, y, params, { seed: 2, backend: 'cpu', placement: 'host' });
      const device = await fitMlp(X, y, params, { seed: 2, backend: 'cpu', placement: 'device' });
      const a = predictMlp(host, X).proba!;
      const b = predictMlp(device, X).proba!;
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4);
    }
  });

  it('trains on the wasm backend and records it', async () => {
    const { X, y } = xor(25);
    const model = await fitMlp(X, y, { hidden_layer_sizes: [8], activation: 'tanh', learning_rate_init: 0.05, max_iter: 300, tol: 0 }, { seed: 0, backend: 'wasm' });
    expect(model).toMatchObject({ backend: 'wasm', device: 'CPU' });
    expect(accuracy(model, X, y)).toBe(1);
  });

  it('leaves no tensors behind, also when cancelled or failing', async () => {
    const { tf } = await selectTfBackend('cpu');
    const { X, y } = blobs(10, 6);
    const before = tf.memory().numTensors;
    await fitMlp(X, y, { hidden_layer_sizes: [4], dropout: 0.5, max_iter: 3, early_stopping: true, solver: 'sgd' }, { seed: 0, backend: 'cpu' });
    expect(tf.memory().numTensors).toBe(before);
    await fitMlp(X, y, { hidden_layer_sizes: [4], max_iter: 3 }, { seed: 0, backend: 'cpu', placement: 'device' });
    expect(tf.memory().numTensors).toBe(before);
    await expect(fitMlp(X, y, { max_iter: 3 }, { seed: 0, backend: 'cpu', isCancelled: () => true })).rejects.toThrow('cancelled');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a diverging fit instead of saving a broken model', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i, i * i]);
    const y: Target = { task: 'regression', values: Float64Array.from(rows, ([a]) => 3 * a) };
    const error = await fitMlp(fromRows(rows), y, { solver: 'sgd', learning_rate_init: 1e6, max_iter: 20 }, { seed: 0, backend: 'cpu' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'runtime', where: { param: 'learning_rate_init' } });
  });

  it('names the param at fault', async () => {
    const { X, y } = xor(2);
    for (const [params, param] of [
      [{ hidden_layer_sizes: [0] }, 'hidden_layer_sizes'],
      [{ dropout: 1 }, 'dropout'],
      [{ batch_size: 0 }, 'batch_size'],
      [{ activation: 'softmax' }, 'activation'],
    ] as [Partial<MlpParams>, string][]) {
      await expect(fitMlp(X, y, params, { seed: 0, backend: 'cpu' })).rejects.toMatchObject({ kind: 'invalid_input', where: { param } });
    }
    await expect(fitMlp(X, classes([0, 0, 0, 0, 0, 0, 0, 0], ['only']), {}, { seed: 0, backend: 'cpu' })).rejects.toMatchObject({ where: { param: 'target' } });
  });
});
