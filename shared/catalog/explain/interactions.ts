// explain.interactions: exact SHAP interaction values of a tree model (Lundberg et al. 2020, Algorithm 3), as
// shap's shap_interaction_values and XGBoost's pred_interactions compute them.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const interactions = defineNode({
  type: 'explain.interactions',
  version: 1,
  group: 'explain',
  title: 'SHAP interaction values',
  docs:
    'For each explained row, an M × M matrix of exact path-dependent TreeSHAP interaction values in raw margin ' +
    'space (log-odds for boosted classifiers), for decision trees, random forests, gradient boosting and imported ' +
    'XGBoost models. Off the diagonal, values[row][i][j] = values[row][j][i] is half the Shapley interaction index ' +
    'of features i and j; the diagonal holds the main effects, so row i sums to feature i\'s SHAP value and the ' +
    'base value plus the whole matrix is the model\'s margin — the same numbers as XGBoost `pred_interactions` ' +
    'and shap\'s `shap_interaction_values`. Binary classifiers are explained for the last (positive) class; ' +
    'multiclass ones per class (values[class][row][i][j]). Output size grows as rows × features², hence `max_rows`.',
  inputs: {
    model: { type: 'model', docs: 'The tree model to explain.' },
    data: { type: 'table', docs: 'Rows to explain, with the model\'s feature columns.' },
  },
  outputs: {
    explanation: {
      type: 'explanation',
      docs: 'Interaction values as JSON: kind, feature_names, base_value, values[row][i][j] (values[class][row][i][j] for multiclass), rows, data.',
    },
  },
  params: z.object({
    max_rows: z.number().int().min(1).default(200).describe('At most this many rows are explained (a seeded sample of the data, kept in order).'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the row sample.'),
  }),
  heavy: true,
});
