// A served model's input signature (the original columns when the model file stores its preprocessing chain,
// else its feature columns; numeric or categorical with training levels) as a zod schema built once per model,
// and the request table → FeatureMatrix step: a 400 names the column and what is wrong; a category the model
// never saw is treated as training did (missing, or no one-hot column) and reported as a warning.
import { z } from 'zod';
import { isPlumbError } from '../../shared/errors.js';
import type { PlumbModelFile } from '../ml/model-file.js';
import { inputSignature as rawSignature, rawFeatureMatrix, type RawValue } from '../ml/preprocessing/index.js';
import type { FeatureMatrix } from '../ml/types.js';
import { badRequest } from './http-error.js';
import type { Cell, RequestTable } from './request-body.js';

export interface InputColumn {
  name: string;
  type: 'numeric' | 'categorical';
  levels?: string[];
}

export interface InputSignature {
  columns: InputColumn[];
  /** Checks a request table and encodes it as the model reads it. */
  encode(table: RequestTable, source: 'json' | 'csv'): { X: FeatureMatrix; warnings: string[]; cells: Record<string, Cell[]> };
  /**
   * The request path's shortcut for rows given as JSON objects: the matrix when every row is an object holding
   * each column as a value of the column's type (a number or null; a training category or null), which is then
   * exactly what `encode` makes of them, without warnings; undefined for anything else (a model with a stored
   * chain, a list row, a missing or mistyped value, an unseen category), which `encode` checks and words.
   * `reuse`: one row goes into a matrix this signature keeps, valid until the next call (synchronous use only).
   */
  encodeObjects(rows: readonly unknown[], reuse: boolean): FeatureMatrix | undefined;
}

const numericCells = z.array(z.number().nullable());
const categoricalCells = z.array(z.union([z.string(), z.boolean()]).nullable());

