// A stacked ensemble's output from its margins: the link turns them into values or class probabilities. The
// estimator's predict and AutoML's cross-validation of the meta-model both use it, so CV scores what the file predicts.
import { mostProbableClass } from '../metrics/decision.js';
import type { ModelOutput } from '../model-file/envelope.js';
import { applyLink } from '../tree/predict.js';

/** How an ensemble's summed member margins become its output. */
export type EnsembleLink = 'identity' | 'logistic' | 'softmax';

export function ensembleOutputOf(margin: Float64Array, link: EnsembleLink, K: number): ModelOutput {
  const width = link === 'softmax' ? K : 1;
  const n = margin.length / width;
  const linked = applyLink(margin, width, link);
  if (link === 'identity') return { prediction: linked, margin };
  let proba = linked;
  if (link === 'logistic') {
    proba = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      proba[2 * i] = 1 - linked[i];
      proba[2 * i + 1] = linked[i];
    }
  }
  return { prediction: mostProbableClass(proba, n, K), proba, margin };
}
