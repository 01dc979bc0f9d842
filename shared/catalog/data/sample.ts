// data.sample: a seeded random sample of rows, with or without replacement, optionally stratified.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { sameColumns } from './table-schema.js';

export const sample = defineNode({
  type: 'data.sample',
  version: 1,
  group: 'data',
  title: 'Sample rows',
  docs:
    'Draws `n` rows, or `fraction` × rows (rounded like pandas\' DataFrame.sample), at random with a seed. ' +
    'With `replace` rows are drawn with replacement (a bootstrap sample; `fraction` may then exceed 1). With ' +
    '`stratify`, each class of that column gets its proportional share of the draws.',
  inputs: { table: { type: 'table', docs: 'The rows to sample from.' } },
  outputs: { table: { type: 'table', docs: 'The sampled rows, in random order.' } },
  params: z.object({
    n: z.number().int().min(0).nullable().default(null).describe('Number of rows to draw (set this or fraction).'),
    fraction: z.number().min(0).nullable().default(null).describe('Share of rows to draw (set this or n).'),
    replace: z.boolean().default(false).describe('Draw with replacement (bootstrap).'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the draw.'),
    stratify: z.string().min(1).nullable().default(null).describe('Column whose class shares the sample keeps.'),
  }),
  ui: { stratify: { widget: 'column', port: 'table' } },
  schema: (_params, { table }) => sameColumns(['table'], table),
});
