// model.automl: successive halving over the families' sampled candidates, the default gradient boosting and a
// stacked ensemble (see electron/ml/automl/ and search-run.ts).
import { automl as declaration } from '../../../shared/catalog/model/automl.js';
import { implementNode } from '../env.js';
import { automlPlan } from './search-plan.js';
import { runModelSearch } from './search-run.js';

export const automlNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const plan = { families: params.families, maxModels: params.max_models, stacking: params.stacking };
    return runModelSearch(ctx, env, inputs, params, (task) => automlPlan({ ...plan, task, seed: params.seed }), { node: 'automl', ...plan });
  },
});
