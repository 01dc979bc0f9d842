// k-nearest neighbours (ml/knn) as ONNX, the way skl2onnx converts KNeighborsClassifier/Regressor, but with the
// distances computed exactly as Plumb's search computes them: the standardized design row, then the squared
// distance to every training row summed column by column in order 0..D−1 (one elementwise Sub/Mul/Add per column,
// so every sum is bitwise the one knn/neighbors.ts ranks by), TopK of the smallest (ONNX's TopK breaks ties on equal
// values by the lower index, as Plumb does), the Euclidean distances' weights (knn.ts's neighborWeights: uniform,
// or 1/d with the neighbours at distance 0 taking all the weight), then the weighted vote shares or the weighted
// mean. Memory grows with rows × training rows (one [N, T] double tensor per step), as in skl2onnx's graph.

import { invalidInput } from '../../../shared/errors.js';
import type { KnnModel } from '../knn/knn.js';
import { designMatrix, type FeatureColumns } from './columns.js';
import { tensorProto, type OnnxGraph } from './graph.js';

/** The kNN's response, double: class shares [N, K] for a classifier, the value [N, 1] for regression. */
export function knnResponse(g: OnnxGraph, model: KnnModel, columns: FeatureColumns): { tensor: string; outputs: number } {
  const enc = model.encoding;
  const D = enc.feature.length;
  const T = model.nTrain;
  const k = model.params.n_neighbors;
  // the fitted-space design matrix: ((x or fill) − center) / scale, as standardize.ts's designColumns computes it
  const z = g.op('Div', [
    g.op('Sub', [designMatrix(g, enc, columns), g.constant('double', [D], enc.center, 'center')]),
    g.constant('double', [D], enc.scale, 'scale'),
  ]);
  // training rows column-major: row c of `trainByColumn` is design column c of every training row
  const byColumn = new Float64Array(D * T);
  for (let t = 0; t < T; t++) for (let c = 0; c < D; c++) byColumn[c * T + t] = model.train[t * D + c];
  const trainByColumn = g.constant('double', [D, T], byColumn, 'train');
  let squared: string | null = null;
  for (let c = 0; c < D; c++) {
    const query = g.op('Slice', [z, g.constant('int64', [1], [c]), g.constant('int64', [1], [c + 1]), g.constant('int64', [1], [1])]);
    const train = g.op('Gather', [trainByColumn, g.constant('int64', [], [c], 'column')], { axis: { i: 0 } });
    const diff = g.op('Sub', [query, train]);
    const term = g.op('Mul', [diff, diff]);
    squared = squared === null ? term : g.op('Add', [squared, term]);
  }
  if (squared === null) throw invalidInput('ONNX export: this kNN model has no feature columns');
  const [nearest, index] = g.node('TopK', [squared, g.constant('int64', [1], [k], 'k')], { axis: { i: 1 }, largest: { i: 0 }, sorted: { i: 1 } }, { nOutputs: 2 });
  const weights = neighbourWeights(g, g.op('Sqrt', [nearest]), model.params.weights);
  const total = g.op('ReduceSum', [weights, axis(g, 1)], { keepdims: { i: 1 } });
  if (model.task === 'regression') {
    const targets = g.op('Gather', [g.constant('double', [T], model.targets, 'targets'), index], { axis: { i: 0 } });
    const weighted = g.op('ReduceSum', [g.op('Mul', [weights, targets]), axis(g, 1)], { keepdims: { i: 1 } });
    return { tensor: g.op('Div', [weighted, total]), outputs: 1 };
  }
  const K = model.classes.length;
  // per neighbour a one-hot row of its class, weighted, summed over the neighbours: [N, k, K] → [N, K]
  const codes = g.op('Gather', [g.constant('double', [T], model.targets, 'classes'), index], { axis: { i: 0 } });
  const classCodes = g.constant('double', [K], Array.from({ length: K }, (_, c) => c), 'codes');
  const oneHot = g.op('Cast', [g.op('Equal', [g.op('Unsqueeze', [codes, axis(g, 2)]), classCodes])], { to: { i: 11 } });
  const votes = g.op('Mul', [oneHot, g.op('Unsqueeze', [weights, axis(g, 2)])]);
  const shares = g.op('Div', [g.op('ReduceSum', [votes, axis(g, 1)], { keepdims: { i: 0 } }), total]);
  return { tensor: shares, outputs: K };
}

/** [N, k] neighbour weights from the ascending distances [N, k]. */
function neighbourWeights(g: OnnxGraph, distance: string, mode: KnnModel['params']['weights']): string {
  if (mode === 'uniform') return g.op('ConstantOfShape', [g.op('Shape', [distance])], { value: { tensor: tensorProto('double', [1], [1]) } });
  const atZero = g.op('Equal', [distance, g.constant('double', [], [0], 'zero')]);
  const zeroWeights = g.op('Cast', [atZero], { to: { i: 11 } });
  // any neighbour at distance 0 (the nearest one is, when any is)
  const exact = g.op('Cast', [g.op('ReduceMax', [zeroWeights, axis(g, 1)], { keepdims: { i: 1 } })], { to: { i: 9 } });
  return g.op('Where', [exact, zeroWeights, g.op('Div', [g.constant('double', [], [1], 'one'), distance])]);
}

/** The int64 [1] tensor naming one axis (ReduceSum, ReduceMax and Unsqueeze take their axes as an input). */
function axis(g: OnnxGraph, a: number): string {
  return g.constant('int64', [1], [a], 'axis');
}
