// explain.shap: chooses the method, prepares the background, explains row shares in workers, folds one-hot
// columns back to their original column and writes SPEC §6 explanation.json.
import { shap as declaration } from '../../../shared/catalog/explain/shap.js';
import { invalidInput } from '../../../shared/errors.js';
import type { ShapValues } from '../../ml/explain/exact-shapley.js';
import { encodedGroups, singletonGroups, sumGroups } from '../../ml/explain/group-encoded.js';
import type { WeightedRows } from '../../ml/explain/kmeans.js';
import { trainingTermMeans } from '../../ml/explain/linear-shap.js';
import { linearTermsOf, outputClasses, spaceLabel } from '../../ml/explain/model-outputs.js';
import { resolveShapMethod, shapOutputSpace, type ShapMethod } from '../../ml/explain/shap-method.js';
import { loadModelFile, type PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix } from '../../ml/types.js';
import { implementNode } from '../env.js';
import { pickRows } from '../inputs/ml-frame.js';
import { readFeatures, tableFrom } from '../inputs/model-data.js';
import type { SummaryPayload } from './explain-tasks.js';
import { shapJson } from './explanation-json.js';
import { explainTasks, runShares, sampleRows, shardWindow, shareCount, splitEvenly } from './worker-shares.js';

/** SPEC §6: KernelSHAP uses a background of at most 50 rows, interventional TreeSHAP at most 1000. */
export const KERNEL_BACKGROUND_ROWS = 50;
export const TREE_BACKGROUND_ROWS = 1000;

export const shapNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    const method = resolveShapMethod(params.method, file, params.output);
    const data = await readFeatures(ctx, env, tableFrom(inputs, 'data'), file);
    if (data.nRows === 0) throw invalidInput('the data has no rows to explain');
    const rows = sampleRows(data.nRows, params.max_rows, params.seed);
    if (rows.length < data.nRows) ctx.warn(`explaining ${rows.length} of ${data.nRows} rows (max_rows)`);
    const X = pickRows(data, rows);
    const given = inputs.background !== undefined && inputs.background !== null ? await readFeatures(ctx, env, tableFrom(inputs, 'background'), file) : null;
    if (given && given.nRows === 0) throw invalidInput('the background has no rows');
    const interventional = method === 'tree' && (params.feature_perturbation === 'interventional' || params.output === 'probability');
    if (given && method === 'tree' && !interventional) ctx.warn('the background is not used by tree_path_dependent TreeSHAP');

    const background = await backgroundFor(method, interventional, given ?? data, given !== null, file, params.seed, (payload) =>
      runShares(ctx, env, explainTasks.summarizeBackground, [payload], 'summarizing the background').then((r) => r[0]),
    );

    // A `--shard` step explains only its range of the sampled rows; KernelSHAP seeds each row by its position in
    // X, so the range's values are those of the whole run.
    const [from, to] = shardWindow(X.nRows, env.rowShard);
    const perShare = method === 'tree' ? 32 : method === 'linear' ? Infinity : 2;
    const shares = splitEvenly(to - from, Number.isFinite(perShare) ? shareCount(to - from, perShare) : 1).map((share) => share.map((r) => r + from));
    const base = { file, method, interventional, X, background, nsamples: params.nsamples, seed: params.seed, output: params.output };
    const parts = await runShares(
      ctx,
      env,
      explainTasks.shapValues,
      shares.map((share) => ({ ...base, rows: share })),
      `${method} SHAP`,
    );
    const merged = mergeRows(parts);
    const groups = params.group_encoded ? encodedGroups(file.features) : singletonGroups(file.features);
    const space = shapOutputSpace(method, file, params.output);
    const explanation = shapJson(sumGroups(merged, groups), groups, data, rows.subarray(from, to), {
      method,
      output: spaceLabel(file, space),
      classes: outputClasses(file),
    });
    return { explanation };
  },
});

/**
 * The rows absent features come from: KernelSHAP and exact use at most 50 (k-means summary), interventional TreeSHAP
 * at most 1000 (a seeded sample), LinearSHAP the given background or else the training means (numeric-only models)
 * or the data. Path-dependent TreeSHAP needs none.
 */
async function backgroundFor(
  method: ShapMethod,
  interventional: boolean,
  source: FeatureMatrix,
  given: boolean,
  file: PlumbModelFile,
  seed: number,
  summarize: (payload: SummaryPayload) => Promise<WeightedRows>,
): Promise<WeightedRows | undefined> {
  switch (method) {
    case 'tree': {
      if (!interventional) return undefined;
      const rows = sampleRows(source.nRows, TREE_BACKGROUND_ROWS, seed);
      return { columns: pickRows(source, rows).columns };
    }
    case 'linear':
      return given || trainingTermMeans(linearTermsOf(file)!) === null ? { columns: source.columns } : undefined;
    case 'kernel':
    case 'exact': {
      const rows = { columns: source.columns };
      return source.nRows <= KERNEL_BACKGROUND_ROWS ? rows : summarize({ background: rows, maxRows: KERNEL_BACKGROUND_ROWS, seed });
    }
  }
}

/** Row shares back into one result (values are output-major, so each output's block is concatenated). */
export function mergeRows(parts: ShapValues[]): ShapValues {
  if (parts.length === 1) return parts[0];
  const { nOutputs, nFeatures, baseValue } = parts[0];
  const nRows = parts.reduce((s, p) => s + p.nRows, 0);
  const values = new Float64Array(nOutputs * nRows * nFeatures);
  let offset = 0;
  for (const part of parts) {
    for (let k = 0; k < nOutputs; k++) {
      values.set(part.values.subarray(k * part.nRows * nFeatures, (k + 1) * part.nRows * nFeatures), (k * nRows + offset) * nFeatures);
    }
    offset += part.nRows;
  }
  return { baseValue, values, nOutputs, nRows, nFeatures };
}
