// The network's forward and backward pass on one batch, as TensorFlow.js ops written out by hand. The gradient
// products take explicitly transposed operands: the wasm backend multiplies the plain layout with XNNPACK but
// transposed-in-place operands (what tfjs's own matMul gradient uses) about ten times slower.

import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from '../tfjs-backend.js';
import type { MlpActivation } from './params.js';

/** kernel0, bias0, kernel1, bias1, … as the layers go. */
export type Weights = Tensor[];

export interface ForwardPass {
  /** per layer, its input: the batch, then each hidden layer's output (after dropout) */
  inputs: Tensor2D[];
  /** per hidden layer, its activation before dropout (what the activation's derivative needs) */
  activated: Tensor2D[];
  /** the output layer's pre-activation */
  output: Tensor2D;
}

/** `masks[l]`, when given, multiplies hidden layer l's output: 0 for dropped units, 1 / (1 - rate) for kept ones. */
export function forward(tf: Tf, weights: Weights, x: Tensor2D, activation: MlpActivation, masks: (Tensor2D | null)[] = []): ForwardPass {
  const layers = weights.length / 2;
  const inputs: Tensor2D[] = [x];
  const activated: Tensor2D[] = [];
  let h = x;
  for (let l = 0; l < layers; l++) {
    const kernel = weights[2 * l] as Tensor2D;
    const bias = weights[2 * l + 1] as Tensor1D;
    if (l === layers - 1) return { inputs, activated, output: tf.fused.matMul({ a: h, b: kernel, bias }) as Tensor2D };
    let a = tf.fused.matMul({ a: h, b: kernel, bias, activation: activation === 'relu' ? 'relu' : 'linear' }) as Tensor2D;
    if (activation === 'tanh') a = tf.tanh(a);
    else if (activation === 'logistic') a = tf.sigmoid(a);
    activated.push(a);
    const mask = masks[l];
    h = mask ? tf.mul<Tensor2D>(a, mask) : a;
    inputs.push(h);
  }
  throw new Error('a network needs at least one layer');
}

/**
 * Gradients of the batch loss for every weight, given `outputGrad` = dLoss/d(output pre-activation).
 * `ones` is a 1 × rows row of ones: bias gradients as a product are faster on wasm than a column sum.
 */
export function backward(
  tf: Tf,
  weights: Weights,
  pass: ForwardPass,
  outputGrad: Tensor2D,
  activation: MlpActivation,
  masks: (Tensor2D | null)[],
  ones: Tensor2D,
): Tensor[] {
  const layers = weights.length / 2;
  const grads: Tensor[] = new Array(weights.length);
  let dz = outputGrad;
  for (let l = layers - 1; l >= 0; l--) {
    const input = pass.inputs[l];
    grads[2 * l] = tf.matMul(tf.transpose(input), dz);
    grads[2 * l + 1] = tf.reshape(tf.matMul(ones, dz), [dz.shape[1]]);
    if (l === 0) break;
    let da = tf.matMul<Tensor2D>(dz, tf.transpose(weights[2 * l] as Tensor2D));
    const mask = masks[l - 1];
    if (mask) da = tf.mul<Tensor2D>(da, mask);
    const a = pass.activated[l - 1];
    if (activation === 'relu') dz = tf.mul<Tensor2D>(da, tf.step(a));
    else if (activation === 'tanh') dz = tf.mul<Tensor2D>(da, tf.sub(1, tf.square(a)));
    else if (activation === 'logistic') dz = tf.mul<Tensor2D>(da, tf.mul(a, tf.sub(1, a)));
    else dz = da;
  }
  return grads;
}

/** The output layer's pre-activation for rows, without dropout (evaluation). */
export function predictOutput(tf: Tf, weights: Weights, x: Tensor2D, activation: MlpActivation): Tensor2D {
  return forward(tf, weights, x, activation).output;
}
