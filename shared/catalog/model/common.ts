// What every trainer node shares: ports, the common params (target, features, task, seed) around each model's
// own params, and the doc sentences on how rows and columns become model inputs.
import { z } from 'zod';
import type { PortDeclaration } from '../define.js';

export const TASKS = ['auto', 'classification', 'regression'] as const;

export const trainerInputs = {
  train: { type: 'table', docs: 'The training rows: the target column and the feature columns.' },
  valid: {
    type: 'table',
    optional: true,
    docs: 'Optional validation rows with the same columns; their loss is reported in the history (and used for early stopping where the model has it).',
  },
} satisfies Record<string, PortDeclaration>;

export const trainerOutputs = {
  model: { type: 'model', docs: 'The fitted model as a Plumb model file (JSON), for model.predict, evaluate.* and explain.*.' },
  history: {
    type: 'series',
    docs: 'Training history: one point per iteration for iterative models, one point otherwise ({step, train_loss, valid_loss?, seconds}).',
  },
} satisfies Record<string, PortDeclaration>;

const commonHead = {
  target: z.string().min(1).describe('The column to predict.'),
  features: z
    .array(z.string().min(1))
    .default([])
    .describe('Columns the model reads, in order; empty means every column except the target.'),
  task: z
    .enum(TASKS)
    .default('auto')
    .describe('auto: classification when the target is text or boolean, regression when it is numeric.'),
};

const commonTail = {
  seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of every random step; the same seed gives the same model.'),
};

/** A trainer's params: target, features, task, then the model's own params, then seed. */
export function trainerParams<S extends z.ZodRawShape>(modelParams: z.ZodObject<S>) {
  return z.object({ ...commonHead, ...modelParams.shape, ...commonTail });
}

export const trainerUi = {
  target: { widget: 'column', port: 'train' },
  features: { widget: 'columns', port: 'train' },
} as const;

/** Params of the common part, which cross-validation sets itself rather than through the model's params. */
export const COMMON_TRAINER_PARAMS = ['target', 'features', 'task', 'seed'] as const;

export const ROWS_DOCS =
  'Rows whose target is missing are left out (with a warning). Text and boolean columns are categorical: their ' +
  'levels are saved in the model, and at prediction time values are matched by their text (a level the model never ' +
  'saw counts as missing).';

export const LINEAR_INPUT_DOCS =
  'Missing numbers are replaced by the training mean and numeric columns are standardized (unless `standardize: ' +
  'false`); categorical columns are one-hot encoded over their training levels, so a missing or unseen level ' +
  'encodes as all zeros. Use data.impute for any other way to fill gaps.';

export const TREE_INPUT_DOCS =
  'Missing values need no filling: each split learns which side they go to. Categorical columns are split on their ' +
  'level codes in sorted level order (an ordinal encoding); for unordered categories with many levels, a one-hot ' +
  'data.encode before training can work better.';
