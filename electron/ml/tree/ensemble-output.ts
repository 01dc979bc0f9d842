// A tree ensemble's model output (margin, link, class probabilities) from its model-file JSON. Ensembles are decoded
// once per JSON object (cached), so predicting repeatedly with one loaded file does not re-parse its trees.

import { mostProbableClass } from '../metrics/decision.js';
import type { ModelOutput } from '../model-file/envelope.js';
import type { FeatureMatrix } from '../types.js';
import { ensembleFromJson, type TreeEnsembleJson } from './json.js';
import { applyLink, ensembleMargin } from './predict.js';
import type { TreeEnsemble } from './types.js';

const decoded = new WeakMap<TreeEnsembleJson, TreeEnsemble>();

function ensembleOf(json: TreeEnsembleJson): TreeEnsemble {
  let ensemble = decoded.get(json);
  if (!ensemble) {
    ensemble = ensembleFromJson(json);
    decoded.set(json, ensemble);
  }
  return ensemble;
}

export function ensembleOutput(json: TreeEnsembleJson, task: 'classification' | 'regression', K: number, X: FeatureMatrix): ModelOutput {
  const ensemble = ensembleOf(json);
  const margin = ensembleMargin(ensemble, X);
  const linked = applyLink(margin, ensemble.nOutputs, ensemble.link);
  if (task === 'regression') return { prediction: linked, margin };
  let proba = linked;
  if (ensemble.nOutputs === 1 && K === 2) {
    proba = new Float64Array(X.nRows * 2);
    for (let i = 0; i < X.nRows; i++) {
      proba[2 * i] = 1 - linked[i];
      proba[2 * i + 1] = linked[i];
    }
  }
  return { prediction: mostProbableClass(proba, X.nRows, K), proba, margin };
}
