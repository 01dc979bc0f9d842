// One fitting entry for every trainer: the model name picks the ml/ fit function, and the fitted model comes back
// in its model-file (plain JSON) form. Runs inside a worker (see train-task.ts).
import type { TrainerName } from '../../../shared/catalog/model/trainers.js';
import { invalidInput } from '../../../shared/errors.js';
import { fitKnn, type KnnParams } from '../../ml/knn/index.js';
import { fitLinearRegression, fitLogisticRegression, type LinearRegressionParams, type LogisticRegressionParams } from '../../ml/linear/index.js';
import type { FittedModel, TreeModelFileJson } from '../../ml/model-file.js';
import { fitNaiveBayes, type NaiveBayesParams } from '../../ml/naive-bayes/index.js';
import * as cart from '../../ml/tree/cart.js';
import * as forest from '../../ml/tree/forest.js';
import * as gbm from '../../ml/tree/hist-gbm.js';
import { ensembleToJson } from '../../ml/tree/json.js';
import type { TreeEnsemble } from '../../ml/tree/types.js';
import type { FeatureMatrix, FitControl, Target } from '../../ml/types.js';

export interface FitInput {
  X: FeatureMatrix;
  y: Target;
  /** the model's own params (the node's params without target, features, task and seed), already validated */
  params: Record<string, unknown>;
  valid?: { X: FeatureMatrix; y: Target };
}

function treeJson<M extends { ensemble: TreeEnsemble }>(model: M): TreeModelFileJson<M> {
  return { ...model, ensemble: ensembleToJson(model.ensemble) };
}

/** Leaves out params the node did not set, so the fit function's own defaults apply to them. */
function given<P>(params: Record<string, unknown>): Partial<P> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Partial<P>;
}

function requireTask(name: TrainerName, y: Target, task: Target['task']): void {
  if (y.task === task) return;
  const hint = task === 'classification' ? 'set task: classification, or use a text/boolean target' : 'it needs a numeric target';
  throw invalidInput(`model.${name} is a ${task} model but the target makes this a ${y.task} task (${hint})`, { param: 'target' });
}

export function fitModel(name: TrainerName, input: FitInput, control: FitControl): FittedModel {
  const { X, y, params } = input;
  switch (name) {
    case 'linear_regression':
      requireTask(name, y, 'regression');
      return { type: name, model: fitLinearRegression(X, y, given<LinearRegressionParams>(params), control) };
    case 'logistic_regression':
      requireTask(name, y, 'classification');
      return { type: name, model: fitLogisticRegression(X, y, given<LogisticRegressionParams>(params), control) };
    case 'knn':
      return { type: name, model: fitKnn(X, y, given<KnnParams>(params), control) };
    case 'naive_bayes':
      requireTask(name, y, 'classification');
      return { type: name, model: fitNaiveBayes(X, y, given<NaiveBayesParams>(params), control) };
    case 'decision_tree':
      return { type: name, model: treeJson(cart.fit(X, y, given<cart.DecisionTreeParams>(params), control)) };
    case 'random_forest':
      return { type: name, model: treeJson(forest.fit(X, y, given<forest.RandomForestParams>(params), control)) };
    case 'gradient_boosting':
      return { type: name, model: treeJson(gbm.fit(X, y, given<gbm.GradientBoostingParams>(params), control, input.valid)) };
  }
}
