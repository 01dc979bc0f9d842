// model.tune: hyperparameter search of one model type (grid or random) with cross-validation; the same
// leaderboard and panel as model.automl.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { mlpParams } from './mlp.js';
import { searchHead, searchInputs, searchOutputs, searchTail, searchUi } from './search-common.js';
import { describeSpace, SEARCH_FAMILIES, type Family } from './search-space.js';
import { trainers } from './trainers.js';

/** The own params of every model type tune can search. */
export function tunableParams(family: Family): z.ZodObject {
  return family === 'mlp' ? mlpParams : trainers[family].modelParams;
}

const value = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.number())]);
const range = z.object({ low: z.number(), high: z.number(), log: z.boolean().default(false) }).strict();

const params = z
  .object({
    ...searchHead,
    estimator: z.enum(SEARCH_FAMILIES).default('gradient_boosting').describe('The model type to tune (a trainer name without "model.").'),
    search: z.enum(['random', 'grid']).default('random').describe('random: max_models seeded samples of the space; grid: every combination of the listed values.'),
    space: z
      .record(z.string(), z.union([z.array(value).min(1), range]))
      .default({})
      .describe(
        'Param → list of values, or {low, high, log} (random search only); empty = the estimator\'s default space (see model.automl). ' +
          'Params not listed keep their defaults.',
      ),
    ...searchTail,
  })
  .superRefine((v, ctx) => {
    const shape = tunableParams(v.estimator).shape as Record<string, z.ZodType>;
    for (const [key, entry] of Object.entries(v.space)) {
      const schema = shape[key];
      if (!schema) {
        ctx.addIssue({ code: 'custom', path: ['space', key], message: `model.${v.estimator} has no param '${key}' (it has ${Object.keys(shape).join(', ')})` });
        continue;
      }
      const values = Array.isArray(entry) ? entry : [entry.low, entry.high];
      if (!Array.isArray(entry)) {
        if (v.search === 'grid') ctx.addIssue({ code: 'custom', path: ['space', key], message: 'grid search needs a list of values, not {low, high}' });
        if (!(entry.low <= entry.high)) ctx.addIssue({ code: 'custom', path: ['space', key], message: 'low must be at most high' });
        if (entry.log && !(entry.low > 0)) ctx.addIssue({ code: 'custom', path: ['space', key], message: 'a log range needs low > 0' });
      }
      for (const x of values) {
        const checked = schema.safeParse(x);
        if (!checked.success) ctx.addIssue({ code: 'custom', path: ['space', key], message: `${JSON.stringify(x)}: ${checked.error.issues[0]?.message ?? 'not a valid value'}` });
      }
    }
    if (v.search === 'grid' && Object.keys(v.space).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['space'], message: 'grid search needs a space with a list of values per param' });
    }
  });

export const tune = defineNode({
  type: 'model.tune',
  version: 1,
  group: 'model',
  title: 'Tune',
  docs:
    'Cross-validates candidates of one model type on all training rows and fits the best on all of them. random: ' +
    '`max_models` seeded samples (a shifted Halton sequence; {low, high, log} ranges sampled on their scale, lists ' +
    'by equal cells); grid: every combination of the lists. The model type\'s defaults are always a candidate. ' +
    `Default spaces: ${SEARCH_FAMILIES.map(describeSpace).join('; ')}.`,
  inputs: searchInputs,
  outputs: searchOutputs,
  params,
  ui: { ...searchUi, space: { widget: 'json' } },
  heavy: true,
});
