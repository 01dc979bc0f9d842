// Implementations of the model nodes (declared in shared/catalog/model/).
import type { NodeImplementation } from '../../engine/types.js';
import type { NodeEnv } from '../env.js';
import { decisionTreeNode } from './decision_tree.js';
import { gradientBoostingNode } from './gradient_boosting.js';
import { importOnnxNode } from './import_onnx.js';
import { importXgboostNode } from './import_xgboost.js';
import { knnNode } from './knn.js';
import { loadNode } from './load.js';
import { linearRegressionNode } from './linear_regression.js';
import { logisticRegressionNode } from './logistic_regression.js';
import { mlpNode } from './mlp.js';
import { naiveBayesNode } from './naive_bayes.js';
import { predictNode } from './predict.js';
import { automlNode } from './automl.js';
import { tuneNode } from './tune.js';
import { randomForestNode } from './random_forest.js';

export const modelImplementations: readonly NodeImplementation<NodeEnv>[] = [
  linearRegressionNode,
  logisticRegressionNode,
  decisionTreeNode,
  randomForestNode,
  gradientBoostingNode,
  knnNode,
  naiveBayesNode,
  mlpNode,
  importXgboostNode,
  importOnnxNode,
  loadNode,
  predictNode,
  automlNode,
  tuneNode,
] as readonly NodeImplementation<NodeEnv>[];
