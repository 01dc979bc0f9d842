// evaluate.regression: a regression model's metrics on rows with known values (SPEC §6).
import { z } from 'zod';
import { defineNode } from '../define.js';

export const evaluateRegression = defineNode({
  type: 'evaluate.regression',
  version: 1,
  group: 'evaluate',
  title: 'Evaluate regression',
  docs:
    'Scores a regression model on rows that hold its target column (named in the model): RMSE, MAE, R² ' +
    '(scikit-learn\'s definitions) and up to 5,000 {y, yhat} points for a residual plot (a seeded sample when there ' +
    'are more rows). Rows with a missing target are left out (with a warning).',
  inputs: {
    model: { type: 'model', docs: 'A regression model.' },
    data: { type: 'table', docs: 'Rows with known target values, usually the test split.' },
  },
  outputs: { metrics: { type: 'metrics', docs: 'The metrics as JSON.' } },
  params: z.object({
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the residual sample (only used above 5,000 rows).'),
  }),
  heavy: true,
});
