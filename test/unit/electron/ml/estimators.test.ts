// The estimator registry agrees with the trainer declarations: every trainer node has a record that fits, each
// record's ml defaults are the declaration's zod defaults (the node and a direct fit train the same model), and
// the traits explainers read are what the model kinds are.
import { describe, expect, it } from 'vitest';
import { mlpParams } from '../../../../shared/catalog/model/mlp.js';
import { TRAINER_NAMES, TRAINER_TASKS, trainers } from '../../../../shared/catalog/model/trainers.js';
import { estimators, MODEL_TYPES, type ModelType } from '../../../../electron/ml/estimators.js';
import type { z } from 'zod';

/** The declaration's default of every param that has one. */
function zodDefaults(schema: z.ZodObject): Record<string, unknown> {
  return schema.parse({}) as Record<string, unknown>;
}

/** Params whose ml default depends on the data, so the declaration fixes one value: documented in the record. */
const DATA_DEPENDENT: Partial<Record<ModelType, string[]>> = {
  // scikit-learn: sqrt for classifiers, all features for regressors; the node defaults to sqrt for both.
  random_forest: ['max_features'],
};

describe('estimator registry', () => {
  it('has a fitting record for every trainer node', () => {
    for (const name of TRAINER_NAMES) {
      expect(estimators[name].type, name).toBe(name);
      expect(estimators[name].fit, name).toBeTypeOf('function');
    }
  });

  it('the catalog says the same tasks per trainer as the records (the editor offers trainers by task)', () => {
    for (const name of TRAINER_NAMES) expect([...TRAINER_TASKS[name]].sort(), name).toEqual([...estimators[name].tasks].sort());
  });

  it('lists each kind under its own type', () => {
    for (const type of MODEL_TYPES) expect(estimators[type].type).toBe(type);
  });

  it.each(TRAINER_NAMES)('%s: the ml defaults are the declaration defaults', (name) => {
    const declared = zodDefaults(trainers[name].modelParams);
    const skipped = DATA_DEPENDENT[name] ?? [];
    const expected = Object.fromEntries(Object.entries(declared).filter(([key]) => !skipped.includes(key)));
    expect(estimators[name].defaults).toEqual(expected);
  });

  it('mlp: the ml defaults are the declaration defaults (backend is the node\'s, not the model\'s)', () => {
    const { backend: _backend, ...declared } = zodDefaults(mlpParams);
    expect(estimators.mlp.defaults).toEqual(declared);
  });

  it('gives explainers the traits of each kind', () => {
    const traits = Object.fromEntries(
      MODEL_TYPES.map((t) => {
        const e = estimators[t];
        return [t, { margin: e.hasMargin, tree: 'treeEnsemble' in e, linear: 'linearTerms' in e }];
      }),
    );
    expect(traits).toEqual({
      linear_regression: { margin: true, tree: false, linear: true },
      logistic_regression: { margin: true, tree: false, linear: true },
      decision_tree: { margin: true, tree: true, linear: false },
      random_forest: { margin: true, tree: true, linear: false },
      gradient_boosting: { margin: true, tree: true, linear: false },
      knn: { margin: false, tree: false, linear: false },
      naive_bayes: { margin: false, tree: false, linear: false },
      xgboost: { margin: true, tree: true, linear: false },
      mlp: { margin: true, tree: false, linear: false },
      onnx: { margin: false, tree: false, linear: false },
      ensemble: { margin: true, tree: true, linear: false },
    });
  });
});
