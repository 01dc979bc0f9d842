// The model nodes: trainers (model.mlp is the TensorFlow.js one), the XGBoost importer and prediction.
import type { NodeDeclaration } from '../define.js';
import { decisionTree } from './decision_tree.js';
import { gradientBoosting } from './gradient_boosting.js';
import { importOnnx } from './import_onnx.js';
import { importXgboost } from './import_xgboost.js';
import { knn } from './knn.js';
import { load } from './load.js';
import { linearRegression } from './linear_regression.js';
import { logisticRegression } from './logistic_regression.js';
import { mlp } from './mlp.js';
import { naiveBayes } from './naive_bayes.js';
import { predict } from './predict.js';
import { automl } from './automl.js';
import { tune } from './tune.js';
import { randomForest } from './random_forest.js';

export const modelNodes: readonly NodeDeclaration[] = [
  linearRegression,
  logisticRegression,
  decisionTree,
  randomForest,
  gradientBoosting,
  knn,
  naiveBayes,
  mlp,
  importXgboost,
  importOnnx,
  load,
  predict,
  automl,
  tune,
];
