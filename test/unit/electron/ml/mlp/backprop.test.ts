// The hand-written backward pass against TensorFlow.js's own automatic differentiation of the same network and
// loss (an independent implementation), for every activation, with and without dropout masks.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { backward, forward } from '../../../../../electron/ml/mlp/backprop.js';
import { outputHead } from '../../../../../electron/ml/mlp/output-head.js';
import type { MlpActivation } from '../../../../../electron/ml/mlp/params.js';
import { Random } from '../../../../../electron/ml/random.js';
import { selectTfBackend, type Tf } from '../../../../../electron/ml/tfjs-backend.js';

let tf: Tf;
beforeAll(async () => {
  tf = (await selectTfBackend('cpu')).tf;
});

const ROWS = 7;
const SIZES = [3, 5, 4];

function uniform(rng: Random, n: number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => (2 * rng.uniform() - 1) * scale);
}

/** The same loss written with plain tf ops, differentiated by tf.grads. */
function autodiffLoss(t: Tf, activation: MlpActivation, x: Tensor2D, masks: (Tensor2D | null)[], outputs: number, labels: Tensor2D) {
  return (...weights: Tensor[]) => {
    let h: Tensor = x;
    const layers = weights.length / 2;
    for (let l = 0; l < layers; l++) {
      h = t.add(t.matMul(h as Tensor2D, weights[2 * l] as Tensor2D), weights[2 * l + 1]);
      if (l === layers - 1) break;
      if (activation === 'relu') h = t.relu(h);
      else if (activation === 'tanh') h = t.tanh(h);
      else if (activation === 'logistic') h = t.sigmoid(h);
      const mask = masks[l];
      if (mask) h = t.mul(h, mask);
    }
    if (outputs === 1) return t.losses.sigmoidCrossEntropy(labels, h);
    return t.losses.softmaxCrossEntropy(labels, h);
  };
}

describe('backward', () => {
  const cases: [MlpActivation, boolean, number][] = [
    ['relu', false, 1],
    ['relu', true, 3],
    ['tanh', false, 3],
    ['tanh', true, 1],
    ['logistic', false, 1],
    ['identity', true, 3],
  ];

  it.each(cases)('%s (dropout %s, %i outputs) matches tf automatic differentiation', (activation, dropout, outputs) => {
    const rng = new Random(11);
    const sizes = [...SIZES, outputs];
    const weights = sizes.slice(1).flatMap((units, l) => [
      tf.tensor2d(uniform(rng, sizes[l] * units), [sizes[l], units]),
      tf.tensor1d(uniform(rng, units, 0.5)),
    ]);
    const x = tf.tensor2d(uniform(rng, ROWS * sizes[0], 2), [ROWS, sizes[0]]);
    const codes = Int32Array.from({ length: ROWS }, (_, i) => (outputs === 1 ? i % 2 : i % outputs));
    const masks = sizes.slice(1, -1).map((units) =>
      dropout ? tf.tensor2d(Float32Array.from({ length: ROWS * units }, () => (rng.uniform() < 0.3 ? 0 : 1 / 0.7)), [ROWS, units]) : null,
    );

    const pass = forward(tf, weights, x, activation, masks);
    const head = outputHead(pass.output.dataSync() as Float32Array, codes, outputs, false);
    const ours = backward(tf, weights, pass, tf.tensor2d(head.grad, [ROWS, outputs]), activation, masks, tf.ones([1, ROWS]));

    const labels = outputs === 1 ? tf.tensor2d(Float32Array.from(codes), [ROWS, 1]) : tf.oneHot(tf.tensor1d(codes, 'int32'), outputs).toFloat();
    const lossFn = autodiffLoss(tf, activation, x, masks, outputs, labels as Tensor2D);
    const reference = tf.grads(lossFn)(weights);
    expect((lossFn(...weights).dataSync()[0] * ROWS)).toBeCloseTo(head.lossSum, 4);
    ours.forEach((g, k) => {
      expect(g.shape).toEqual(weights[k].shape);
      const a = g.dataSync();
      const b = reference[k].dataSync();
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
    });
  });

  it('gives the half squared error gradient for regression', () => {
    const raw = Float32Array.from([1.5, -0.5, 2]);
    const target = Float64Array.from([1, 0, 2]);
    const head = outputHead(raw, target, 1, true);
    expect(head.lossSum).toBeCloseTo(0.25 + 0.25 + 0, 12);
    expect(Array.from(head.grad)).toEqual([0.5 / 3, -0.5 / 3, 0].map((v) => Math.fround(v)));
  });
});
