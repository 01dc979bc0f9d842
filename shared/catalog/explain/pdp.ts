// explain.pdp: partial dependence and ICE curves (scikit-learn's partial_dependence, brute method).
import { z } from 'zod';
import { defineNode } from '../define.js';

export const pdp = defineNode({
  type: 'explain.pdp',
  version: 1,
  group: 'explain',
  title: 'Partial dependence (PDP / ICE)',
  docs:
    'For each feature, sets it to every grid value in all rows and averages the model\'s output (the partial ' +
    'dependence); the per-row curves of `ice_samples` rows are the ICE curves. Numeric grids are `grid_resolution` ' +
    'evenly spaced points between the `percentiles` of the data (or its distinct values when there are fewer), like ' +
    'scikit-learn; categorical features use every level, and the one-hot columns data.encode made from one column ' +
    'count as that column. Classifiers give class probabilities (binary: the positive, last class; multiclass: per ' +
    'class), regressors their prediction.',
  inputs: {
    model: { type: 'model', docs: 'The model to explain.' },
    data: { type: 'table', docs: 'Rows to average over, with the model\'s feature columns.' },
  },
  outputs: { explanation: { type: 'explanation', docs: 'Per feature: kind, grid, average (per class for multiclass) and ICE curves.' } },
  params: z.object({
    features: z.array(z.string().min(1)).default([]).describe('Features to plot (model features or one-hot encoded columns); empty means all.'),
    grid_resolution: z.number().int().min(2).default(100).describe('Grid points of a numeric feature.'),
    percentiles: z
      .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
      .refine(([lo, hi]) => lo < hi, 'the first percentile must be smaller than the second')
      .default([0.05, 0.95])
      .describe('Ends of a numeric grid, as quantiles of the data.'),
    ice_samples: z.number().int().min(0).default(50).describe('ICE curves: this many rows (a seeded sample).'),
    max_rows: z.number().int().min(1).default(1000).describe('Rows averaged over (a seeded sample of the data when larger).'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the row samples.'),
  }),
  ui: { features: { widget: 'columns', port: 'data' } },
  heavy: true,
});
