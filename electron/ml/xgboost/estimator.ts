// Estimator record of an imported XGBoost booster: both tasks, explained by TreeSHAP in margin space; Plumb does
// not train it (model.import_xgboost reads it), so it has no fit and no defaults.

import { z } from 'zod';
import type { Estimator } from '../estimator.js';
import { ensembleSchema } from '../model-file/parts.js';
import { checkEnsemble } from '../model-file/problems.js';
import { ensembleOutput } from '../tree/ensemble-output.js';
import type { TreeEnsembleJson } from '../tree/json.js';
import type { ImportedXgbModel } from './import.js';

/** An imported XGBoost booster: its ensemble in plain-JSON form plus what the importer read about it. */
export type XgboostModelJson = Omit<ImportedXgbModel, 'ensemble' | 'featureNames' | 'classes' | 'task'> & {
  ensemble: TreeEnsembleJson;
};

export const xgboostEstimator: Estimator<'xgboost', XgboostModelJson> = {
  type: 'xgboost',
  tasks: ['classification', 'regression'],
  defaults: null,
  schema: z.object({
    objective: z.string(),
    ensemble: ensembleSchema,
  }),
  check(model, file, p) {
    checkEnsemble(p, model.ensemble, 'model.ensemble', file.features.length, file.task, file.classes.length);
  },
  predict: (model, X, file) => ensembleOutput(model.ensemble, file.task, file.classes.length, X),
  hasMargin: true,
  treeEnsemble: (model) => model.ensemble,
};
