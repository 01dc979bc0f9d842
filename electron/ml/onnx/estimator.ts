// Estimator record of an imported ONNX model (model.import_onnx): the graph's bytes plus how Plumb's features fill
// its inputs and which outputs hold the label, the probabilities or the value. Prediction is asynchronous
// (onnxruntime's `run` returns a promise), so it has `predictAsync`; its synchronous `predict` refuses with a clear
// error. No margin: SHAP explains its probabilities (classification) or values (regression) with KernelSHAP.

import { z } from 'zod';
import { invalidInput } from '../../../shared/errors.js';
import type { Estimator } from '../estimator.js';
import { mostProbableClass } from '../metrics/decision.js';
import type { ModelOutput } from '../model-file/envelope.js';
import { cachedSession, numbersOf, runOnnx, type InputBinding } from './runtime.js';

export interface OnnxModelJson {
  kind: 'onnx';
  /** the ONNX ModelProto, base64 */
  onnx: string;
  /** sha256 of the bytes (hex) */
  sha256: string;
  /** the file it was imported from, named in errors */
  source: string | null;
  /** graph inputs in order; `columns` index the file's features */
  inputs: InputBinding[];
  /** names of the graph outputs Plumb reads (null: not read) */
  outputs: { label: string | null; probabilities: string | null; value: string | null };
}

const name = z.string().min(1);

export const onnxEstimator: Estimator<'onnx', OnnxModelJson> = {
  type: 'onnx',
  tasks: ['classification', 'regression'],
  defaults: null,
  schema: z.object({
    kind: z.literal('onnx'),
    onnx: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64 text'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'is not a sha256 hex digest'),
    source: z.string().nullable(),
    inputs: z.array(z.object({ name, type: z.enum(['float', 'double', 'int64', 'int32', 'string']), columns: z.array(z.number().int().min(0)).min(1) })).min(1),
    outputs: z.object({ label: name.nullable(), probabilities: name.nullable(), value: name.nullable() }),
  }),
  check(model, file, p) {
    const used = new Set<number>();
    model.inputs.forEach((input, i) => {
      input.columns.forEach((j, c) => {
        p.check(j < file.features.length, `model.inputs[${i}].columns[${c}]`, `${j} is not a feature index`);
        p.check(!used.has(j), `model.inputs[${i}].columns[${c}]`, `feature ${j} feeds two inputs`);
        used.add(j);
      });
      if (input.type === 'string') {
        p.check(input.columns.every((j) => file.feature_levels[file.features[j]] !== undefined), `model.inputs[${i}]`, 'a text input reads categorical features only');
      }
    });
    p.check(used.size === file.features.length, 'model.inputs', 'every feature must feed an input');
    if (file.task === 'classification') p.check(model.outputs.probabilities !== null, 'model.outputs.probabilities', 'a classifier needs its probabilities output');
    else p.check(model.outputs.value !== null, 'model.outputs.value', 'a regression model needs its value output');
  },
  predict() {
    throw invalidInput('an ONNX model predicts asynchronously (through onnxruntime) and this step can only run synchronous models');
  },
  async predictAsync(model, X, file): Promise<ModelOutput> {
    const session = await cachedSession(model, () => Buffer.from(model.onnx, 'base64'), model.source ?? undefined);
    const n = X.nRows;
    if (n === 0) return file.task === 'classification' ? { prediction: new Int32Array(0), proba: new Float64Array(0) } : { prediction: new Float64Array(0) };
    const out = await runOnnx(session, X, model.inputs);
    const where = model.source ? ` of ${model.source}` : '';
    if (file.task === 'regression') {
      const values = numbersOf(out[model.outputs.value!], model.outputs.value!);
      if (values.length !== n) throw invalidInput(`ONNX output '${model.outputs.value}'${where} has ${values.length} values for ${n} rows`);
      return { prediction: values };
    }
    const K = file.classes.length;
    const raw = numbersOf(out[model.outputs.probabilities!], model.outputs.probabilities!);
    let proba: Float64Array;
    if (raw.length === n * K) proba = raw;
    else if (K === 2 && raw.length === n) proba = Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? raw[(i - 1) / 2] : 1 - raw[i / 2]));
    else throw invalidInput(`ONNX output '${model.outputs.probabilities}'${where} has ${raw.length / n} columns, the model has ${K} classes`);
    return { prediction: mostProbableClass(proba, n, K), proba };
  },
  hasMargin: false,
};
