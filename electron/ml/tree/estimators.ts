// Estimator records of our tree trainers (CART, random forest, histogram gradient boosting): both tasks, explained
// by TreeSHAP in margin space, kept in the model file with their ensemble in plain-JSON form.

import { z } from 'zod';
import type { Estimator } from '../estimator.js';
import { ensembleSchema, taskSchema } from '../model-file/parts.js';
import { checkClasses, checkEnsemble } from '../model-file/problems.js';
import { decisionTreeDefaults, fitDecisionTree, type DecisionTreeModel, type DecisionTreeParams } from './cart.js';
import { ensembleOutput } from './ensemble-output.js';
import { fitRandomForest, randomForestDefaults, type RandomForestModel, type RandomForestParams } from './forest.js';
import { fitGradientBoosting, gradientBoostingDefaults, type GradientBoostingModel, type GradientBoostingParams } from './hist-gbm.js';
import { modelToJson, type TreeModel, type TreeModelJson, type TreeModelType } from './model.js';

/** What the three tree records share: everything but the type, the defaults and the fit. */
function treeEstimator<Type extends TreeModelType, M extends TreeModel<Type>, P extends object>(
  type: Type,
  defaults: Partial<P>,
  fit: (...args: Parameters<NonNullable<Estimator<Type, TreeModelJson<M>, P>['fit']>>) => M,
): Estimator<Type, TreeModelJson<M>, P> {
  return {
    type,
    tasks: ['classification', 'regression'],
    defaults,
    fit: (X, y, params, control, valid) => modelToJson(fit(X, y, params, control, valid)),
    schema: z.object({
      // any string: a tree type that is not this one gets the check's clearer message
      type: z.string(),
      task: taskSchema,
      classes: z.array(z.string()),
      featureNames: z.array(z.string()),
      params: z.record(z.string(), z.unknown()),
      ensemble: ensembleSchema,
    }),
    check(model, file, p) {
      p.check(model.type === type, 'model.type', `does not match the file's type '${type}'`);
      p.check(model.task === file.task, 'model.task', `does not match the file's task '${file.task}'`);
      if (file.task === 'classification') checkClasses(p, model.classes, file.classes, 1);
      checkEnsemble(p, model.ensemble, 'model.ensemble', file.features.length, file.task, file.classes.length);
    },
    predict: (model, X, file) => ensembleOutput(model.ensemble, file.task, file.classes.length, X),
    hasMargin: true,
    treeEnsemble: (model) => model.ensemble,
  };
}

export const decisionTreeEstimator = treeEstimator<'decision_tree', DecisionTreeModel, DecisionTreeParams>('decision_tree', decisionTreeDefaults, (X, y, params, control) =>
  fitDecisionTree(X, y, params, control),
);

/** `max_features` has no fixed default: sqrt for classification, all features (1) for regression, as in scikit-learn. */
export const randomForestEstimator = treeEstimator<'random_forest', RandomForestModel, RandomForestParams>('random_forest', randomForestDefaults, (X, y, params, control) =>
  fitRandomForest(X, y, params, control),
);

export const gradientBoostingEstimator = treeEstimator<'gradient_boosting', GradientBoostingModel, GradientBoostingParams>(
  'gradient_boosting',
  gradientBoostingDefaults,
  (X, y, params, control, valid) => fitGradientBoosting(X, y, params, control, valid),
);
