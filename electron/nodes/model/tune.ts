// model.tune: grid or random search of one model type's params, every candidate cross-validated on all rows.
import { FAMILY_SPACES } from '../../../shared/catalog/model/search-space.js';
import { tunableParams, tune as declaration } from '../../../shared/catalog/model/tune.js';
import { invalidInput } from '../../../shared/errors.js';
import { implementNode } from '../env.js';
import { tunePlan, type SpaceEntry } from './search-plan.js';
import { runModelSearch } from './search-run.js';

/** Params whose schema takes whole numbers only (a {low, high} range on them is sampled as integers). */
function integerParams(estimator: Parameters<typeof tunableParams>[0]): Set<string> {
  const shape = tunableParams(estimator).shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  return new Set(Object.keys(shape).filter((k) => shape[k].safeParse(2).success && !shape[k].safeParse(2.5).success));
}

export const tuneNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const plan = { estimator: params.estimator, search: params.search, space: params.space as Record<string, SpaceEntry>, maxModels: params.max_models };
    return runModelSearch(
      ctx,
      env,
      inputs,
      params,
      (task) => {
        if (!FAMILY_SPACES[params.estimator].tasks.includes(task)) {
          throw invalidInput(`model.${params.estimator} does not learn a ${task} task`, { param: 'estimator' });
        }
        return tunePlan({ ...plan, integers: integerParams(params.estimator), seed: params.seed });
      },
      { node: 'tune', ...plan },
    );
  },
});
