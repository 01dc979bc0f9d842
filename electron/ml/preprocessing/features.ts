// From rows in a caller's columns to the model's feature matrix: the chain first (when the file has one), then
// each feature read like model.predict reads a table (text mapped onto the model's levels, unknown = missing).
import { invalidInput } from '../../../shared/errors.js';
import type { ModelFileEnvelope } from '../model-file/envelope.js';
import type { FeatureMatrix } from '../types.js';
import { applyPreprocessing, type TypedColumns } from './apply.js';
import type { PreprocessingChain, RawColumns, RawValue } from './types.js';

type FeatureSource = Pick<ModelFileEnvelope, 'features' | 'feature_levels'> & { preprocessing?: PreprocessingChain };

/** The model's features of `raw` rows (original columns when the file has a chain), with unseen levels counted. */
export function rawFeatureMatrix(file: FeatureSource, raw: RawColumns): { X: FeatureMatrix; unseen: Map<string, number> } {
  const typed: TypedColumns = file.preprocessing
    ? applyPreprocessing(file.preprocessing, raw, file.features)
    : { nrows: raw.nrows, specs: [], columns: raw.columns as Record<string, RawValue[]> };
  return featureMatrixOf(file, typed.nrows, typed.columns);
}

/** Reads each model feature from `columns`: numbers for numeric features, level codes for categorical ones. */
export function featureMatrixOf(
  file: Pick<ModelFileEnvelope, 'features' | 'feature_levels'>,
  nrows: number,
  columns: Record<string, readonly RawValue[]>,
): { X: FeatureMatrix; unseen: Map<string, number> } {
  const unseen = new Map<string, number>();
  const out: Float64Array[] = [];
  const levels: (string[] | null)[] = [];
  for (const name of file.features) {
    const values = lookup(columns, name);
    if (!values) throw invalidInput(`the input has no column '${name}', which the model reads`);
    const modelLevels = file.feature_levels[name];
    const column = new Float64Array(nrows);
    if (!modelLevels) {
      for (let i = 0; i < nrows; i++) column[i] = numberOf(values[i], name);
      levels.push(null);
    } else {
      const code = new Map(modelLevels.map((level, k) => [level, k]));
      let misses = 0;
      for (let i = 0; i < nrows; i++) {
        const v = values[i];
        if (v === null || v === undefined) {
          column[i] = NaN;
          continue;
        }
        const k = code.get(typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));
        if (k === undefined) misses++;
        column[i] = k ?? NaN;
      }
      if (misses) unseen.set(name, misses);
      levels.push(modelLevels.slice());
    }
    out.push(column);
  }
  return { X: { nRows: nrows, columns: out, names: file.features.slice(), levels }, unseen };
}

function lookup(columns: Record<string, readonly RawValue[]>, name: string): readonly RawValue[] | undefined {
  if (Object.hasOwn(columns, name)) return columns[name];
  const folded = Object.keys(columns).filter((k) => k.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? columns[folded[0]] : undefined;
}

function numberOf(v: RawValue | undefined, name: string): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw invalidInput(`column '${name}' needs a number, got ${JSON.stringify(v)}`);
}
