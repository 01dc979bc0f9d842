// evaluate.cross_validate: k-fold cross-validation of one trainer on a table (stratified for classification).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { COMMON_TRAINER_PARAMS, TASKS } from '../model/common.js';
import { TRAINER_NAMES, trainers } from '../model/trainers.js';

const params = z
  .object({
    target: z.string().min(1).describe('The column to predict.'),
    features: z.array(z.string().min(1)).default([]).describe('Columns the model reads; empty means every column except the target.'),
    task: z.enum(TASKS).default('auto').describe('auto: classification when the target is text or boolean, regression when it is numeric.'),
    model: z.enum(TRAINER_NAMES).default('gradient_boosting').describe('Which model to train in every fold (the name after "model.").'),
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('That model\'s own params, as on its node (e.g. { max_iter: 200 }); target, features, task and seed come from here.'),
    n_splits: z.number().int().min(2).default(5).describe('Number of folds.'),
    shuffle: z.boolean().default(false).describe('Shuffle rows (with the seed) before cutting folds; as in scikit-learn, folds are contiguous otherwise.'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the shuffle and of the model.'),
  })
  .superRefine((value, ctx) => {
    const trainer = trainers[value.model];
    for (const key of Object.keys(value.params)) {
      if ((COMMON_TRAINER_PARAMS as readonly string[]).includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['params', key], message: `set '${key}' on evaluate.cross_validate itself, not in params` });
      } else if (!Object.hasOwn(trainer.modelParams.shape, key)) {
        const known = Object.keys(trainer.modelParams.shape).join(', ');
        ctx.addIssue({ code: 'custom', path: ['params', key], message: `model.${value.model} has no param '${key}' (it has ${known})` });
      }
    }
    const checked = trainer.modelParams.safeParse(value.params);
    if (!checked.success) {
      for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: ['params', ...issue.path.map(String)], message: issue.message });
    }
  });

export const crossValidate = defineNode({
  type: 'evaluate.cross_validate',
  version: 1,
  group: 'evaluate',
  title: 'Cross-validate',
  docs:
    'Cuts the rows into `n_splits` folds like scikit-learn\'s KFold (regression) or StratifiedKFold (classification: ' +
    'every fold gets each class\'s share), trains `model` with `params` on all folds but one and scores it on the one ' +
    'left out, for every fold. The output has, per metric, the mean, the standard deviation (ddof 0) and the value of ' +
    'every fold, plus the rows in each fold. Metrics: those of evaluate.classification or evaluate.regression.',
  inputs: { data: { type: 'table', docs: 'The labelled rows to cross-validate on.' } },
  outputs: { metrics: { type: 'metrics', docs: '{ model, task, n_splits, n, metrics: { <name>: { mean, std, folds } }, folds }' } },
  params,
  ui: {
    target: { widget: 'column', port: 'data' },
    features: { widget: 'columns', port: 'data' },
    params: { widget: 'json' },
  },
  heavy: true,
});
