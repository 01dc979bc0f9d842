// What our tree trainers produce: a plain model object around a TreeEnsemble, prediction on raw
// feature columns, and the JSON round trip (typed arrays need converting).

import { invalidInput } from '../../../shared/errors.js';
import type { FeatureMatrix, Target } from '../types.js';
import { ensembleFromJson, ensembleToJson, type TreeEnsembleJson } from './json.js';
import { applyLink, ensembleMargin, type FeatureColumns } from './predict.js';
import type { TreeEnsemble } from './types.js';

export type TreeModelType = 'decision_tree' | 'random_forest' | 'gradient_boosting';

export interface TreeModel<Type extends TreeModelType = TreeModelType, Params extends object = object> {
  type: Type;
  task: 'classification' | 'regression';
  /** class labels (index = class code); empty for regression */
  classes: string[];
  featureNames: string[];
  /** the parameters after defaults were applied */
  params: Params;
  ensemble: TreeEnsemble;
}

/** The same model with its ensemble in plain-JSON form. */
export type TreeModelJson<M extends TreeModel = TreeModel> = Omit<M, 'ensemble'> & { ensemble: TreeEnsembleJson };

export function modelToJson<M extends TreeModel>(model: M): TreeModelJson<M> {
  return { ...model, ensemble: ensembleToJson(model.ensemble) };
}

export function modelFromJson<M extends TreeModel>(json: TreeModelJson<M>): M {
  return { ...json, ensemble: ensembleFromJson(json.ensemble) } as unknown as M;
}

/** Raw margins, nRows × nOutputs row-major (forest/tree classifiers: class probabilities; GBM: log-odds / scores). */
export function predictMargin(model: TreeModel, X: FeatureColumns): Float64Array {
  return ensembleMargin(model.ensemble, X);
}

/** Class probabilities, nRows × nClasses row-major (a binary logistic model has one output: p(class 1)). */
export function predictProba(model: TreeModel, X: FeatureColumns): Float64Array {
  if (model.task !== 'classification') throw invalidInput('predictProba needs a classification model');
  const { ensemble } = model;
  const out = applyLink(ensembleMargin(ensemble, X), ensemble.nOutputs, ensemble.link);
  const K = model.classes.length;
  if (ensemble.nOutputs === K) return out;
  if (ensemble.nOutputs === 1 && K === 2) {
    const proba = new Float64Array(X.nRows * 2);
    for (let i = 0; i < X.nRows; i++) {
      proba[2 * i] = 1 - out[i];
      proba[2 * i + 1] = out[i];
    }
    return proba;
  }
  throw invalidInput(`model has ${ensemble.nOutputs} outputs for ${K} classes`);
}

/** Regression: the predicted value. Classification: the predicted class code (index into model.classes). */
export function predict(model: TreeModel, X: FeatureColumns): Float64Array {
  if (model.task === 'regression') return applyLink(ensembleMargin(model.ensemble, X), 1, model.ensemble.link);
  const proba = predictProba(model, X);
  const K = model.classes.length;
  const out = new Float64Array(X.nRows);
  for (let i = 0; i < X.nRows; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** Checks that X and y fit together and returns the number of classes (0 for regression). */
export function checkTrainingData(X: FeatureMatrix, y: Target): number {
  const n = X.nRows;
  if (n < 1) throw invalidInput('no training rows');
  if (X.columns.length < 1) throw invalidInput('no feature columns');
  for (const c of X.columns) if (c.length !== n) throw invalidInput('feature columns differ in length');
  if (y.task === 'classification') {
    if (y.codes.length !== n) throw invalidInput('target length differs from the feature rows');
    const K = y.classes.length;
    for (let i = 0; i < n; i++) {
      const c = y.codes[i];
      if (!(c >= 0 && c < K)) throw invalidInput(`target row ${i} has no class (code ${c})`);
    }
    return K;
  }
  if (y.values.length !== n) throw invalidInput('target length differs from the feature rows');
  for (let i = 0; i < n; i++) if (!Number.isFinite(y.values[i])) throw invalidInput(`target row ${i} is missing or not finite`);
  return 0;
}
