// The score a stacked ensemble reads from each member: its margin where it has one (log-odds, logits, the value),
// else its probabilities (kNN, naive Bayes), with a binary classifier reduced to its positive (last) class. Both
// are linear in the member's output, so SHAP values of the ensemble's margin are the weighted members' values.
import type { ModelOutput } from '../model-file/envelope.js';

/** Columns of the score: 1 for regression and binary classification, one per class otherwise. */
export function scoreWidth(task: 'classification' | 'regression', nClasses: number): number {
  return task === 'regression' || nClasses === 2 ? 1 : nClasses;
}

/** n × width row-major scores of one member's output. */
export function memberScores(out: ModelOutput, nRows: number, width: number, task: 'classification' | 'regression'): Float64Array {
  const pick = (all: Float64Array, allWidth: number): Float64Array => {
    if (allWidth === width) return all;
    // binary with one column per class: the positive (last) one
    const picked = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) picked[i] = all[i * allWidth + allWidth - 1];
    return picked;
  };
  if (out.margin && nRows > 0) return pick(out.margin, out.margin.length / nRows);
  if (task === 'classification') return pick(out.proba!, out.proba!.length / Math.max(1, nRows));
  return Float64Array.from(out.prediction);
}
