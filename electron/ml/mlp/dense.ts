// A dense layer (x·W + b, optionally with ReLU) with its own gradient. TensorFlow.js's matMul gradient multiplies
// by transposed operands in place, which the wasm backend runs about 10× slower than a plain product (XNNPACK only
// takes the plain layout); transposing first and multiplying plainly keeps the backward pass as fast as the forward.

import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from '../tfjs-backend.js';

export type DenseActivation = 'relu' | 'linear';

/** Layer on an input that needs a gradient (a hidden activation). */
export type DenseLayer = (x: Tensor2D, kernel: Tensor2D, bias: Tensor1D) => Tensor2D;
/** Layer on the network's input, which needs no gradient: one product fewer per batch. */
export type InputDenseLayer = (x: Tensor2D, kernel: Tensor2D, bias: Tensor1D) => Tensor2D;

export function denseLayer(tf: Tf, activation: DenseActivation): DenseLayer {
  const op = tf.customGrad((...args) => {
    const [x, kernel, bias, save] = args as [Tensor2D, Tensor2D, Tensor1D, (saved: Tensor[]) => void];
    const value = tf.fused.matMul({ a: x, b: kernel, bias, activation });
    save([x, kernel, value]);
    return {
      value,
      gradFunc: (dy: Tensor2D, saved: Tensor[]) => {
        const [xs, ks, ys] = saved as [Tensor2D, Tensor2D, Tensor2D];
        const dz = activation === 'relu' ? tf.mul(dy, tf.step(ys)) : dy;
        return [tf.matMul(dz, tf.transpose(ks)), tf.matMul(tf.transpose(xs), dz), tf.sum(dz, 0)];
      },
    };
  });
  return (x, kernel, bias) => op(x, kernel, bias) as Tensor2D;
}

export function inputDenseLayer(tf: Tf, activation: DenseActivation): InputDenseLayer {
  return (x, kernel, bias) => {
    const xT = tf.transpose(x);
    const op = tf.customGrad((...args) => {
      const [k, b, save] = args as [Tensor2D, Tensor1D, (saved: Tensor[]) => void];
      const value = tf.fused.matMul({ a: x, b: k, bias: b, activation });
      save([value]);
      return {
        value,
        gradFunc: (dy: Tensor2D, saved: Tensor[]) => {
          const dz = activation === 'relu' ? tf.mul(dy, tf.step(saved[0])) : dy;
          return [tf.matMul(xT, dz), tf.sum(dz, 0)];
        },
      };
    });
    return op(kernel, bias) as Tensor2D;
  };
}
