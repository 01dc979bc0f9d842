// Naive Bayes (ml/naive-bayes) as ONNX: the joint log-likelihood per class in double, term by term as
// naive-bayes.ts's jointLogLikelihood computes it — log prior, plus per numeric feature
// −½·log(2π·variance) − ½·(x − mean)²/variance (variances already widened by var_smoothing when fitting), plus per
// categorical feature the log-probability of its level; a missing numeric value, or a missing or unseen category,
// adds nothing. The head's softmax turns it into probabilities (Plumb normalizes with log-sum-exp: the same values).

import type { NaiveBayesModel } from '../naive-bayes/naive-bayes.js';
import type { FeatureColumns } from './columns.js';
import type { OnnxGraph } from './graph.js';

/** The joint log-likelihood, double [N, K]. */
export function naiveBayesLogLikelihood(g: OnnxGraph, model: NaiveBayesModel, columns: FeatureColumns): string {
  const K = model.classes.length;
  const total = model.classCount.reduce((a, b) => a + b, 0);
  let sum = g.constant('double', [1, K], model.classCount.map((count) => Math.log(count / total)), 'log_prior');
  const asDouble = (j: number): string => (columns.type === 'double' ? columns.tensors[j] : g.op('Cast', [columns.tensors[j]], { to: { i: 11 } }));
  for (const gaussian of model.gaussian) {
    const x = asDouble(gaussian.feature);
    const mean = g.constant('double', [1, K], gaussian.mean, 'mean');
    const variance = g.constant('double', [1, K], gaussian.variance, 'variance');
    const logNorm = g.constant('double', [1, K], gaussian.variance.map((v) => -0.5 * Math.log(2 * Math.PI * v)), 'log_norm');
    const diff = g.op('Sub', [x, mean]);
    // (0.5 · d · d) / v, multiplied in that order as Plumb does
    const scaled = g.op('Div', [g.op('Mul', [g.op('Mul', [g.constant('double', [], [0.5], 'half'), diff]), diff]), variance]);
    const term = g.op('Sub', [logNorm, scaled]);
    sum = g.op('Add', [sum, g.op('Where', [g.op('IsNaN', [x]), g.constant('double', [], [0], 'zero'), term])]);
  }
  for (const categorical of model.categorical) {
    const L = categorical.logProb[0]?.length ?? 0;
    if (L === 0) continue;
    // one-hot of the level code (all zeros when missing or unseen) times the log-probabilities, levels × classes
    const codes = g.constant(columns.type, [1, L], Array.from({ length: L }, (_, l) => l), 'levels');
    const oneHot = g.op('Cast', [g.op('Equal', [columns.tensors[categorical.feature], codes])], { to: { i: 11 } });
    const byLevel = new Float64Array(L * K);
    for (let l = 0; l < L; l++) for (let c = 0; c < K; c++) byLevel[l * K + c] = categorical.logProb[c][l];
    sum = g.op('Add', [sum, g.op('MatMul', [oneHot, g.constant('double', [L, K], byLevel, 'log_prob')])]);
  }
  return sum;
}
