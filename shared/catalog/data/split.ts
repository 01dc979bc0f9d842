// data.split: rows into a train and a test table, shuffled with a seed and optionally stratified.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { sameColumns } from './table-schema.js';

export const split = defineNode({
  type: 'data.split',
  version: 1,
  group: 'data',
  title: 'Train/test split',
  docs:
    'Splits the rows like scikit-learn\'s train_test_split: `test_size` is a fraction (the test set gets ' +
    'ceil(test_size × rows)) or a row count. With `stratify`, every class of that column gets the same share of ' +
    'test rows (counts per class as StratifiedShuffleSplit allocates them; a missing value is a class too). ' +
    'The same seed always gives the same split, whatever the machine. Without `shuffle` the last rows are the test set.',
  inputs: { table: { type: 'table', docs: 'The rows to split.' } },
  outputs: {
    train: { type: 'table', docs: 'The training rows (in shuffled order when shuffling).' },
    test: { type: 'table', docs: 'The test rows (in shuffled order when shuffling).' },
  },
  params: z.object({
    test_size: z
      .number()
      .positive()
      .refine((v) => v < 1 || Number.isInteger(v), 'a test_size of 1 or more is a row count and must be a whole number')
      .default(0.25)
      .describe('Share of rows for the test set (between 0 and 1), or a number of rows (1 or more).'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the shuffle.'),
    stratify: z.string().min(1).nullable().default(null).describe('Column whose class shares the split keeps, usually the target.'),
    shuffle: z.boolean().default(true).describe('Shuffle before splitting; without it the last rows are the test set.'),
  }),
  ui: { stratify: { widget: 'column', port: 'table' } },
  schema: (_params, { table }) => sameColumns(['train', 'test'], table),
});
