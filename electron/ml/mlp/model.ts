// The fitted multi-layer perceptron as plain JSON: the input encoding, the layers with their float32 weights
// (base64, little-endian, so a model file stays small and round-trips bit for bit) and where it was trained.

import { invalidInput } from '../../../shared/errors.js';
import type { FeatureEncoding } from '../standardize.js';
import type { MlpActivation, MlpParams } from './params.js';

/** Output layers: sigmoid for two classes (one unit, as scikit-learn), softmax for more, identity for regression. */
export type MlpLayerActivation = MlpActivation | 'sigmoid' | 'softmax';

export interface MlpLayer {
  inputs: number;
  units: number;
  activation: MlpLayerActivation;
  /** inputs × units, row-major (input-major), float32 little-endian, base64 */
  kernel: string;
  /** units, float32 little-endian, base64 */
  bias: string;
}

export interface MlpModel {
  kind: 'mlp';
  task: 'classification' | 'regression';
  /** classification only */
  classes: string[];
  params: MlpParams;
  /** numeric features mean-imputed and standardized, categorical ones one-hot (standardize.ts) */
  encoding: FeatureEncoding;
  layers: MlpLayer[];
  /** regression: the network predicts (y - mean) / std */
  targetScale: { mean: number; std: number } | null;
  /** epochs run (fewer than max_iter when training stopped early) */
  nIter: number;
  /** false when max_iter ran out before the loss (or validation score) settled, like scikit-learn's ConvergenceWarning */
  converged: boolean;
  /** the TensorFlow.js backend and device it was trained on */
  backend: string;
  device: 'GPU' | 'CPU';
}

export function encodeFloat32(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return Buffer.from(bytes).toString('base64');
}

export function decodeFloat32(text: string, expected: number, what: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== expected * 4) throw invalidInput(`MLP model: ${what} has ${bytes.length / 4} weights, expected ${expected}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(expected);
  for (let i = 0; i < expected; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export interface DecodedLayer {
  inputs: number;
  units: number;
  activation: MlpLayerActivation;
  kernel: Float32Array;
  bias: Float32Array;
}

// Decoded weights of a model object, built once per object (a loaded model predicts many times in explain).
const decodedCache = new WeakMap<MlpModel, DecodedLayer[]>();

export function decodedLayers(model: MlpModel): DecodedLayer[] {
  let layers = decodedCache.get(model);
  if (!layers) {
    let width = model.encoding.feature.length;
    layers = model.layers.map((layer, l) => {
      if (layer.inputs !== width) throw invalidInput(`MLP model: layer ${l + 1} expects ${layer.inputs} inputs, the previous layer gives ${width}`);
      width = layer.units;
      return {
        inputs: layer.inputs,
        units: layer.units,
        activation: layer.activation,
        kernel: decodeFloat32(layer.kernel, layer.inputs * layer.units, `layer ${l + 1} kernel`),
        bias: decodeFloat32(layer.bias, layer.units, `layer ${l + 1} bias`),
      };
    });
    decodedCache.set(model, layers);
  }
  return layers;
}
