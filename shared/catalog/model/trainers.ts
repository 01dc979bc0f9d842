// The trainer nodes by model name (the part after "model."), with each model's own params: cross-validation
// trains any of them by name and checks its nested params against these schemas.
import type { z } from 'zod';
import type { NodeDeclaration } from '../define.js';
import { decisionTree, decisionTreeParams } from './decision_tree.js';
import { gradientBoosting, gradientBoostingParams } from './gradient_boosting.js';
import { knn, knnParams } from './knn.js';
import { linearRegression, linearRegressionParams } from './linear_regression.js';
import { logisticRegression, logisticRegressionParams } from './logistic_regression.js';
import { naiveBayes, naiveBayesParams } from './naive_bayes.js';
import { randomForest, randomForestParams } from './random_forest.js';

export const TRAINER_NAMES = [
  'linear_regression',
  'logistic_regression',
  'decision_tree',
  'random_forest',
  'gradient_boosting',
  'knn',
  'naive_bayes',
] as const;

export type TrainerName = (typeof TRAINER_NAMES)[number];

export const trainers: Record<TrainerName, { declaration: NodeDeclaration; modelParams: z.ZodObject }> = {
  linear_regression: { declaration: linearRegression, modelParams: linearRegressionParams },
  logistic_regression: { declaration: logisticRegression, modelParams: logisticRegressionParams },
  decision_tree: { declaration: decisionTree, modelParams: decisionTreeParams },
  random_forest: { declaration: randomForest, modelParams: randomForestParams },
  gradient_boosting: { declaration: gradientBoosting, modelParams: gradientBoostingParams },
  knn: { declaration: knn, modelParams: knnParams },
  naive_bayes: { declaration: naiveBayes, modelParams: naiveBayesParams },
};

/** Which tasks each trainer can learn (the others refuse the target with an error naming `task`). */
export const TRAINER_TASKS: Record<TrainerName, readonly ('classification' | 'regression')[]> = {
  linear_regression: ['regression'],
  logistic_regression: ['classification'],
  decision_tree: ['classification', 'regression'],
  random_forest: ['classification', 'regression'],
  gradient_boosting: ['classification', 'regression'],
  knn: ['classification', 'regression'],
  naive_bayes: ['classification'],
};
