// Where the weights live and how an optimizer step changes them. On the wasm and cpu backends tensors are in
// ordinary memory, so the weights stay in JavaScript arrays and adam/sgd run as plain loops (a few dozen tfjs ops
// per step cost more than the step itself). On tfjs-node(-gpu) they stay on the device as tf.variables, stepped by
// tfjs's own optimizers. Both follow tfjs's update formulas, so the two placements differ only by rounding.

import type { Optimizer, Tensor, Variable } from '@tensorflow/tfjs';
import type { Tf } from '../tfjs-backend.js';
import type { MlpSolver } from './params.js';

export interface OptimizerSettings {
  solver: MlpSolver;
  learningRate: number;
  /** sgd only (Nesterov) */
  momentum: number;
}

const BETA_1 = 0.9;
const BETA_2 = 0.999;
const EPSILON = 1e-8;

export interface ParameterSet {
  /** The weights for this batch (kernel0, bias0, kernel1, …); call inside the batch's tidy. */
  tensors(): Tensor[];
  /** One optimizer step from the data loss's gradients, adding `l2 × kernel` to each kernel's; inside the same tidy. */
  step(grads: Tensor[], l2: number): void;
  /** Copies of the current weights, in the same order. */
  values(): Float32Array[];
  dispose(): void;
}

export function hostParameters(tf: Tf, initial: Float32Array[], shapes: number[][], settings: OptimizerSettings): ParameterSet {
  const weights = initial.map((w) => Float32Array.from(w));
  const first = weights.map((w) => new Float64Array(w.length));
  const second = settings.solver === 'adam' ? weights.map((w) => new Float64Array(w.length)) : [];
  let t = 0;
  return {
    // A fresh copy per batch: the cpu backend keeps the array it is given, and step() changes ours in place.
    tensors: () => weights.map((w, i) => tf.tensor(w.slice(), shapes[i], 'float32')),
    step(grads, l2) {
      t++;
      const lr = settings.learningRate;
      const correction1 = 1 - BETA_1 ** t;
      const correction2 = 1 - BETA_2 ** t;
      const m = settings.momentum;
      for (let k = 0; k < weights.length; k++) {
        const w = weights[k];
        const g = grads[k].dataSync();
        const decay = k % 2 === 0 ? l2 : 0;
        const acc = first[k];
        if (settings.solver === 'adam') {
          const sq = second[k];
          for (let i = 0; i < w.length; i++) {
            const gi = g[i] + decay * w[i];
            acc[i] = BETA_1 * acc[i] + (1 - BETA_1) * gi;
            sq[i] = BETA_2 * sq[i] + (1 - BETA_2) * gi * gi;
            w[i] -= (lr * (acc[i] / correction1)) / (Math.sqrt(sq[i] / correction2) + EPSILON);
          }
        } else {
          for (let i = 0; i < w.length; i++) {
            const gi = g[i] + decay * w[i];
            acc[i] = m * acc[i] + gi;
            w[i] -= lr * (gi + m * acc[i]);
          }
        }
      }
    },
    values: () => weights.map((w) => w.slice()),
    dispose() {},
  };
}

export function deviceParameters(tf: Tf, initial: Float32Array[], shapes: number[][], settings: OptimizerSettings): ParameterSet {
  const variables: Variable[] = initial.map((w, i) => tf.tidy(() => tf.variable(tf.tensor(w, shapes[i], 'float32'))));
  const optimizer: Optimizer =
    settings.solver === 'adam' ? tf.train.adam(settings.learningRate, BETA_1, BETA_2, EPSILON) : tf.train.momentum(settings.learningRate, settings.momentum, true);
  return {
    tensors: () => variables,
    step(grads, l2) {
      const named: Record<string, Tensor> = {};
      variables.forEach((v, k) => {
        named[v.name] = k % 2 === 0 && l2 > 0 ? tf.add(grads[k], tf.mul(v, l2)) : grads[k];
      });
      optimizer.applyGradients(named);
    },
    values: () => variables.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
    dispose() {
      optimizer.dispose();
      for (const v of variables) v.dispose();
    },
  };
}
