// The estimator registry: every model kind Plumb trains, imports, predicts and explains, one line each. Model-file
// loading, prediction, the trainers' fit and the explainers' method choice all read it (see estimator.ts).

import { ensembleEstimator, type EnsembleMemberFile } from './ensemble/estimator.js';
import type { Estimator } from './estimator.js';
import { knnEstimator } from './knn/estimator.js';
import { linearRegressionEstimator, logisticRegressionEstimator } from './linear/estimators.js';
import { mlpEstimator } from './mlp/estimator.js';
import { naiveBayesEstimator } from './naive-bayes/estimator.js';
import { onnxEstimator } from './onnx/estimator.js';
import { decisionTreeEstimator, gradientBoostingEstimator, randomForestEstimator } from './tree/estimators.js';
import type { TreeEnsembleJson } from './tree/json.js';
import { xgboostEstimator } from './xgboost/estimator.js';

export const estimators = {
  linear_regression: linearRegressionEstimator,
  logistic_regression: logisticRegressionEstimator,
  decision_tree: decisionTreeEstimator,
  random_forest: randomForestEstimator,
  gradient_boosting: gradientBoostingEstimator,
  knn: knnEstimator,
  naive_bayes: naiveBayesEstimator,
  xgboost: xgboostEstimator,
  mlp: mlpEstimator,
  ensemble: ensembleEstimator(memberTrees),
  onnx: onnxEstimator,
} as const;

export type ModelType = keyof typeof estimators;

/** A stacked ensemble member's trees, by its own kind's record (null when it is not a tree model). */
function memberTrees(member: EnsembleMemberFile): TreeEnsembleJson | null {
  const record = (estimators as Record<string, Estimator<string, unknown, object>>)[member.type];
  return record?.treeEnsemble?.(member.model) ?? null;
}

/** The fitted object a kind keeps under `model` in the model file. */
export type FittedModelOf<T extends ModelType> = (typeof estimators)[T] extends Estimator<T, infer M, object> ? M : never;

/** `type` and the matching fitted object. */
export type FittedModel = { [T in ModelType]: { type: T; model: FittedModelOf<T> } }[ModelType];

export const MODEL_TYPES = Object.keys(estimators) as [ModelType, ...ModelType[]];

/** The record of a kind, seen through the common interface (its model as an unknown, already-checked value). */
export function estimatorOf(type: ModelType): Estimator<ModelType, unknown, object> {
  return estimators[type] as unknown as Estimator<ModelType, unknown, object>;
}
