// Frame ↔ model inputs: feature columns as a FeatureMatrix (categorical levels kept, or mapped onto a model's
// levels by their text), the target as a Target (task chosen per SPEC §4), and dropping rows.
import { invalidInput } from '../../../shared/errors.js';
import type { ModelFileEnvelope } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import type { ColumnInfo, Frame, FrameColumn } from '../../data/types.js';
import { resolveColumn, resolveColumns } from '../data/table-columns.js';

export type TaskChoice = 'auto' | 'classification' | 'regression';

/** The target and feature columns a trainer reads, checked against the table (features default to all others). */
export function chooseColumns(columns: readonly ColumnInfo[], target: string, features: readonly string[]): { target: string; features: string[] } {
  const targetColumn = resolveColumn(columns, target, 'target');
  const chosen = features.length
    ? resolveColumns(columns, features, 'features')
    : columns.filter((c) => c !== targetColumn);
  if (chosen.includes(targetColumn)) throw invalidInput(`the target '${targetColumn.name}' cannot also be a feature`, { param: 'features' });
  if (chosen.length === 0) throw invalidInput(`the table has no columns besides the target '${targetColumn.name}'`, { param: 'features' });
  return { target: targetColumn.name, features: chosen.map((c) => c.name) };
}

/** Checks that a table has every column a model reads, naming the missing ones and what is there. */
export function checkModelColumns(columns: readonly ColumnInfo[], needed: readonly string[], what: string): void {
  const have = new Set(columns.map((c) => c.name));
  const missing = needed.filter((n) => !have.has(n));
  if (missing.length) {
    const list = missing.map((n) => `'${n}'`).join(', ');
    throw invalidInput(`the table lacks ${what} ${list}; it has ${columns.map((c) => `'${c.name}'`).join(', ')}`);
  }
}

export function frameColumn(frame: Frame, name: string): FrameColumn {
  const column = frame.columns.find((c) => c.name === name);
  if (!column) throw invalidInput(`no column '${name}' in the table`);
  return column;
}

function codesAsValues(codes: Int32Array): Float64Array {
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? NaN : codes[i];
  return out;
}

/** Training features: numbers as they are, text and booleans as level codes (NaN = missing) with their levels. */
export function tableFeatures(frame: Frame, names: readonly string[]): FeatureMatrix {
  const columns: Float64Array[] = [];
  const levels: (string[] | null)[] = [];
  for (const name of names) {
    const column = frameColumn(frame, name);
    if (column.kind === 'numeric') {
      columns.push(column.values);
      levels.push(null);
    } else {
      columns.push(codesAsValues(column.codes));
      levels.push(column.levels.slice());
    }
  }
  return { nRows: frame.nrows, columns, names: names.slice(), levels };
}

/**
 * The model's features from a table, in the model's order: text is mapped onto the model's levels by value, and
 * a level the model never saw becomes missing (counted per feature in `unseen`).
 */
export function modelFeatures(frame: Frame, model: Pick<ModelFileEnvelope, 'features' | 'feature_levels'>): { X: FeatureMatrix; unseen: Map<string, number> } {
  const columns: Float64Array[] = [];
  const levels: (string[] | null)[] = [];
  const unseen = new Map<string, number>();
  for (const name of model.features) {
    const column = frameColumn(frame, name);
    const modelLevels = model.feature_levels[name];
    if (!modelLevels) {
      if (column.kind !== 'numeric') {
        throw invalidInput(`column '${name}' is ${column.kind === 'boolean' ? 'boolean' : 'text'} here but was numeric when the model was trained`);
      }
      columns.push(column.values);
      levels.push(null);
      continue;
    }
    if (column.kind === 'numeric') {
      throw invalidInput(`column '${name}' is numeric here but was categorical (${describeLevels(modelLevels)}) when the model was trained`);
    }
    const index = new Map(modelLevels.map((level, code) => [level, code]));
    const mapped = column.levels.map((level) => index.get(level) ?? -1);
    const out = new Float64Array(frame.nrows);
    let misses = 0;
    for (let i = 0; i < frame.nrows; i++) {
      const code = column.codes[i];
      if (code < 0) {
        out[i] = NaN;
      } else if (mapped[code] < 0) {
        out[i] = NaN;
        misses++;
      } else {
        out[i] = mapped[code];
      }
    }
    if (misses) unseen.set(name, misses);
    columns.push(out);
    levels.push(modelLevels.slice());
  }
  return { X: { nRows: frame.nrows, columns, names: model.features.slice(), levels }, unseen };
}

function describeLevels(levels: readonly string[]): string {
  const shown = levels.slice(0, 5).map((l) => `'${l}'`).join(', ');
  return levels.length > 5 ? `${shown}, …` : shown;
}

/** "2 values of 'color' (e.g. never seen in training) were treated as missing" for ctx.warn, or null. */
export function unseenLevelsWarning(unseen: Map<string, number>): string | null {
  if (unseen.size === 0) return null;
  const parts = [...unseen].map(([name, n]) => `${n} in '${name}'`);
  return `levels the model never saw were treated as missing: ${parts.join(', ')}`;
}

/** The task for a target column: `auto` follows SPEC §4 (text or boolean → classification, numbers → regression). */
export function resolveTask(column: FrameColumn, task: TaskChoice): 'classification' | 'regression' {
  if (task === 'auto') return column.kind === 'numeric' ? 'regression' : 'classification';
  if (task === 'regression' && column.kind !== 'numeric') {
    throw invalidInput(`target '${column.name}' is ${column.kind === 'boolean' ? 'boolean' : 'text'}, so it cannot be a regression target; use task: classification`, { param: 'task' });
  }
  return task;
}

