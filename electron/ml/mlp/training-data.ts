// What the MLP trainer feeds TensorFlow.js, built in plain JavaScript: float32 row blocks, the seeded initial
// weights, and the loss and score of a set of rows computed from the network's outputs.

import type { Random } from '../random.js';
import { outputHead } from './output-head.js';
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

/** The target of rows `rows` (all when null): class codes as they are, values scaled to (y - mean) / std. */
export function trainingTarget(target: TargetValues, rows: Int32Array | null, scale: { mean: number; std: number } | null): TargetValues {
  const n = rows ? rows.length : target.length;
  const out = scale ? new Float64Array(n) : new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const v = target[rows ? rows[r] : r];
    out[r] = scale ? (v - scale.mean) / scale.std : v;
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
 * Returns kernel0 (fan_in × fan_out, row-major), bias0, kernel1, bias1, …
 */
export function initialWeights(sizes: number[], activation: MlpActivation, rng: Random): Float32Array[] {
  const factor = activation === 'logistic' ? 2 : 6;
  const weights: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const bound = Math.sqrt(factor / (sizes[l] + sizes[l + 1]));
    for (const length of [sizes[l] * sizes[l + 1], sizes[l + 1]]) {
      const w = new Float32Array(length);
      for (let i = 0; i < length; i++) w[i] = (2 * rng.uniform() - 1) * bound;
      weights.push(w);
    }
  }
  return weights;
}

export interface RowsScore {
  /** mean log loss (classification) or mean squared error in the target's units (regression) */
  loss: number;
  /** accuracy (classification) or R² (regression) */
  metric: number;
}

/** Loss and score of rows from the network's raw outputs (n × outputs); R² follows scikit-learn's r2_score for a constant target. */
export function scoreOutputs(raw: Float32Array, target: TargetValues, outputs: number, scale: { mean: number; std: number } | null): RowsScore {
  const n = target.length;
  if (!scale) {
    const { lossSum, right } = outputHead(raw, target, outputs, false);
    return { loss: lossSum / n, metric: right / n };
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += target[i];
  mean /= n;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const d = raw[i] * scale.std + scale.mean - target[i];
    sse += d * d;
    sst += (target[i] - mean) ** 2;
  }
  return { loss: sse / n, metric: sst > 0 ? 1 - sse / sst : sse === 0 ? 1 : 0 };
}
