// explain.lime: local surrogate explanations (LIME, lime's LimeTabularExplainer defaults) for rows of a table.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const lime = defineNode({
  type: 'explain.lime',
  version: 1,
  group: 'explain',
  title: 'LIME',
  docs:
    'For each row, samples a neighbourhood from the training rows (numeric features cut at their training quartiles, ' +
    'each feature drawn bin by bin with its training frequencies), weights samples by closeness to the row (exponential ' +
    'kernel of width 0.75·√features on the "same bin as the row" representation), and fits a weighted ridge regression ' +
    '(α = 1) on the `num_features` most useful conditions (forward selection up to 6 features, else the largest ' +
    'weights). Weights read as "the row meets `age <= 38.50`, which moves the output by w". Classifiers are explained ' +
    'by the probability of the positive (last) class when binary, of the predicted class otherwise; regressors by the ' +
    'prediction. `score` is the surrogate\'s weighted R².',
  inputs: {
    model: { type: 'model', docs: 'The model to explain.' },
    data: { type: 'table', docs: 'Rows to explain, with the model\'s feature columns.' },
    background: { type: 'table', docs: 'Training rows: the bins and sampling frequencies come from them.' },
  },
  outputs: { explanation: { type: 'explanation', docs: 'One local explanation per row: intercept, prediction, local_prediction, score, weights.' } },
  params: z.object({
    num_features: z.number().int().min(1).default(10).describe('Conditions in each explanation.'),
    num_samples: z.number().int().min(2).default(5000).describe('Neighbourhood size per row (the row itself included).'),
    max_rows: z.number().int().min(1).default(100).describe('At most this many rows are explained (a seeded sample of the data, kept in order).'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the row sample and the neighbourhoods.'),
  }),
  heavy: true,
});
