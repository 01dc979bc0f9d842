// Applies a fitted preprocessing chain to raw rows, cell by cell exactly as the nodes' SQL does (coalesce for
// impute, text comparison for encode, (x − center) / scale for scale, renaming for select), so rows in the
// original columns become the model's input columns. Pure: no DuckDB.
import { invalidInput } from '../../../shared/errors.js';
import { requiredInputs } from './signature.js';
import type { ColumnSpec, EncodeStep, ImputeStep, PreprocessingChain, PreprocessingStep, RawColumns, RawValue, ScaleStep, SelectStep } from './types.js';
import { readCell, textForm } from './values.js';

/** Columns after the chain: their specs in table order and their cells (missing = null). */
export interface TypedColumns {
  nrows: number;
  specs: ColumnSpec[];
  columns: Record<string, RawValue[]>;
}

type Cells = Map<string, RawValue[]>;

/**
 * The chain applied to `raw`. Raw columns are matched by name (exactly, else one case-insensitive match, as DuckDB
 * does) and read as their training type; extra columns are ignored. A column the chain needs for `features`
 * (default: every output column) that `raw` lacks is an invalid_input error; other absent columns are skipped.
 */
export function applyPreprocessing(chain: PreprocessingChain, raw: RawColumns, features?: readonly string[]): TypedColumns {
  const wanted = features ?? chain.steps.at(-1)?.output.map((c) => c.name) ?? chain.input.map((c) => c.name);
  const required = new Set(requiredInputs(chain, wanted));
  let cells: Cells = new Map();
  for (const spec of chain.input) {
    const source = findRaw(raw, spec.name);
    if (source === undefined) {
      if (required.has(spec.name)) throw invalidInput(`the input has no column '${spec.name}', which the model reads`);
      continue;
    }
    if (source.length !== raw.nrows) throw invalidInput(`column '${spec.name}' has ${source.length} values, expected ${raw.nrows}`);
    cells.set(spec.name, source.map((v) => readCell(v, spec.type, spec.name)));
  }
  let specs = chain.input;
  for (const step of chain.steps) {
    cells = applyStep(step, cells, specs, raw.nrows);
    specs = step.output;
  }
  const present = specs.filter((s) => cells.has(s.name));
  return { nrows: raw.nrows, specs: present, columns: Object.fromEntries(present.map((s) => [s.name, cells.get(s.name)!])) };
}

function findRaw(raw: RawColumns, name: string): readonly RawValue[] | undefined {
  if (Object.hasOwn(raw.columns, name)) return raw.columns[name];
  const folded = Object.keys(raw.columns).filter((k) => k.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? raw.columns[folded[0]] : undefined;
}

function applyStep(step: PreprocessingStep, cells: Cells, specs: readonly ColumnSpec[], n: number): Cells {
  switch (step.kind) {
    case 'impute':
      return impute(step, cells);
    case 'encode':
      return encode(step, cells, specs, n);
    case 'scale':
      return scale(step, cells);
    case 'select':
      return select(step, cells);
  }
}

function impute(step: ImputeStep, cells: Cells): Cells {
  const out = new Map(cells);
  // Indicators read the values before filling.
  for (const column of step.indicators) {
    const values = cells.get(column);
    if (values) out.set(`${column}_missing`, values.map((v) => (v === null ? 1 : 0)));
  }
  for (const { column, value } of step.fills) {
    const values = cells.get(column);
    if (values) out.set(column, values.map((v) => (v === null ? value : v)));
  }
  return out;
}

function encode(step: EncodeStep, cells: Cells, specs: readonly ColumnSpec[], n: number): Cells {
  const out = new Map(cells);
  const typeOf = new Map(specs.map((s) => [s.name, s.type]));
  for (const { column, levels, outputs } of step.columns) {
    const values = cells.get(column);
    if (!values) continue;
    const type = typeOf.get(column) ?? 'VARCHAR';
    const texts = values.map((v) => (v === null ? null : textForm(v, type)));
    out.delete(column);
    if (step.method === 'onehot') {
      for (const { level, name } of outputs) out.set(name, texts.map((t) => (t === level ? 1 : 0)));
    } else {
      const code = new Map(levels.map((level, i) => [level, i]));
      out.set(column, levels.length ? texts.map((t) => (t === null ? null : (code.get(t) ?? null))) : new Array<RawValue>(n).fill(null));
    }
  }
  return out;
}

function scale(step: ScaleStep, cells: Cells): Cells {
  const out = new Map(cells);
  for (const s of step.scalings) {
    const values = cells.get(s.column);
    if (!values) continue;
    out.set(
      s.column,
      values.map((v) => {
        if (v === null) return null;
        const x = Number(v);
        return 'center' in s ? (x - s.center) / s.scale : x * s.multiply + s.offset;
      }),
    );
  }
  return out;
}

function select(step: SelectStep, cells: Cells): Cells {
  const out: Cells = new Map();
  for (const { from, to } of step.columns) {
    const values = cells.get(from);
    if (values) out.set(to, values);
  }
  return out;
}
