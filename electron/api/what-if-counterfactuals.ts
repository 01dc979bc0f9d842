// Counterfactuals of the what-if row, searched in the form's columns (the original ones when the model stores a
// preprocessing chain, so "contract: month-to-month → two_year" rather than three one-hot flips): the reference
// rows and candidates are predicted through chain → model, with the model's decision threshold.
import { invalidInput } from '../../shared/errors.js';
import type { FormColumn } from '../../shared/api/what-if.js';
import { madScales } from '../ml/counterfactual/distance.js';
import { counterfactualsForRow, type Constraints } from '../ml/counterfactual/search.js';
import { predictWithModel, type PlumbModelFile } from '../ml/model-file.js';
import { rawFeatureMatrix, type RawValue } from '../ml/preprocessing/index.js';
import type { FeatureMatrix } from '../ml/types.js';
import type { Cell } from './what-if-space.js';

export const DISTANCE_NOTE =
  'DiCE proximity: L1 over the columns, each number divided by its median absolute deviation in the reference rows (1 when that is 0), plus 1 per changed category';

export interface CounterfactualRequest {
  row: Record<string, Cell>;
  k: number;
  seed: number;
  immutable: string[];
  ranges: Record<string, [number, number]>;
  directions: Record<string, 'up' | 'down'>;
}

type Changes = Record<string, [Cell, Cell]>;

export interface WhatIfCounterfactuals {
  space: 'original' | 'model';
  distance: string;
  prediction: string;
  nearest: { row: number; changes: Changes; prediction: string; distance: number } | null;
  generated: { changes: Changes; prediction: string; proximity: number; sparsity: number; valid: boolean }[];
  referenceRows: number;
  seconds: number;
}

/** A form cell as a search value: the number, or the category's code (unknown or missing = NaN). */
function encodeCell(column: FormColumn, v: Cell): number {
  if (v === null) return NaN;
  if (column.kind === 'number') return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  const code = column.categories!.indexOf(String(v));
  return code < 0 ? NaN : code;
}

function decodeCell(column: FormColumn, v: number): Cell {
  if (Number.isNaN(v)) return null;
  return column.kind === 'number' ? v : (column.categories![v] ?? null);
}

/** Form rows as a search matrix: numbers as numbers, categories as codes into their levels. */
export function searchMatrix(columns: FormColumn[], rows: Cell[][]): FeatureMatrix {
  return {
    nRows: rows.length,
    columns: columns.map((c, j) => Float64Array.from(rows, (r) => encodeCell(c, r[j]))),
    names: columns.map((c) => c.name),
    levels: columns.map((c) => (c.kind === 'category' ? c.categories!.slice() : null)),
  };
}

/** Predicted class codes of search-matrix rows: decoded to form cells, through the chain, then the model. */
export function formPredictor(file: PlumbModelFile, columns: FormColumn[]): (X: FeatureMatrix) => Int32Array {
  return (X) => {
    let features: FeatureMatrix = X;
    if (file.preprocessing) {
      const raw: Record<string, RawValue[]> = Object.fromEntries(columns.map((c, j) => [c.name, Array.from(X.columns[j], (v) => decodeCell(c, v))]));
      features = rawFeatureMatrix(file, { nrows: X.nRows, columns: raw }).X;
    }
    return Int32Array.from(predictWithModel(file, features).prediction);
  };
}

function columnIndex(columns: FormColumn[], name: string, param: string): number {
  const j = columns.findIndex((c) => c.name === name);
  if (j < 0) throw invalidInput(`'${name}' is not an input column of the model (columns: ${columns.map((c) => c.name).join(', ')})`, { param });
  return j;
}

/** The constraints checked against the form's columns; one-line errors name the column and the constraint. */
export function constraintsOf(columns: FormColumn[], request: Pick<CounterfactualRequest, 'immutable' | 'ranges' | 'directions'>): Constraints {
  const immutable = new Set(request.immutable.map((name) => columnIndex(columns, name, 'immutable')));
  const ranges = new Map<number, [number, number]>();
  for (const [name, [lo, hi]] of Object.entries(request.ranges)) {
    const j = columnIndex(columns, name, 'ranges');
    if (columns[j].kind !== 'number') throw invalidInput(`'${name}' is categorical: a range applies to numeric columns only`, { param: 'ranges' });
    if (!(lo <= hi)) throw invalidInput(`the range of '${name}' is [${lo}, ${hi}]: low must not exceed high`, { param: 'ranges' });
    ranges.set(j, [lo, hi]);
  }
  const directions = new Map<number, 'up' | 'down'>();
  for (const [name, dir] of Object.entries(request.directions)) {
    const j = columnIndex(columns, name, 'directions');
    if (columns[j].kind !== 'number') throw invalidInput(`'${name}' is categorical: up / down applies to numeric columns only`, { param: 'directions' });
    directions.set(j, dir);
  }
  return { immutable, ranges, directions };
}

function changesOf(columns: FormColumn[], x: ArrayLike<number>, v: ArrayLike<number>): Changes {
  const out: Changes = {};
  columns.forEach((c, j) => {
    const same = x[j] === v[j] || (Number.isNaN(x[j]) && Number.isNaN(v[j]));
    if (!same) out[c.name] = [decodeCell(c, x[j]), decodeCell(c, v[j])];
  });
  return out;
}

export function whatIfCounterfactuals(file: PlumbModelFile, columns: FormColumn[], referenceRows: Cell[][], request: CounterfactualRequest): WhatIfCounterfactuals {
  const started = performance.now();
  if (file.task !== 'classification') throw invalidInput('counterfactuals need a classification model; this one is a regressor', { param: 'model' });
  if (referenceRows.length === 0) throw invalidInput('the reference table has no rows', { param: 'reference' });
  const constraints = constraintsOf(columns, request);
  const reference = searchMatrix(columns, referenceRows);
  const x = Float64Array.from(columns, (c) => encodeCell(c, request.row[c.name] ?? null));
  const predict = formPredictor(file, columns);
  const found = counterfactualsForRow(x, reference, predict(reference), predict, constraints, { k: request.k, seed: request.seed }, madScales(reference));
  const label = (code: number) => file.classes[code] ?? String(code);
  return {
    space: file.preprocessing ? 'original' : 'model',
    distance: DISTANCE_NOTE,
    prediction: label(found.prediction),
    nearest: found.nearest ? { row: found.nearest.row, changes: changesOf(columns, x, found.nearest.values), prediction: label(found.nearest.prediction), distance: found.nearest.distance } : null,
    generated: found.generated.map((g) => ({ changes: changesOf(columns, x, g.values), prediction: label(g.prediction), proximity: g.distance, sparsity: g.sparsity, valid: g.valid })),
    referenceRows: referenceRows.length,
    seconds: (performance.now() - started) / 1000,
  };
}
