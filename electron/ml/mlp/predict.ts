// Prediction with a fitted MLP in plain JavaScript (no TensorFlow.js): the forward pass is cheap, and this way
// predict, explain and serve never load a backend and give the same numbers on every machine.

import { mostProbableClass } from '../metrics/decision.js';
import { designRows } from '../standardize.js';
import type { FeatureMatrix } from '../types.js';
import { decodedLayers, type DecodedLayer, type MlpModel } from './model.js';

export interface MlpPrediction {
  /** classification: n × classes, row-major */
  proba?: Float64Array;
  /** regression: the predicted value per row */
  value?: Float64Array;
  /** the output layer before its link: log-odds (two classes, n × 1), logits (n × classes), or the regression value */
  margin: Float64Array;
}

export function predictMlp(model: MlpModel, X: FeatureMatrix): MlpPrediction {
  const n = X.nRows;
  const layers = decodedLayers(model);
  let h = designRows(model.encoding, X);
  for (const layer of layers) h = dense(h, n, layer);
  // `h` now holds the output layer's pre-activation
  const out = layers[layers.length - 1];
  if (model.task === 'regression') {
    const { mean, std } = model.targetScale ?? { mean: 0, std: 1 };
    const value = new Float64Array(n);
    for (let i = 0; i < n; i++) value[i] = h[i] * std + mean;
    return { value, margin: value };
  }
  const K = model.classes.length;
  const proba = new Float64Array(n * K);
  if (out.activation === 'sigmoid') {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(h[i]);
      proba[i * 2] = 1 - p;
      proba[i * 2 + 1] = p;
    }
  } else {
    for (let i = 0; i < n; i++) softmaxRow(h, proba, i * K, K);
  }
  return { proba, margin: h };
}

/**
 * The model-file view of a prediction (predictWithModel's ModelOutput): class code (most probable, lowest on a tie)
 * or value per row, probabilities for classifiers, and the output layer's raw margin.
 */
export function mlpModelOutput(model: MlpModel, X: FeatureMatrix): { prediction: Int32Array | Float64Array; proba?: Float64Array; margin: Float64Array } {
  const out = predictMlp(model, X);
  if (out.value) return { prediction: out.value, margin: out.margin };
  const proba = out.proba as Float64Array;
  return { prediction: mostProbableClass(proba, X.nRows, model.classes.length), proba, margin: out.margin };
}

/** One layer: h·W + b, then the hidden activation (the output layer's link is applied by the caller). */
function dense(input: Float64Array, n: number, layer: DecodedLayer): Float64Array {
  const { inputs: p, units: u, kernel, bias, activation } = layer;
  const out = new Float64Array(n * u);
  for (let i = 0; i < n; i++) {
    const row = i * u;
    for (let o = 0; o < u; o++) out[row + o] = bias[o];
    for (let j = 0; j < p; j++) {
      const a = input[i * p + j];
      if (a === 0) continue;
      const w = j * u;
      for (let o = 0; o < u; o++) out[row + o] += a * kernel[w + o];
    }
  }
  switch (activation) {
    case 'relu':
      for (let k = 0; k < out.length; k++) if (out[k] < 0) out[k] = 0;
      break;
    case 'tanh':
      for (let k = 0; k < out.length; k++) out[k] = Math.tanh(out[k]);
      break;
    case 'logistic':
      for (let k = 0; k < out.length; k++) out[k] = sigmoid(out[k]);
      break;
    default:
      // identity, and the output layer's sigmoid/softmax, which predictMlp applies
      break;
  }
  return out;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function softmaxRow(logits: Float64Array, out: Float64Array, offset: number, K: number): void {
  let max = -Infinity;
  for (let c = 0; c < K; c++) max = Math.max(max, logits[offset + c]);
  let sum = 0;
  for (let c = 0; c < K; c++) {
    const e = Math.exp(logits[offset + c] - max);
    out[offset + c] = e;
    sum += e;
  }
  for (let c = 0; c < K; c++) out[offset + c] /= sum;
}
