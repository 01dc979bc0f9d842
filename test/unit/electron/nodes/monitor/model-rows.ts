// Test helper: a table's rows as a model's feature matrix, built by hand from the rows (numbers as they are,
// text as the model's level codes), so node outputs can be checked against ml functions called directly.
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import type { PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import { rows } from '../model/run-node.js';

export async function modelRows(data: DataSession, ref: TableRef, model: PlumbModelFile): Promise<{ X: FeatureMatrix; all: Record<string, unknown>[] }> {
  const all = await rows(data, ref);
  const columns = model.features.map((name) => {
    const levels = model.feature_levels[name];
    return Float64Array.from(all, (r) => (levels ? levels.indexOf(String(r[name])) : Number(r[name])));
  });
  return { X: { nRows: all.length, columns, names: model.features, levels: model.features.map((f) => model.feature_levels[f] ?? null) }, all };
}

/** The rows `keep` says, as their own matrix. */
export function subset(X: FeatureMatrix, keep: (i: number) => boolean): FeatureMatrix {
  const index = Array.from({ length: X.nRows }, (_, i) => i).filter(keep);
  return { ...X, nRows: index.length, columns: X.columns.map((c) => Float64Array.from(index, (i) => c[i])) };
}