const describe = (v: unknown): string =>
  v === undefined ? 'nothing' : typeof v === 'string' ? `text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : `${typeof v} ${JSON.stringify(v)}`;

/** The columns a request carries: the chain's original columns (when the file has a chain), else the features. */
function signatureColumns(file: PlumbModelFile): InputColumn[] {
  if (file.preprocessing && file.preprocessing.steps.length > 0) {
    return rawSignature(file).map((c) => (c.kind === 'number' ? { name: c.name, type: 'numeric' } : { name: c.name, type: 'categorical', levels: c.categories ?? [] }));
  }
  return file.features.map((name) =>
    Object.hasOwn(file.feature_levels, name) ? { name, type: 'categorical', levels: file.feature_levels[name] } : { name, type: 'numeric' },
  );
}

/** Through the stored chain: its own reading of values, encodings and unknown categories, as model.predict does. */
function chainFeatures(file: PlumbModelFile, columns: readonly InputColumn[], cells: Record<string, Cell[]>, nRows: number) {
  const raw = Object.create(null) as Record<string, RawValue[]>;
  for (const c of columns) raw[c.name] = cells[c.name].map((v) => v ?? null);
  try {
    return rawFeatureMatrix(file, { nrows: nRows, columns: raw }).X;
  } catch (e) {
    if (isPlumbError(e) && e.kind === 'invalid_input') throw badRequest(e.message);
    throw e;
  }
}

export function inputSignature(file: PlumbModelFile): InputSignature {
  const columns = signatureColumns(file);
  const chained = file.preprocessing !== undefined && file.preprocessing.steps.length > 0;
  const schema = z.object(Object.fromEntries(columns.map((c) => [c.name, c.type === 'numeric' ? numericCells : categoricalCells])));
  const codes = new Map(columns.filter((c) => c.levels).map((c) => [c.name, new Map(c.levels!.map((l, k) => [l, k]))]));

  const direct = columns.map((c) => ({
    name: c.name,
    numeric: c.type === 'numeric',
    codes: codes.get(c.name),
    // `row[name]` would find Object.prototype's members (toString, constructor): check own properties for these.
    inherited: c.name in Object.prototype,
  }));
  const levelsOf = columns.map((c) => (c.type === 'numeric' ? null : c.levels!.slice()));
  const single: FeatureMatrix = { nRows: 1, columns: columns.map(() => new Float64Array(1)), names: file.features.slice(), levels: levelsOf };

  return {
    columns,
    encodeObjects(rows, reuse) {
      if (chained) return undefined;
      const n = rows.length;
      if (n === 0) return undefined;
      for (let i = 0; i < n; i++) {
        const row = rows[i];
        if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
      }
      const X: FeatureMatrix =
        reuse && n === 1 ? single : { nRows: n, columns: columns.map(() => new Float64Array(n)), names: file.features.slice(), levels: levelsOf.map((l) => l && l.slice()) };
      for (let j = 0; j < direct.length; j++) {
        const c = direct[j];
        const out = X.columns[j];
        for (let i = 0; i < n; i++) {
          const row = rows[i] as Record<string, unknown>;
          const v = c.inherited && !Object.hasOwn(row, c.name) ? undefined : row[c.name];
          if (v === null) out[i] = NaN;
          else if (c.numeric) {
            if (typeof v !== 'number') return undefined;
            out[i] = v;
          } else {
            const code = typeof v === 'string' ? c.codes!.get(v) : undefined;
            if (code === undefined) return undefined;
            out[i] = code;
          }
        }
      }
      return X;
    },
    encode(table, source) {
      const cells: Record<string, Cell[]> = source === 'csv' ? csvNumbers(table.columns, columns) : table.columns;
      // The zod schema words the error; a hand check of the same rules keeps it off the hot path.
      if (!cellsMatch(cells, columns, table.nRows)) {
        const checked = schema.safeParse(cells);
        if (!checked.success) throw signatureError(checked.error, cells, columns);
      }
      const warnings: string[] = [];
      if (chained) {
        for (const c of columns) {
          if (!c.levels || c.levels.length === 0) continue;
          const known = new Set(c.levels);
          const unseen = cells[c.name].filter((v) => v !== null && v !== undefined && !known.has(String(v)));
          if (unseen.length) {
            const shown = [...new Set(unseen.map(String))].slice(0, 5).map((u) => `'${u}'`).join(', ');
            warnings.push(`column '${c.name}': ${unseen.length} value${unseen.length === 1 ? '' : 's'} the model never saw in training (${shown}) treated as the training preprocessing treats them`);
          }
        }
        return { X: chainFeatures(file, columns, cells, table.nRows), warnings, cells };
      }
      const X: FeatureMatrix = { nRows: table.nRows, columns: [], names: file.features.slice(), levels: [] };
      for (const column of columns) {
        const values = cells[column.name];
        const out = new Float64Array(table.nRows);
        if (column.type === 'numeric') {
          for (let i = 0; i < out.length; i++) out[i] = values[i] === null || values[i] === undefined ? NaN : (values[i] as number);
          X.levels.push(null);
        } else {
          const index = codes.get(column.name)!;
          const unseen = new Set<string>();
          let misses = 0;
          for (let i = 0; i < out.length; i++) {
            const v = values[i];
            if (v === null || v === undefined) {
              out[i] = NaN;
              continue;
            }
            const code = index.get(String(v));
            if (code === undefined) {
              out[i] = NaN;
              misses++;
              if (unseen.size < 5) unseen.add(String(v));
            } else out[i] = code;
          }
          if (misses) {
            warnings.push(
              `column '${column.name}': ${misses} value${misses === 1 ? '' : 's'} the model never saw in training (${[...unseen].map((u) => `'${u}'`).join(', ')}) treated as missing`,
            );
          }
          X.levels.push(column.levels!.slice());
        }
        X.columns.push(out);
      }
      return { X, warnings, cells };
    },
  };
}

/** Exactly what `schema` accepts for the model's columns (every row present), without building issues. */
function cellsMatch(cells: Record<string, Cell[]>, columns: readonly InputColumn[], nRows: number): boolean {
  for (const c of columns) {
    const values = cells[c.name];
    if (values === undefined || values.length !== nRows) return false;
    if (c.type === 'numeric') {
      for (let i = 0; i < nRows; i++) if (values[i] !== null && typeof values[i] !== 'number') return false;
    } else {
      for (let i = 0; i < nRows; i++) {
        const v = values[i];
        if (v !== null && typeof v !== 'string' && typeof v !== 'boolean') return false;
      }
    }
  }
  return true;
}

/** CSV cells are text: numeric columns read numbers (a cell that is not one stays text, for the error). */
function csvNumbers(table: Record<string, Cell[]>, columns: readonly InputColumn[]): Record<string, Cell[]> {
  const out: Record<string, Cell[]> = Object.assign(Object.create(null) as Record<string, Cell[]>, table);
  for (const c of columns) {
    const cells = table[c.name];
    if (c.type !== 'numeric' || !cells) continue;
    out[c.name] = cells.map((v) => {
      if (typeof v !== 'string') return v;
      const n = Number(v.trim());
      return v.trim() !== '' && Number.isFinite(n) ? n : v;
    });
  }
  return out;
}

function signatureError(error: z.ZodError, cells: Record<string, Cell[]>, columns: readonly InputColumn[]): Error {
  const issue = error.issues[0];
  const name = String(issue.path[0]);
  const column = columns.find((c) => c.name === name)!;
  const values = cells[name];
  if (values === undefined) {
    const missing = columns.filter((c) => cells[c.name] === undefined).map((c) => `'${c.name}'`);
    return badRequest(`missing column ${missing.join(', ')}: the model reads ${columns.map((c) => c.name).join(', ')}`);
  }
  const row = typeof issue.path[1] === 'number' ? issue.path[1] : values.findIndex((v) => v === undefined);
  const value = row >= 0 ? values[row] : undefined;
  if (value === undefined) return badRequest(`column '${name}' has no value in row ${row}`);
  const expected = column.type === 'numeric' ? 'a number (or null for missing)' : `text, one of the training categories (${describeLevels(column.levels!)})`;
  return badRequest(`column '${name}', row ${row}: expected ${expected}, got ${describe(value)}`);
}

function describeLevels(levels: readonly string[]): string {
  const shown = levels.slice(0, 5).map((l) => `'${l}'`).join(', ');
  return levels.length > 5 ? `${shown}, …` : shown;
}
