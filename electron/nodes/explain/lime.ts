// explain.lime: LIME explanations of a seeded sample of rows, with the bins learned from the background (training)
// rows; row shares run in workers. SPEC §6 format, plus each row's explained class for classifiers.
import { lime as declaration } from '../../../shared/catalog/explain/lime.js';
import { invalidInput } from '../../../shared/errors.js';
import { loadModelFile } from '../../ml/model-file.js';
import { implementNode } from '../env.js';
import { pickRows } from '../inputs/ml-frame.js';
import { readFeatures, tableFrom } from '../inputs/model-data.js';
import { outputClasses } from '../../ml/explain/model-outputs.js';
import { explainTasks, runShares, sampleRows, shardWindow, shareCount, splitEvenly } from './worker-shares.js';

export interface LimeExplanationRow {
  row: number;
  /** classification: the class whose probability is explained */
  label?: string;
  intercept: number;
  prediction: number;
  local_prediction: number;
  score: number;
  weights: { feature: string; condition: string; weight: number }[];
}

export const limeNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    const data = await readFeatures(ctx, env, tableFrom(inputs, 'data'), file);
    if (data.nRows === 0) throw invalidInput('the data has no rows to explain');
    const training = await readFeatures(ctx, env, tableFrom(inputs, 'background'), file);
    if (training.nRows === 0) throw invalidInput('the background (training rows) is empty');
    const rows = sampleRows(data.nRows, params.max_rows, params.seed);
    if (rows.length < data.nRows) ctx.warn(`explaining ${rows.length} of ${data.nRows} rows (max_rows)`);
    const X = pickRows(data, rows);
    // A `--shard` step explains only its range of the sampled rows (each row's neighbourhood is seeded by its
    // position in X, so the range's explanations are those of the whole run).
    const [from, to] = shardWindow(X.nRows, env.rowShard);
    const shares = splitEvenly(to - from, shareCount(to - from, 2)).map((share) => share.map((r) => r + from));
    const base = { file, training, X, numFeatures: params.num_features, numSamples: params.num_samples, seed: params.seed };
    const parts = await runShares(
      ctx,
      env,
      explainTasks.lime,
      shares.map((share) => ({ ...base, rows: share })),
      'LIME',
    );
    const classes = outputClasses(file);
    const explained: LimeExplanationRow[] = parts.flat().map((e) => ({
      row: rows[e.row],
      ...(classes ? { label: classes[e.output] } : {}),
      intercept: e.intercept,
      prediction: e.prediction,
      local_prediction: e.local_prediction,
      score: e.score,
      weights: e.weights,
    }));
    return { explanation: { rows: explained } };
  },
});
