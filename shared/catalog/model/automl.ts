// model.automl: model selection and tuning by successive halving over rows with cross-validation, plus a stacked
// ensemble of the best of each family (SPEC §4).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { searchHead, searchInputs, searchOutputs, searchTail, searchUi } from './search-common.js';
import { describeSpace, SEARCH_FAMILIES } from './search-space.js';

const params = z.object({
  ...searchHead,
  families: z
    .array(z.enum(SEARCH_FAMILIES))
    .default([...SEARCH_FAMILIES])
    .describe('Model families searched (trainer names without "model."); families that do not fit the task are skipped.'),
  stacking: z.boolean().default(true).describe('Also build a stacked ensemble of the best model of each family (non-negative weights on their out-of-fold scores).'),
  ...searchTail,
});

export const automl = defineNode({
  type: 'model.automl',
  version: 1,
  group: 'model',
  title: 'AutoML',
  docs:
    'Samples `max_models` candidates over the families (a seeded, shifted Halton sequence per family; gradient boosting ' +
    'gets 3 shares of them, random forest 2, every other family 1) ' +
    'and evaluates them by successive halving like scikit-learn\'s HalvingRandomSearchCV (factor 3, min_resources ' +
    '"exhaust"): each rung cross-validates the survivors on 3× more rows and keeps the best third; the last rung uses all rows. The default ' +
    'model.gradient_boosting is always a candidate, scored on all rows; the sampled gradient boosting candidates stop ' +
    'early on a 10% holdout at every rung. The best of each family with no searched model on all rows yet (the default does not count) is then scored on all ' +
    'rows, and a stacked ensemble of every model scored on all rows (their out-of-fold margins, or probabilities for kNN and naive Bayes, fed to ' +
    'a non-negative linear (regression) or logistic meta-model) competes on the same folds. The winner is fitted on all ' +
    'rows; ranks compare full-resource rows first. Deterministic for a given seed and max_models; with a time budget ' +
    'the search stops starting fits once it is spent. Candidates run in parallel across the worker pool, each fit on ' +
    `one thread. Searched ranges: ${SEARCH_FAMILIES.map(describeSpace).join('; ')}.`,
  inputs: searchInputs,
  outputs: searchOutputs,
  params,
  ui: searchUi,
  heavy: true,
});
