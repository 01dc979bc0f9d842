// data.impute: fill missing values per column, like scikit-learn's SimpleImputer.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { imputeSchema } from './transform-schemas.js';

export const IMPUTE_STRATEGIES = ['mean', 'median', 'most_frequent', 'constant'] as const;

export const impute = defineNode({
  type: 'data.impute',
  version: 1,
  group: 'data',
  title: 'Impute missing values',
  docs:
    'Fills missing values (empty cells, and NaN in floating-point columns) like scikit-learn\'s SimpleImputer. ' +
    '`mean` and `median` work on numeric columns (which become DOUBLE); `most_frequent` on any column ' +
    '(ties go to the smallest value); `constant` fills `fill_value` (default 0 for numbers, "missing_value" for text). ' +
    'Without `columns`, every column with missing values that the strategy can fill is imputed; the others are ' +
    'left as they are, with a warning. `add_indicator` appends a 0/1 column `<column>_missing` for each imputed ' +
    'column that had missing values.',
  inputs: { table: { type: 'table', docs: 'The table with missing values.' } },
  outputs: { table: { type: 'table', docs: 'The same rows with missing values filled.' } },
  params: z.object({
    strategy: z.enum(IMPUTE_STRATEGIES).default('mean').describe('How a column\'s fill value is chosen.'),
    fill_value: z
      .union([z.number(), z.string(), z.boolean()])
      .nullable()
      .default(null)
      .describe('The value `constant` fills; default 0 for numbers and "missing_value" for text.'),
    columns: z
      .array(z.string().min(1))
      .default([])
      .describe('Columns to impute; empty means every column with missing values that the strategy applies to.'),
    add_indicator: z.boolean().default(false).describe('Append a 0/1 `<column>_missing` column per imputed column that had missing values.'),
  }),
  ui: { columns: { widget: 'columns', port: 'table' } },
  schema: imputeSchema,
});
