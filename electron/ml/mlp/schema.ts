// The JSON shape of a fitted MLP inside a Plumb model file, and the rules its parts must keep with each other and
// with the file's envelope, so a file that passes never makes prediction read out of bounds.

import { z } from 'zod';
import type { MlpModel } from './model.js';

const count = z.number().int().min(0);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64 text');

export const mlpModelSchema = z.object({
  kind: z.literal('mlp'),
  task: z.enum(['classification', 'regression']),
  classes: z.array(z.string()),
  params: z.record(z.string(), z.unknown()),
  encoding: z.object({
    nFeatures: count,
    fill: z.array(z.number()),
    feature: z.array(count),
    level: z.array(z.number().int().min(-1)),
    center: z.array(z.number()),
    scale: z.array(z.number()),
    names: z.array(z.string()),
  }),
  layers: z
    .array(
      z.object({
        inputs: z.number().int().min(1),
        units: z.number().int().min(1),
        activation: z.enum(['relu', 'tanh', 'logistic', 'identity', 'sigmoid', 'softmax']),
        kernel: base64,
        bias: base64,
      }),
    )
    .min(1),
  targetScale: z.object({ mean: z.number(), std: z.number().positive() }).nullable(),
  nIter: count,
  converged: z.boolean(),
  backend: z.string(),
  device: z.enum(['GPU', 'CPU']),
});

/** What of the envelope the MLP's rules look at. */
export interface MlpEnvelope {
  features: string[];
  task: 'classification' | 'regression';
  classes: string[];
  feature_levels: Record<string, string[]>;
}

/** Problems as "key 'path': what is wrong" (the model-file checker's format); empty when the model is consistent. */
export function checkMlpModel(file: MlpEnvelope, model: MlpModel): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, path: string, message: string) => {
    if (!ok) problems.push(`key '${path}': ${message}`);
    return ok;
  };
  check(model.task === file.task, 'model.task', `does not match the file's task '${file.task}'`);
  const K = file.classes.length;
  if (file.task === 'classification') {
    check(model.classes.length === K && model.classes.every((c, i) => c === file.classes[i]), 'model.classes', "do not match the file's classes");
    check(K >= 2, 'classes', 'an MLP classifier needs at least two classes');
  }
  check((model.targetScale !== null) === (file.task === 'regression'), 'model.targetScale', 'must be set for regression and null for classification');

  const enc = model.encoding;
  const nFeatures = file.features.length;
  if (check(enc.nFeatures === nFeatures, 'model.encoding.nFeatures', `expected ${nFeatures}`)) {
    check(enc.fill.length === nFeatures, 'model.encoding.fill', `expected ${nFeatures} values`);
    const width = enc.feature.length;
    for (const key of ['level', 'center', 'scale', 'names'] as const) {
      check(enc[key].length === width, `model.encoding.${key}`, `expected ${width} entries like 'feature'`);
    }
    for (let c = 0; c < width; c++) {
      const j = enc.feature[c];
      if (!check(j < nFeatures, `model.encoding.feature[${c}]`, `${j} is not a feature index`)) continue;
      const levels = file.feature_levels[file.features[j]];
      const level = enc.level[c];
      if (levels) check(level >= 0 && level < levels.length, `model.encoding.level[${c}]`, `is not a level of categorical feature ${j}`);
      else check(level === -1, `model.encoding.level[${c}]`, `feature ${j} is numeric, so the level must be -1`);
    }
  }

  const outputs = file.task === 'regression' || K === 2 ? 1 : K;
  const link = file.task === 'regression' ? 'identity' : K === 2 ? 'sigmoid' : 'softmax';
  let width = enc.feature.length;
  model.layers.forEach((layer, l) => {
    const at = `model.layers[${l}]`;
    const last = l === model.layers.length - 1;
    check(layer.inputs === width, `${at}.inputs`, `expected ${width} (the ${l === 0 ? 'encoded features' : 'previous layer\'s units'})`);
    width = layer.units;
    if (last) {
      check(layer.units === outputs, `${at}.units`, `the output layer needs ${outputs} units`);
      check(layer.activation === link, `${at}.activation`, `the output layer of this task is '${link}'`);
    } else {
      check(!['sigmoid', 'softmax'].includes(layer.activation), `${at}.activation`, 'is an output activation on a hidden layer');
    }
    check(base64Bytes(layer.kernel) === layer.inputs * layer.units * 4, `${at}.kernel`, `expected ${layer.inputs} × ${layer.units} float32 weights`);
    check(base64Bytes(layer.bias) === layer.units * 4, `${at}.bias`, `expected ${layer.units} float32 weights`);
  });
  return problems;
}

function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return text.length % 4 === 0 ? (text.length / 4) * 3 - padding : -1;
}
