// The front of every exported graph: one input tensor per original column (`float`, or `string` for a categorical
// column), turned into what Plumb's predict reads — a number per feature (a categorical's level code, NaN when
// missing or unseen) — and, for linear models and the MLP, the design matrix of standardize.ts (imputed, one-hot).

import type { ModelFileEnvelope } from '../model-file/envelope.js';
import type { FeatureEncoding } from '../standardize.js';
import type { OnnxGraph } from './graph.js';
import { ML_DOMAIN } from './graph.js';

export const BATCH = 'N';

/** The model's features inside the graph: one [N, 1] tensor per feature, all float (plain inputs) or all double (after a folded chain). */
export interface FeatureColumns {
  tensors: string[];
  type: 'float' | 'double';
}

/**
 * Declares the inputs and returns, per feature in the file's order, a float [N, 1] tensor holding what Plumb's
 * FeatureMatrix holds: the value of a numeric column, the level code of a categorical one. Text that is not a
 * training level (or is missing) becomes NaN, as ml-frame's mapping does.
 */
export function featureInputs(g: OnnxGraph, file: Pick<ModelFileEnvelope, 'features' | 'feature_levels'>): string[] {
  return file.features.map((name) => {
    const levels = file.feature_levels[name];
    if (!levels) return g.input(name, 'float', [BATCH, 1]);
    g.input(name, 'string', [BATCH, 1]);
    return g.op(
      'LabelEncoder',
      [name],
      { keys_strings: { strings: levels }, values_floats: { floats: levels.map((_, code) => code) }, default_float: { f: Number.NaN } },
      ML_DOMAIN,
    );
  });
}

/** The feature columns side by side: float [N, F] (what the tree ensembles read). */
export function featureMatrix(g: OnnxGraph, columns: FeatureColumns): string {
  return columns.tensors.length === 1 ? columns.tensors[0] : g.op('Concat', columns.tensors, { axis: { i: 1 } });
}

/**
 * The design matrix in original units, double [N, D]: numeric features with missing values replaced by the
 * training mean, categorical features one-hot over their levels (all zeros when missing or unseen), in the
 * encoding's column order. Standardization is not applied here: the exporters fold it into their weights.
 */
export function designMatrix(g: OnnxGraph, enc: FeatureEncoding, features: FeatureColumns): string {
  const columns = features.tensors;
  const blocks: string[] = [];
  const doubles = new Map<number, string>();
  const asDouble = (j: number): string => {
    let name = doubles.get(j);
    if (!name) {
      name = features.type === 'double' ? columns[j] : g.op('Cast', [columns[j]], { to: { i: 11 } });
      doubles.set(j, name);
    }
    return name;
  };
  for (let c = 0; c < enc.feature.length; ) {
    const j = enc.feature[c];
    if (enc.level[c] < 0) {
      const x = asDouble(j);
      const fill = g.constant('double', [], [enc.fill[j]], 'fill');
      blocks.push(g.op('Where', [g.op('IsNaN', [x]), fill, x]));
      c++;
      continue;
    }
    // a run of one-hot columns of the same feature: one Equal against the run's level codes
    const levels: number[] = [];
    while (c < enc.feature.length && enc.feature[c] === j && enc.level[c] >= 0) levels.push(enc.level[c++]);
    const codes = g.constant(features.type, [1, levels.length], levels, 'levels');
    blocks.push(g.op('Cast', [g.op('Equal', [columns[j], codes])], { to: { i: 11 } }));
  }
  return blocks.length === 1 ? blocks[0] : g.op('Concat', blocks, { axis: { i: 1 } });
}

/**
 * `x·W + b` in double: `weights[k][d]` is output k's weight on design column d (stored transposed as W[d][k]).
 * Returns double [N, K].
 */
export function affine(g: OnnxGraph, x: string, weights: readonly (ArrayLike<number>)[], intercept: ArrayLike<number>): string {
  const K = weights.length;
  const D = K > 0 ? weights[0].length : 0;
  const W = new Float64Array(D * K);
  for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) W[d * K + k] = weights[k][d];
  const w = g.constant('double', [D, K], W, 'weights');
  const b = g.constant('double', [K], Array.from(intercept), 'bias');
  return g.op('Add', [g.op('MatMul', [x, w]), b]);
}
