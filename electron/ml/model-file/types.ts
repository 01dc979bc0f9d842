// TypeScript view of a Plumb model file: the shared envelope plus the fitted model object per model type.

import type { KnnModel } from '../knn/index.js';
import type { LinearRegressionModel, LogisticRegressionModel } from '../linear/index.js';
import type { MlpModel } from '../mlp/model.js';
import type { NaiveBayesModel } from '../naive-bayes/index.js';
import type { DecisionTreeModel } from '../tree/cart.js';
import type { RandomForestModel } from '../tree/forest.js';
import type { GradientBoostingModel } from '../tree/hist-gbm.js';
import type { TreeEnsembleJson } from '../tree/json.js';
import type { ImportedXgbModel } from '../xgboost/import.js';
import type { MODEL_TYPES } from './schema.js';

export type ModelType = (typeof MODEL_TYPES)[number];

/** An imported XGBoost booster: its ensemble in plain-JSON form plus what the importer read about it. */
export type XgboostModelJson = Omit<ImportedXgbModel, 'ensemble' | 'featureNames' | 'classes' | 'task'> & {
  ensemble: TreeEnsembleJson;
};

/** A tree model with its ensemble in plain-JSON form. */
export type TreeModelFileJson<M extends { ensemble: unknown }> = Omit<M, 'ensemble'> & { ensemble: TreeEnsembleJson };

/** `type` and the matching fitted object (always plain JSON: no typed arrays, no non-finite numbers). */
export type FittedModel =
  | { type: 'linear_regression'; model: LinearRegressionModel }
  | { type: 'logistic_regression'; model: LogisticRegressionModel }
  | { type: 'decision_tree'; model: TreeModelFileJson<DecisionTreeModel> }
  | { type: 'random_forest'; model: TreeModelFileJson<RandomForestModel> }
  | { type: 'gradient_boosting'; model: TreeModelFileJson<GradientBoostingModel> }
  | { type: 'knn'; model: KnnModel }
  | { type: 'naive_bayes'; model: NaiveBayesModel }
  | { type: 'xgboost'; model: XgboostModelJson }
  | { type: 'mlp'; model: MlpModel };

export interface ModelFileEnvelope {
  plumb_model: 1;
  /** the input columns, in the order the model reads them */
  features: string[];
  /** the column the model predicts; null when unknown (an imported model without one) */
  target: string | null;
  task: 'classification' | 'regression';
  /** class labels in class-code order (sorted); empty for regression */
  classes: string[];
  /** per categorical (text or boolean) feature, its training levels in code order; predict-time text is mapped onto these */
  feature_levels: Record<string, string[]>;
  /** the node's params the model was trained with (besides target/features/task) */
  params: Record<string, unknown>;
  trained: { rows: number; seconds: number; backend?: string };
}

export type PlumbModelFile = ModelFileEnvelope & FittedModel;

/** What a model says about rows: always a prediction; probabilities for classifiers; raw margins where they exist. */
export interface ModelOutput {
  /** classification: class code per row (index into `classes`); regression: the predicted value */
  prediction: Int32Array | Float64Array;
  /** classification: n × classes, row-major */
  proba?: Float64Array;
  /** the raw score before the link (n × outputs, row-major): log-odds, logits, or the regression value */
  margin?: Float64Array;
}
