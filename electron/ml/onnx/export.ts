// A Plumb model file as ONNX bytes (SPEC §10): inputs one tensor per original column, outputs `label` and (for
// classifiers) `probabilities`. Which graph a model gets is read from its estimator record's traits: a tree
// ensemble, linear terms, or the MLP's layers. Linear models and the MLP compute in double; trees in float32.

import { invalidInput } from '../../../shared/errors.js';
import { estimatorOf } from '../estimators.js';
import type { PlumbModelFile } from '../model-file/types.js';
import { decodedLayers } from '../mlp/model.js';
import { inputSignature } from '../preprocessing/signature.js';
import { ensembleFromJson } from '../tree/json.js';
import { chainFeatures } from './chain.js';
import { affine, designMatrix, featureInputs, featureMatrix, type FeatureColumns } from './columns.js';
import { OnnxGraph } from './graph.js';
import { classifierOutputs, regressionOutputs, type ClassifierHead } from './heads.js';
import { treeEnsembleMargin } from './tree-export.js';

/**
 * Model kinds exportOnnx writes: tree ensembles, linear models, the MLP, and an imported ONNX model (its own bytes).
 * Not (yet): kNN, naive Bayes and AutoML's stacked ensemble.
 */
export function canExportOnnx(file: PlumbModelFile): boolean {
  if (file.type === 'ensemble') return false;
  const record = estimatorOf(file.type);
  return Boolean(record.treeEnsemble?.(file.model) || record.linearTerms) || file.type === 'mlp' || file.type === 'onnx';
}

/** The decision threshold a model file carries (optional; binary classifiers only). */
function decisionThreshold(file: PlumbModelFile): number | null {
  return file.decision_threshold ?? null;
}

export function exportOnnx(file: PlumbModelFile, source?: string): Uint8Array {
  if (file.type === 'onnx') return new Uint8Array(Buffer.from(file.model.onnx, 'base64'));
  if (!canExportOnnx(file)) {
    throw invalidInput(`ONNX export does not support '${file.type}' models yet (trees, forests, gradient boosting, XGBoost, linear, logistic and MLP models are supported)`, source ? { file: source } : {});
  }
  const g = new OnnxGraph(`plumb_${file.type}`);
  const chain = file.preprocessing && file.preprocessing.steps.length > 0 ? file.preprocessing : null;
  const columns: FeatureColumns = chain ? { tensors: chainFeatures(g, file, chain), type: 'double' } : { tensors: featureInputs(g, file), type: 'float' };
  const head: ClassifierHead = { classes: file.classes, decisionThreshold: decisionThreshold(file) };
  const record = estimatorOf(file.type);
  const trees = record.treeEnsemble?.(file.model);
  const linear = record.linearTerms?.(file.model);
  if (trees) {
    const ensemble = ensembleFromJson(trees);
    const margin = treeEnsembleMargin(g, ensemble, featureMatrix(g, columns), columns.type);
    if (file.task === 'regression') {
      regressionOutputs(g, ensemble.link === 'identity' ? margin : g.op(ensemble.link === 'logistic' ? 'Sigmoid' : 'Softmax', [margin]), false);
    } else {
      classifierOutputs(g, margin, ensemble.link, head);
    }
  } else if (linear) {
    const margin = affine(g, designMatrix(g, linear.encoding, columns), linear.coefficients.weights, linear.coefficients.intercept);
    if (file.task === 'regression') regressionOutputs(g, margin, true);
    else classifierOutputs(g, margin, file.classes.length === 2 ? 'logistic' : 'softmax', head);
  } else if (file.type === 'mlp') {
    mlpGraph(g, file.model, columns, head);
  }
  return g.encode(`Plumb ${file.type} model (${file.task}) predicting ${file.target ?? 'its target'}`, {
    [INPUT_CATEGORIES_KEY]: JSON.stringify(inputCategories(file)),
  });
}

/** metadata_props key: the categories of each text input, so model.import_onnx can map table text onto codes. */
export const INPUT_CATEGORIES_KEY = 'plumb.input_categories';

function inputCategories(file: PlumbModelFile): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const column of inputSignature(file)) {
    if (column.kind === 'text' || column.kind === 'boolean') out[column.name] = column.categories ?? (column.kind === 'boolean' ? ['false', 'true'] : []);
  }
  return out;
}

type MlpFile = Extract<PlumbModelFile, { type: 'mlp' }>;

const hiddenOps = { relu: 'Relu', tanh: 'Tanh', logistic: 'Sigmoid' } as const;

/** Dense layers in double; the standardization of the encoding is folded into the first layer's weights. */
function mlpGraph(g: OnnxGraph, model: MlpFile['model'], columns: FeatureColumns, head: ClassifierHead): void {
  const enc = model.encoding;
  const layers = decodedLayers(model);
  let h = designMatrix(g, enc, columns);
  layers.forEach((layer, l) => {
    // weights[k][d] for affine(): output unit k, input d; the kernel is input-major (inputs × units)
    const weights = Array.from({ length: layer.units }, (_, k) => Float64Array.from({ length: layer.inputs }, (_, d) => layer.kernel[d * layer.units + k]));
    const bias = Float64Array.from(layer.bias);
    if (l === 0) {
      // (x − center)/scale · w = x · (w/scale) − center/scale · w
      for (let k = 0; k < layer.units; k++) {
        for (let d = 0; d < layer.inputs; d++) {
          const w = weights[k][d] / enc.scale[d];
          weights[k][d] = w;
          bias[k] -= w * enc.center[d];
        }
      }
    }
    h = affine(g, h, weights, bias);
    const op = l < layers.length - 1 && layer.activation !== 'identity' ? hiddenOps[layer.activation as keyof typeof hiddenOps] : undefined;
    if (op) h = g.op(op, [h]);
  });
  if (model.task === 'regression') {
    const { mean, std } = model.targetScale ?? { mean: 0, std: 1 };
    const value = g.op('Add', [g.op('Mul', [h, g.constant('double', [], [std], 'std')]), g.constant('double', [], [mean], 'mean')]);
    regressionOutputs(g, value, true);
  } else {
    classifierOutputs(g, h, model.classes.length === 2 ? 'logistic' : 'softmax', head);
  }
}
