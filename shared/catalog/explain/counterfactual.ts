// explain.counterfactual: what would have to change for a classifier to decide differently — the nearest reference
// row with another prediction and k diverse generated counterfactuals under the user's constraints.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const counterfactual = defineNode({
  type: 'explain.counterfactual',
  version: 1,
  group: 'explain',
  title: 'Counterfactuals',
  docs:
    'For each explained row of a classifier: (a) the nearest row of `background` that the model predicts differently ' +
    '(the What-If Tool\'s nearest counterfactual; constraints do not apply to it), and (b) up to `k` generated ' +
    'counterfactuals from a seeded search that changes as few features as possible, never changes `immutable` ' +
    'features, keeps numeric features within `ranges` and moves them only in their `directions`. Distance is DiCE\'s ' +
    'proximity: L1 over numeric features scaled by their median absolute deviation in `background`, plus 1 per ' +
    'changed categorical feature. Each counterfactual lists its changes (feature: [from, to]), the new prediction, ' +
    'its proximity (lower is closer), sparsity (features changed) and validity (prediction changed).',
  inputs: {
    model: { type: 'model', docs: 'A classification model.' },
    data: { type: 'table', docs: 'Rows to explain (the first max_rows).' },
    background: { type: 'table', docs: 'Reference rows, e.g. the training data: nearest counterfactuals, value ranges and MAD scales.' },
  },
  outputs: {
    explanation: { type: 'explanation', docs: '{ rows: [{ row, prediction, nearest: { row, changes, prediction, distance }, generated: [{ changes, prediction, proximity, sparsity, valid }] }] }' },
  },
  params: z.object({
    k: z.number().int().min(1).max(20).default(3).describe('Generated counterfactuals per row.'),
    immutable: z.array(z.string().min(1)).default([]).describe('Features that may not change.'),
    ranges: z.record(z.string(), z.tuple([z.number(), z.number()])).default({}).describe('Allowed [low, high] per numeric feature.'),
    directions: z.record(z.string(), z.enum(['up', 'down'])).default({}).describe('Numeric features that may only go up or only go down.'),
    max_rows: z.number().int().min(1).default(10).describe('Explain at most the first this many rows.'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the search.'),
  }),
  ui: { immutable: { widget: 'columns', port: 'data' }, ranges: { widget: 'json' }, directions: { widget: 'json' } },
  heavy: true,
});
