// data.select: keep some columns (in a chosen order), drop others, rename.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { selectSchema } from './transform-schemas.js';

export const select = defineNode({
  type: 'data.select',
  version: 1,
  group: 'data',
  title: 'Select columns',
  docs:
    'Keeps the listed `columns` in that order (all columns when empty), removes the `drop` columns, then renames ' +
    'with `rename` (old name → new name). Rows are unchanged.',
  inputs: { table: { type: 'table', docs: 'The table to pick columns from.' } },
  outputs: { table: { type: 'table', docs: 'The same rows with the chosen columns.' } },
  params: z.object({
    columns: z.array(z.string().min(1)).default([]).describe('Columns to keep, in output order; empty keeps every column.'),
    drop: z.array(z.string().min(1)).default([]).describe('Columns to remove.'),
    rename: z
      .record(z.string().min(1), z.string().min(1))
      .default({})
      .describe('New column names, old name → new name (e.g. { Survived: survived }).'),
  }),
  ui: {
    columns: { widget: 'columns', port: 'table' },
    drop: { widget: 'columns', port: 'table' },
    rename: { widget: 'json' },
  },
  schema: selectSchema,
});
