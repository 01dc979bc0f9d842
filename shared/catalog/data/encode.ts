// data.encode: categorical columns to numbers, one-hot (`<column>=<value>` 0/1 columns) or ordinal codes.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { encodeSchema } from './transform-schemas.js';

export const ENCODE_METHODS = ['onehot', 'ordinal'] as const;
export const ENCODE_DROP = ['none', 'first', 'if_binary'] as const;
export const ENCODE_HANDLE_UNKNOWN = ['error', 'ignore'] as const;

export const encode = defineNode({
  type: 'data.encode',
  version: 1,
  group: 'data',
  title: 'Encode categories',
  docs:
    'Turns categorical columns into numbers, like scikit-learn\'s OneHotEncoder and OrdinalEncoder. Levels are the ' +
    'column\'s distinct values, sorted (or the ones given in `categories`). `onehot` replaces a column by one 0/1 ' +
    'integer column per level, named `<column>=<value>` (a missing value gives all zeros; explanations add these ' +
    'columns back up to the original column). `ordinal` replaces the values by their level\'s position 0, 1, …; ' +
    'missing stays missing. Without `columns`, every text and boolean column except `exclude` is encoded.',
  inputs: { table: { type: 'table', docs: 'The table with categorical columns.' } },
  outputs: { table: { type: 'table', docs: 'The same rows with the encoded columns in place of the originals.' } },
  params: z.object({
    method: z.enum(ENCODE_METHODS).default('onehot').describe('One 0/1 column per level, or one integer code column.'),
    columns: z.array(z.string().min(1)).default([]).describe('Columns to encode; empty means every text and boolean column.'),
    exclude: z.array(z.string().min(1)).default([]).describe('Columns never encoded, e.g. the target.'),
    drop: z
      .enum(ENCODE_DROP)
      .default('none')
      .describe('One-hot only: leave out the first level\'s column always (`first`) or for two-level columns (`if_binary`).'),
    categories: z
      .record(z.string().min(1), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1))
      .default({})
      .describe('Fixed levels for some columns, column → list of values in code order; other columns use their sorted values.'),
    handle_unknown: z
      .enum(ENCODE_HANDLE_UNKNOWN)
      .default('error')
      .describe('A value not in `categories`: fail, or `ignore` it (all zeros for one-hot, missing for ordinal).'),
    max_levels: z
      .number()
      .int()
      .min(2)
      .default(100)
      .describe('A column with more distinct values than this is an error (usually an ID column that should be excluded).'),
  }),
  ui: {
    columns: { widget: 'columns', port: 'table' },
    exclude: { widget: 'columns', port: 'table' },
    categories: { widget: 'json' },
  },
  schema: encodeSchema,
});
