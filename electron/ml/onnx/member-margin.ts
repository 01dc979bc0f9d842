// The margin subgraph of one model (before its link): a tree ensemble's summed leaves, linear terms, the MLP's
// layers, naive Bayes' joint log-likelihood, or kNN's vote shares / mean (its response: kNN has no margin), on the
// graph's shared feature columns. export.ts puts a head on it; a stacked ensemble sums several (reading what
// ensemble/scores.ts reads: the margin where the model has one, else the probabilities).
import type { PlumbModelFile } from '../model-file/types.js';
import { estimatorOf } from '../estimators.js';
import { decodedLayers } from '../mlp/model.js';
import { ensembleFromJson } from '../tree/json.js';
import { affine, designMatrix, featureMatrix, type FeatureColumns } from './columns.js';
import type { OnnxGraph } from './graph.js';
import type { Link } from './heads.js';
import { knnResponse } from './knn-export.js';
import { naiveBayesLogLikelihood } from './naive-bayes-export.js';
import { treeEnsembleMargin } from './tree-export.js';

export interface Margin {
  /** [N, outputs], float for trees, double otherwise */
  tensor: string;
  outputs: number;
  isDouble: boolean;
  link: Link;
}

type MlpFile = Extract<PlumbModelFile, { type: 'mlp' }>;
type KnnFile = Extract<PlumbModelFile, { type: 'knn' }>;
type NaiveBayesFile = Extract<PlumbModelFile, { type: 'naive_bayes' }>;

const hiddenOps = { relu: 'Relu', tanh: 'Tanh', logistic: 'Sigmoid' } as const;

/** The link a linear model or MLP puts on its margin. */
const linkOf = (file: PlumbModelFile): Link => (file.task === 'regression' ? 'identity' : file.classes.length === 2 ? 'logistic' : 'softmax');

/** The margin of a tree ensemble, linear model, MLP, naive Bayes or kNN; null for the kinds with none in ONNX. */
export function modelMargin(g: OnnxGraph, file: PlumbModelFile, columns: FeatureColumns): Margin | null {
  const record = estimatorOf(file.type);
  const trees = record.treeEnsemble?.(file.model);
  if (trees) {
    const ensemble = ensembleFromJson(trees);
    return { tensor: treeEnsembleMargin(g, ensemble, featureMatrix(g, columns), columns.type), outputs: ensemble.nOutputs, isDouble: false, link: ensemble.link };
  }
  const linear = record.linearTerms?.(file.model);
  if (linear) {
    const tensor = affine(g, designMatrix(g, linear.encoding, columns), linear.coefficients.weights, linear.coefficients.intercept);
    return { tensor, outputs: linear.coefficients.weights.length, isDouble: true, link: linkOf(file) };
  }
  if (file.type === 'mlp') return { ...mlpMargin(g, (file as MlpFile).model, columns), isDouble: true, link: linkOf(file) };
  if (file.type === 'naive_bayes') {
    return { tensor: naiveBayesLogLikelihood(g, (file as NaiveBayesFile).model, columns), outputs: file.classes.length, isDouble: true, link: 'softmax' };
  }
  if (file.type === 'knn') return { ...knnResponse(g, (file as KnnFile).model, columns), isDouble: true, link: 'identity' };
  return null;
}

/** Dense layers in double (the value in target units for regression); the encoding's standardization is folded into the first layer. */
function mlpMargin(g: OnnxGraph, model: MlpFile['model'], columns: FeatureColumns): { tensor: string; outputs: number } {
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
  const outputs = layers[layers.length - 1]?.units ?? 0;
  if (model.task !== 'regression') return { tensor: h, outputs };
  const { mean, std } = model.targetScale ?? { mean: 0, std: 1 };
  return { tensor: g.op('Add', [g.op('Mul', [h, g.constant('double', [], [std], 'std')]), g.constant('double', [], [mean], 'mean')]), outputs };
}
