// The end of every exported graph: from a model's margin (or response) tensor to the outputs SPEC §10 names —
// `label` (the class label as text, or the predicted value for regression) and `probabilities` (float [N, K]).

import type { OnnxGraph } from './graph.js';
import { BATCH } from './columns.js';

/** How a margin becomes the response, as the tree ensembles and the linear/MLP heads define it. */
export type Link = 'identity' | 'logistic' | 'softmax';

export interface ClassifierHead {
  classes: readonly string[];
  /** binary only: predict the last class when its probability is at least this (else the most probable class) */
  decisionThreshold?: number | null;
}

/** Regression: `label` = the value, float [N]. `value` is float or double [N, 1]. */
export function regressionOutputs(g: OnnxGraph, value: string, isDouble: boolean): void {
  const asFloat = isDouble ? g.op('Cast', [value], { to: { i: 1 } }) : value;
  const flat = g.op('Reshape', [asFloat, g.constant('int64', [1], [-1], 'shape')]);
  g.output('label', flat, 'float', [BATCH]);
}

/**
 * Classification: `margin` is [N, M] (M = 1 for a binary log-odds, else one column per class), float or double.
 * 'identity' means the columns already are the class probabilities (forests, a single tree).
 */
export function classifierOutputs(g: OnnxGraph, margin: string, link: Link, head: ClassifierHead): void {
  const K = head.classes.length;
  let proba: string;
  if (link === 'softmax') {
    proba = g.op('Softmax', [margin], { axis: { i: 1 } });
  } else if (link === 'logistic') {
    const p1 = g.op('Sigmoid', [margin]);
    proba = K === 2 ? twoColumns(g, p1) : p1;
  } else {
    proba = margin;
  }
  const probaFloat = g.op('Cast', [proba], { to: { i: 1 } });
  const classes = g.constant('string', [K], head.classes, 'classes');
  let code: string;
  const threshold = head.decisionThreshold;
  if (K === 2 && threshold !== undefined && threshold !== null) {
    // probabilities[:, 1] >= threshold, compared in the probabilities' own precision
    const p1 = g.op('Slice', [proba, g.constant('int64', [1], [1]), g.constant('int64', [1], [2]), g.constant('int64', [1], [1])]);
    const t = g.op('CastLike', [g.constant('double', [], [threshold], 'threshold'), p1]);
    const flat = g.op('Reshape', [g.op('GreaterOrEqual', [p1, t]), g.constant('int64', [1], [-1], 'shape')]);
    code = g.op('Cast', [flat], { to: { i: 7 } });
  } else {
    // ArgMax keeps the first index on a tie, as Plumb's mostProbableClass does
    code = g.op('ArgMax', [proba], { axis: { i: 1 }, keepdims: { i: 0 } });
  }
  g.output('label', g.op('Gather', [classes, code], { axis: { i: 0 } }), 'string', [BATCH]);
  g.output('probabilities', probaFloat, 'float', [BATCH, K]);
}

/** [1 − p, p] from a column p (computed as Plumb does, so the two columns sum to 1 in the same way). */
function twoColumns(g: OnnxGraph, p1: string): string {
  const one = g.op('CastLike', [g.constant('float', [], [1], 'one'), p1]);
  return g.op('Concat', [g.op('Sub', [one, p1]), p1], { axis: { i: 1 } });
}
