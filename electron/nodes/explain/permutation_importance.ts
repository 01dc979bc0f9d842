// explain.permutation_importance: score drops of shuffled features on labelled rows; one-hot columns of one original
// column are shuffled together; feature shares run in workers. SPEC §6 format plus the baseline and every repeat.
import { permutationImportance as declaration } from '../../../shared/catalog/explain/permutation_importance.js';
import { encodedGroups } from '../../ml/explain/group-encoded.js';
import { resolveScore } from '../../ml/explain/permutation-importance-scoring.js';
import { loadModelFile } from '../../ml/model-file.js';
import { implementNode } from '../env.js';
import { readLabelledData, tableFrom } from '../inputs/model-data.js';
import { explainTasks, runShares, shareCount, splitEvenly } from './worker-shares.js';

export interface FeatureImportance {
  feature: string;
  mean: number;
  std: number;
  /** the score drop of each repeat */
  importances: number[];
}

export const permutationImportanceNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    const metric = resolveScore(params.metric, file.task);
    const { X, y } = await readLabelledData(ctx, env, tableFrom(inputs, 'data'), file, 'data');
    const groups = encodedGroups(file.features);
    const shares = splitEvenly(groups.names.length, shareCount(groups.names.length, 1));
    const base = { file, X, y, metric, nRepeats: params.n_repeats, seed: params.seed, groups: groups.members };
    const parts = await runShares(
      ctx,
      env,
      explainTasks.permutationImportance,
      shares.map((only) => ({ ...base, only })),
      'permutation importance',
    );
    const features: FeatureImportance[] = [];
    for (const part of parts) {
      part.groups.forEach((g, i) =>
        features.push({ feature: groups.names[g], mean: part.mean[i], std: part.std[i], importances: Array.from(part.importances[i]) }),
      );
    }
    // Most important first; ties keep the model's feature order.
    const order = new Map(groups.names.map((name, g) => [name, g]));
    features.sort((a, b) => b.mean - a.mean || order.get(a.feature)! - order.get(b.feature)!);
    return { explanation: { metric, baseline: parts[0].baseline, n_repeats: params.n_repeats, features } };
  },
});
