// data.filter: keep the rows where a condition written in Plumb's small expression language is true.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { sameColumns } from './table-schema.js';

export const filter = defineNode({
  type: 'data.filter',
  version: 1,
  group: 'data',
  title: 'Filter rows',
  docs:
    'Keeps the rows where `expression` is true, e.g. `age >= 18 and species in [\'Adelie\', \'Gentoo\']`. ' +
    'Columns are bare names or quoted as "sepal length" or `sepal length`; text goes in single quotes. ' +
    'Operators: == != < <= > >= (also = and <>), and or not (also && || !), + - * / %, `in [...]`, `not in [...]`, ' +
    '`is null`, `is not null`. Functions: abs, round, floor, ceil, sqrt, log (natural), log10, exp, lower, upper, trim, ' +
    'length, contains, startswith, endswith, coalesce. A comparison with a missing value is neither true nor false, ' +
    'so the row is dropped; `x == null` and `x in [..., null]` match missing values.',
  inputs: { table: { type: 'table', docs: 'The rows to filter.' } },
  outputs: { table: { type: 'table', docs: 'The rows where the expression is true, in their original order.' } },
  params: z.object({
    expression: z.string().min(1).describe("Condition a row must meet, e.g. `fare > 10 and sex == 'female'`."),
  }),
  ui: { expression: { widget: 'expression', port: 'table' } },
  schema: (_params, { table }) => sameColumns(['table'], table),
});
