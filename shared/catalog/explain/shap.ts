// explain.shap: SHAP values of a model for rows of a table (SPEC §6), by TreeSHAP, LinearSHAP, KernelSHAP or
// brute-force enumeration.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const SHAP_METHODS = ['auto', 'tree', 'kernel', 'linear', 'exact'] as const;
export const FEATURE_PERTURBATIONS = ['tree_path_dependent', 'interventional'] as const;
export const SHAP_OUTPUTS = ['raw', 'probability'] as const;

export const shap = defineNode({
  type: 'explain.shap',
  version: 1,
  group: 'explain',
  title: 'SHAP values',
  docs:
    'Per-row feature attributions whose sum plus the base value is the model\'s output for the row. `auto` uses ' +
    'TreeSHAP for tree models (exact, in raw margin space: log-odds for boosted classifiers, as XGBoost ' +
    '`pred_contribs` and shap\'s TreeExplainer), LinearSHAP for linear and logistic regression (margin space, ' +
    'features independent), and KernelSHAP otherwise (class probabilities for kNN and naive Bayes). KernelSHAP and ' +
    '`interventional` TreeSHAP take absent features from the `background` rows (default: the explained rows), ' +
    'summarized by seeded k-means to 50 weighted rows (Kernel) or sampled to 1000 rows (Tree) when larger. ' +
    '`exact` enumerates all coalitions (at most 12 features). `output: probability` explains class probabilities ' +
    'instead (values sum to the predicted probability minus the mean probability over the background): ' +
    'interventional TreeSHAP for trees (forests, and boosted binary classifiers rescaled per background row as ' +
    'shap does), KernelSHAP for other models and multiclass boosting. Binary classifiers are explained for the last ' +
    '(positive) class; multiclass ones per class. With `group_encoded`, one-hot columns made by data.encode ' +
    '(`color=red`, `color=blue`) are summed back to `color` (exact: Shapley values are additive).',
  inputs: {
    model: { type: 'model', docs: 'The model to explain.' },
    data: { type: 'table', docs: 'Rows to explain, with the model\'s feature columns.' },
    background: {
      type: 'table',
      optional: true,
      docs: 'Reference rows for KernelSHAP, exact, interventional TreeSHAP and LinearSHAP (usually training rows).',
    },
  },
  outputs: { explanation: { type: 'explanation', docs: 'SHAP values as JSON: method, output, feature_names, base_value, values[row][feature].' } },
  params: z.object({
    method: z.enum(SHAP_METHODS).default('auto').describe('auto: tree for tree models, linear for linear models, kernel otherwise.'),
    output: z
      .enum(SHAP_OUTPUTS)
      .default('raw')
      .describe('raw: the margin (log-odds) where the model has one; probability: class probabilities (classifiers only).'),
    feature_perturbation: z
      .enum(FEATURE_PERTURBATIONS)
      .default('tree_path_dependent')
      .describe('TreeSHAP only: integrate absent features over the training covers, or over the background rows (always with output: probability).'),
    max_rows: z.number().int().min(1).default(1000).describe('At most this many rows are explained (a seeded sample of the data, kept in order).'),
    nsamples: z
      .union([z.literal('auto'), z.number().int().min(1)])
      .default('auto')
      .describe('KernelSHAP coalitions per row: auto = 2·M + 2048, and every coalition (an exact result) when 2^M − 2 fit.'),
    group_encoded: z.boolean().default(true).describe('Sum the values of one-hot columns (`col=level`) back to their original column.'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of row sampling, background summary and KernelSHAP sampling.'),
  }),
  heavy: true,
});
