// What the MLP trainer feeds TensorFlow.js, built in plain JavaScript: float32 row blocks, the seeded initial
// weights, and the loss and score of a set of rows computed from the network's outputs.

import type { Random } from '../random.js';
import type { MlpActivation } from './params.js';

/** Rows `rows` (all when null) of a row-major n × width block, as float32. */
export function rowBlock(source: Float64Array, width: number, rows: Int32Array | null): Float32Array {
  if (!rows) return Float32Array.from(source);
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    const from = rows[r] * width;
    for (let c = 0; c < width; c++) out[r * width + c] = source[from + c];
  }
  return out;
}

/** What the network is trained to output per row: the class (two classes), one-hot (more), or the scaled value. */
export function targetBlock(target: TargetValues, rows: Int32Array | null, outputs: number, scale: { mean: number; std: number } | null): Float32Array {
  const n = rows ? rows.length : target.length;
  const out = new Float32Array(n * outputs);
  for (let r = 0; r < n; r++) {
    const v = target[rows ? rows[r] : r];
    if (scale) out[r] = (v - scale.mean) / scale.std;
    else if (outputs === 1) out[r] = v;
    else out[r * outputs + v] = 1;
  }
  return out;
}

export type TargetValues = Int32Array | Float64Array;

/** Mean and population std of the target rows; std 1 for a constant target so scaling stays finite. */
export function targetScale(values: Float64Array, rows: Int32Array | null): { mean: number; std: number } {
  const n = rows ? rows.length : values.length;
  let sum = 0;
  for (let r = 0; r < n; r++) sum += values[rows ? rows[r] : r];
  const mean = sum / n;
  let ss = 0;
  for (let r = 0; r < n; r++) ss += (values[rows ? rows[r] : r] - mean) ** 2;
  const std = Math.sqrt(ss / n);
  return { mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

/**
 * scikit-learn's initialization (MLP `_init_coef`, Glorot & Bengio): weights and biases uniform in ±sqrt(f / (fan_in
 * + fan_out)) with f = 2 for logistic units and 6 otherwise, every layer drawing from the seeded stream in turn.
 */
export function initialWeights(sizes: number[], activation: MlpActivation, rng: Random): { kernel: Float32Array; bias: Float32Array }[] {
  const factor = activation === 'logistic' ? 2 : 6;
  const layers: { kernel: Float32Array; bias: Float32Array }[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const bound = Math.sqrt(factor / (fanIn + fanOut));
    const kernel = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < kernel.length; i++) kernel[i] = (2 * rng.uniform() - 1) * bound;
    const bias = new Float32Array(fanOut);
    for (let i = 0; i < bias.length; i++) bias[i] = (2 * rng.uniform() - 1) * bound;
    layers.push({ kernel, bias });
  }
  return layers;
}

export interface RowsScore {
  /** mean log loss (classification) or mean squared error in the target's units (regression) */
  loss: number;
  /** accuracy (classification) or R² (regression) */
  metric: number;
}

/**
 * Loss and score of rows from the network's raw outputs (n × outputs): log loss from the logits (stable, no clipping
 * needed), accuracy with ties going to the lower class, R² with scikit-learn's r2_score rules for a constant target.
 */
export function scoreOutputs(raw: Float32Array, target: TargetValues, outputs: number, scale: { mean: number; std: number } | null): RowsScore {
  const n = target.length;
  if (scale) {
    let sse = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += target[i];
    mean /= n;
    let sst = 0;
    for (let i = 0; i < n; i++) {
      const d = raw[i] * scale.std + scale.mean - target[i];
      sse += d * d;
      sst += (target[i] - mean) ** 2;
    }
    return { loss: sse / n, metric: sst > 0 ? 1 - sse / sst : sse === 0 ? 1 : 0 };
  }
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const y = target[i];
    if (outputs === 1) {
      const z = raw[i];
      loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      if ((z > 0 ? 1 : 0) === y) correct++;
    } else {
      const o = i * outputs;
      let max = -Infinity;
      let best = 0;
      for (let c = 0; c < outputs; c++) {
        if (raw[o + c] > max) {
          max = raw[o + c];
          best = c;
        }
      }
      let sum = 0;
      for (let c = 0; c < outputs; c++) sum += Math.exp(raw[o + c] - max);
      loss += Math.log(sum) + max - raw[o + y];
      if (best === y) correct++;
    }
  }
  return { loss: loss / n, metric: correct / n };
}
