// model.import_xgboost: an XGBoost JSON model file (booster.save_model("model.json")) as a Plumb model.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const importXgboost = defineNode({
  type: 'model.import_xgboost',
  version: 1,
  group: 'model',
  title: 'Import XGBoost model',
  docs:
    'Reads a tree booster (gbtree or dart) saved by XGBoost as JSON and predicts exactly like XGBoost (float32 ' +
    'thresholds, strict < splits, missing values follow each split\'s default direction). Features are the booster\'s ' +
    'feature names (f0, f1, … when it stored none) and must be numeric columns; categorical splits are not supported. ' +
    'XGBoost keeps no class labels: classes are "0", "1", … unless `classes` names them, and no target column unless ' +
    '`target` names it (evaluate.* needs one). The file\'s counts must match its content: `num_feature` (at most ' +
    '100 000) equals the number of feature names when stored and exceeds every split index, `num_class` is at most ' +
    'the number of trees.',
  inputs: {},
  outputs: { model: { type: 'model', docs: 'The booster as a Plumb model file.' } },
  params: z.object({
    path: z.string().min(1).describe('The XGBoost model file (.json).'),
    target: z.string().min(1).nullable().default(null).describe('The column the booster predicts (for evaluate.*).'),
    classes: z
      .array(z.string())
      .nullable()
      .default(null)
      .describe('Class labels in XGBoost\'s class order (label 0 first), e.g. [no, yes]; null keeps "0", "1", ….'),
  }),
  ui: { path: { widget: 'file', extensions: ['json'] } },
});
