// explain.counterfactual: reads the rows and the background as the model's features, checks the constraints
// against the model's features, searches in a worker and writes SPEC §4 JSON with values as users see them.
import { counterfactual as declaration } from '../../../shared/catalog/explain/counterfactual.js';
import { invalidInput } from '../../../shared/errors.js';
import { taskModule } from '../../engine/workers.js';
import type { RowCounterfactuals } from '../../ml/counterfactual/search.js';
import { loadModelFile, type PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix } from '../../ml/types.js';
import { implementNode } from '../env.js';
import { pickRows } from '../inputs/ml-frame.js';
import { buffersOf, readFeatures, tableFrom } from '../inputs/model-data.js';
import type * as counterfactualTasks from './counterfactual-task.js';

const searchTask = taskModule<typeof counterfactualTasks>(new URL('./counterfactual-task.ts', import.meta.url)).task('searchCounterfactuals');

type Cell = number | string | null;
type Changes = Record<string, [Cell, Cell]>;

export interface CounterfactualExplanation {
  kind: 'counterfactuals';
  feature_names: string[];
  distance: 'dice_mad_l1';
  rows: {
    row: number;
    prediction: string;
    values: Record<string, Cell>;
    nearest: { row: number; changes: Changes; prediction: string; distance: number } | null;
    generated: { changes: Changes; prediction: string; proximity: number; sparsity: number; valid: boolean }[];
  }[];
}

function cellOf(file: PlumbModelFile, j: number, v: number): Cell {
  if (Number.isNaN(v)) return null;
  const levels = file.feature_levels[file.features[j]];
  return levels ? (levels[v] ?? null) : v;
}

function changesOf(file: PlumbModelFile, x: ArrayLike<number>, v: ArrayLike<number>): Changes {
  const out: Changes = {};
  file.features.forEach((name, j) => {
    const same = x[j] === v[j] || (Number.isNaN(x[j]) && Number.isNaN(v[j]));
    if (!same) out[name] = [cellOf(file, j, x[j]), cellOf(file, j, v[j])];
  });
  return out;
}

function featureIndex(file: PlumbModelFile, name: string, param: string): number {
  const j = file.features.indexOf(name);
  if (j < 0) throw invalidInput(`'${name}' is not a feature of the model (features: ${file.features.join(', ')})`, { param });
  return j;
}

export const counterfactualNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    if (file.task !== 'classification') throw invalidInput('counterfactuals need a classification model; this one is a regressor');
    const immutable = params.immutable.map((name) => featureIndex(file, name, 'immutable'));
    const ranges = Object.entries(params.ranges).map(([name, [lo, hi]]): [number, [number, number]] => {
      const j = featureIndex(file, name, 'ranges');
      if (file.feature_levels[name]) throw invalidInput(`'${name}' is categorical: a range applies to numeric features only`, { param: 'ranges' });
      if (!(lo <= hi)) throw invalidInput(`the range of '${name}' is [${lo}, ${hi}]: low must not exceed high`, { param: 'ranges' });
      return [j, [lo, hi]];
    });
    const directions = Object.entries(params.directions).map(([name, dir]): [number, 'up' | 'down'] => {
      const j = featureIndex(file, name, 'directions');
      if (file.feature_levels[name]) throw invalidInput(`'${name}' is categorical: up / down applies to numeric features only`, { param: 'directions' });
      return [j, dir];
    });
    const all = await readFeatures(ctx, env, tableFrom(inputs, 'data'), file);
    if (all.nRows === 0) throw invalidInput('the data has no rows to explain');
    const n = Math.min(all.nRows, params.max_rows);
    if (n < all.nRows) ctx.warn(`explaining the first ${n} of ${all.nRows} rows (max_rows)`);
    const X: FeatureMatrix = pickRows(all, Int32Array.from({ length: n }, (_, i) => i));
    const background = await readFeatures(ctx, env, tableFrom(inputs, 'background'), file);
    if (background.nRows === 0) throw invalidInput('the background has no rows');
    const copy = (m: FeatureMatrix): FeatureMatrix => ({ ...m, columns: m.columns.map((c) => Float64Array.from(c)) });
    const Xw = copy(X);
    const results: RowCounterfactuals[] = await env.workers.run(
      searchTask,
      { file, X: Xw, background, immutable, ranges, directions, k: params.k, seed: params.seed },
      { signal: ctx.signal, onProgress: (f, m) => ctx.progress(f, m), transfer: buffersOf(Xw, background) },
    );
    const label = (code: number) => file.classes[code] ?? String(code);
    const explanation: CounterfactualExplanation = {
      kind: 'counterfactuals',
      feature_names: file.features.slice(),
      distance: 'dice_mad_l1',
      rows: results.map((r, i) => {
        const x = X.columns.map((c) => c[i]);
        return {
          row: i,
          prediction: label(r.prediction),
          values: Object.fromEntries(file.features.map((name, j) => [name, cellOf(file, j, x[j])])),
          nearest: r.nearest ? { row: r.nearest.row, changes: changesOf(file, x, r.nearest.values), prediction: label(r.nearest.prediction), distance: r.nearest.distance } : null,
          generated: r.generated.map((g) => ({ changes: changesOf(file, x, g.values), prediction: label(g.prediction), proximity: g.distance, sparsity: g.sparsity, valid: g.valid })),
        };
      }),
    };
    if (explanation.rows.some((r) => r.generated.length === 0)) ctx.warn('no counterfactual within the constraints was found for some rows');
    return { explanation };
  },
});
