// Estimator record of the MLP: both tasks, explained in margin space (the output layer before its link). It trains
// in its own worker task (nodes/model/mlp-task.ts), which picks a TensorFlow.js backend first, so it has no sync fit.

import type { Estimator } from '../estimator.js';
import type { MlpModel } from './model.js';
import { mlpDefaults, type MlpParams } from './params.js';
import { mlpModelOutput } from './predict.js';
import { checkMlpModel, mlpModelSchema } from './schema.js';

export const mlpEstimator: Estimator<'mlp', MlpModel, MlpParams> = {
  type: 'mlp',
  tasks: ['classification', 'regression'],
  defaults: mlpDefaults,
  schema: mlpModelSchema,
  check(model, file, p) {
    p.list.push(...checkMlpModel(file, model));
  },
  predict: (model, X) => mlpModelOutput(model, X),
  hasMargin: true,
};