/** Whole-number targets with this many distinct values or fewer look like class codes (0/1, 1–5 ratings). */
const FEW_CLASSES = 10;

/**
 * `task: auto` keeps SPEC's rule (numbers → regression), but a whole-number target with few distinct values is
 * usually class codes: the warning names the param that changes it. Null when the target does not look like that.
 */
export function fewIntegerClassesHint(column: FrameColumn): string | null {
  if (column.kind !== 'numeric') return null;
  const distinct = new Set<number>();
  for (const v of column.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return null;
    distinct.add(v);
    if (distinct.size > FEW_CLASSES) return null;
  }
  if (distinct.size < 2) return null;
  const shown = [...distinct].sort((a, b) => a - b).map(numberLabel).join(', ');
  return `target '${column.name}' holds only the whole numbers ${shown}, so task: auto trains a regressor; if these are classes, set task: classification`;
}

/** Text form of a numeric class value: whole numbers without a decimal point, like the CSV they came from. */
export function numberLabel(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

/**
 * A target for training. Classes are the values present, sorted (text by code point, numbers numerically, booleans
 * false < true). `keep` lists the rows with a target, in order; the Target covers only those rows.
 */
export function trainingTarget(column: FrameColumn, task: TaskChoice): { y: Target; keep: Int32Array } {
  const resolved = resolveTask(column, task);
  if (resolved === 'regression') {
    const values = (column as Extract<FrameColumn, { kind: 'numeric' }>).values;
    const keep = rowsWhere(values.length, (i) => !Number.isNaN(values[i]));
    return { y: { task: 'regression', values: pick(values, keep) }, keep };
  }
  if (column.kind === 'numeric') {
    const keep = rowsWhere(column.values.length, (i) => !Number.isNaN(column.values[i]));
    const distinct = [...new Set(pick(column.values, keep))].sort((a, b) => a - b);
    const index = new Map(distinct.map((v, k) => [v, k]));
    const codes = new Int32Array(keep.length);
    for (let r = 0; r < keep.length; r++) codes[r] = index.get(column.values[keep[r]])!;
    return { y: { task: 'classification', codes, classes: distinct.map(numberLabel) }, keep };
  }
  const keep = rowsWhere(column.codes.length, (i) => column.codes[i] >= 0);
  const present = new Uint8Array(column.levels.length);
  for (let r = 0; r < keep.length; r++) present[column.codes[keep[r]]] = 1;
  const compact = new Int32Array(column.levels.length).fill(-1);
  const classes: string[] = [];
  column.levels.forEach((level, code) => {
    if (present[code]) {
      compact[code] = classes.length;
      classes.push(level);
    }
  });
  const codes = new Int32Array(keep.length);
  for (let r = 0; r < keep.length; r++) codes[r] = compact[column.codes[keep[r]]];
  return { y: { task: 'classification', codes, classes }, keep };
}

/**
 * The true values for a model's target (evaluation, validation rows): classes are matched to the model's by text.
 * Rows with a missing target are left out (`keep`); rows with a class the model does not know are listed in `unknown`.
 */
export function modelTarget(
  column: FrameColumn,
  model: Pick<ModelFileEnvelope, 'task' | 'classes'>,
): { y: Target; keep: Int32Array; unknown: Map<string, number> } {
  const unknown = new Map<string, number>();
  if (model.task === 'regression') {
    if (column.kind !== 'numeric') {
      throw invalidInput(`target '${column.name}' must be numeric for a regression model, but it is ${column.kind === 'boolean' ? 'boolean' : 'text'}`);
    }
    const keep = rowsWhere(column.values.length, (i) => !Number.isNaN(column.values[i]));
    return { y: { task: 'regression', values: pick(column.values, keep) }, keep, unknown };
  }
  const index = new Map(model.classes.map((c, k) => [c, k]));
  const n = column.kind === 'numeric' ? column.values.length : column.codes.length;
  const labelOf = (i: number): string | null => {
    if (column.kind === 'numeric') return Number.isNaN(column.values[i]) ? null : numberLabel(column.values[i]);
    return column.codes[i] < 0 ? null : column.levels[column.codes[i]];
  };
  const keep = rowsWhere(n, (i) => labelOf(i) !== null);
  const codes = new Int32Array(keep.length);
  for (let r = 0; r < keep.length; r++) {
    const label = labelOf(keep[r])!;
    const code = index.get(label);
    if (code === undefined) unknown.set(label, (unknown.get(label) ?? 0) + 1);
    codes[r] = code ?? -1;
  }
  return { y: { task: 'classification', codes, classes: model.classes.slice() }, keep, unknown };
}

export function rowsWhere(n: number, test: (i: number) => boolean): Int32Array {
  let count = 0;
  for (let i = 0; i < n; i++) if (test(i)) count++;
  const out = new Int32Array(count);
  for (let i = 0, r = 0; i < n; i++) if (test(i)) out[r++] = i;
  return out;
}

export function pick<T extends Float64Array | Int32Array>(values: T, rows: Int32Array): T {
  const out = new (values.constructor as { new (n: number): T })(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = values[rows[r]];
  return out;
}

/** The matrix restricted to `rows` (in that order); returns the same matrix when every row is kept in order. */
export function pickRows(X: FeatureMatrix, rows: Int32Array): FeatureMatrix {
  if (rows.length === X.nRows && rows.every((r, i) => r === i)) return X;
  return { ...X, nRows: rows.length, columns: X.columns.map((c) => pick(c, rows)) };
}

export function pickTarget(y: Target, rows: Int32Array): Target {
  return y.task === 'classification'
    ? { task: 'classification', codes: pick(y.codes, rows), classes: y.classes }
    : { task: 'regression', values: pick(y.values, rows) };
}
