// The columns the what-if form and its counterfactual search work in: a model's original (pre-chain) input columns
// when its file stores a preprocessing chain (SPEC §5), else its own features. Rows of a table holding the model's
// columns are brought back to the original ones by undoing the chain (select renames, scaling, encoding, and
// imputation where an indicator says the value was missing).
import { invalidInput } from '../../shared/errors.js';
import type { FormColumn } from '../../shared/api/what-if.js';
import type { PlumbModelFile } from '../ml/model-file.js';
import { inputSignature, readCell, type PreprocessingChain, type RawValue } from '../ml/preprocessing/index.js';

export type Cell = RawValue;

/** What the form needs of a model file. */
export type ChainedModel = Pick<PlumbModelFile, 'features' | 'feature_levels' | 'preprocessing'>;

/** The form's columns; numbers get integer/min/max from `rows` (the table shown), categories their training levels. */
export function formColumns(file: ChainedModel): FormColumn[] {
  return inputSignature(file).map((c): FormColumn => {
    if (c.kind === 'number') return { name: c.name, kind: 'number', type: c.type };
    const categories = c.categories ?? (c.kind === 'boolean' ? ['false', 'true'] : []);
    return { name: c.name, kind: 'category', type: c.type, categories: categories.slice() };
  });
}

/** Adds what the rows show of each numeric column: its range and whether every value is whole. */
export function withRanges(columns: FormColumn[], rows: Cell[][]): FormColumn[] {
  return columns.map((c, j) => {
    if (c.kind !== 'number') {
      // text columns the chain does not encode have no training levels: offer the values seen
      if (c.categories && c.categories.length > 0) return c;
      const seen = [...new Set(rows.map((r) => r[j]).filter((v) => v !== null).map(String))].sort();
      return { ...c, categories: seen };
    }
    let min = Infinity;
    let max = -Infinity;
    let integer = true;
    for (const r of rows) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
      integer &&= Number.isInteger(v);
    }
    return Number.isFinite(min) ? { ...c, min, max, integer } : c;
  });
}

type Cells = Map<string, Cell[]>;

// Undoing (x − c) / s leaves float noise (0.30000000000000004): 12 significant digits are what the data had.
const tidy = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(12)) : x);

/** The chain's input columns from a table of its output columns (values a step cannot undo stay as they are). */
export function undoChain(chain: PreprocessingChain, cells: Cells): Cells {
  let out = new Map(cells);
  for (let s = chain.steps.length - 1; s >= 0; s--) {
    const step = chain.steps[s];
    const before: Cells = new Map(out);
    if (step.kind === 'select') {
      for (const { to } of step.columns) before.delete(to);
      for (const { from, to } of step.columns) if (out.has(to)) before.set(from, out.get(to)!);
    } else if (step.kind === 'scale') {
      for (const sc of step.scalings) {
        const values = out.get(sc.column);
        if (!values) continue;
        before.set(sc.column, values.map((v) => (typeof v !== 'number' ? v : tidy('center' in sc ? v * sc.scale + sc.center : (v - sc.offset) / sc.multiply))));
      }
    } else if (step.kind === 'encode') {
      for (const { column, levels, outputs } of step.columns) {
        if (step.method === 'onehot') {
          const parts = outputs.map((o) => ({ level: o.level, values: out.get(o.name) }));
          if (parts.some((p) => !p.values)) continue;
          const n = parts[0]?.values?.length ?? 0;
          before.set(column, Array.from({ length: n }, (_, i) => parts.find((p) => Number(p.values![i]) === 1)?.level ?? null));
          for (const o of outputs) before.delete(o.name);
        } else {
          const values = out.get(column);
          if (values) before.set(column, values.map((v) => (typeof v === 'number' ? (levels[v] ?? null) : null)));
        }
      }
    } else {
      for (const column of step.indicators) {
        const flags = out.get(`${column}_missing`);
        const values = before.get(column);
        if (flags && values) before.set(column, values.map((v, i) => (Number(flags[i]) === 1 ? null : v)));
        before.delete(`${column}_missing`);
      }
    }
    out = before;
  }
  return out;
}

/**
 * A table's rows in the form's columns: taken as they are when the table has every form column, else (a model with
 * a chain) by undoing the chain on the model's columns. Cells are read as the form column's type.
 */
export function rowsInForm(file: ChainedModel, columns: FormColumn[], table: { columns: { name: string }[]; rows: Cell[][] }): Cell[][] {
  const index = new Map(table.columns.map((c, j) => [c.name, j]));
  const read = (column: FormColumn, v: Cell): Cell => {
    if (v === null) return null;
    try {
      const typed = readCell(v, column.kind === 'number' ? column.type : 'VARCHAR', column.name);
      return typeof typed === 'boolean' ? String(typed) : typed;
    } catch {
      return null;
    }
  };
  const chain = file.preprocessing;
  const hasFeatures = file.features.every((f) => index.has(f));
  // A table holding the model's features is the chain's output (scaled values keep their names): undo the chain.
  if (!(chain && chain.steps.length > 0 && hasFeatures)) {
    if (columns.every((c) => index.has(c.name))) return table.rows.map((r) => columns.map((c) => read(c, r[index.get(c.name)!])));
    const lacking = columns.filter((c) => !index.has(c.name)).map((c) => c.name);
    const missing = file.features.filter((f) => !index.has(f));
    throw invalidInput(`the table has neither the model's input columns (it lacks ${lacking.slice(0, 5).join(', ')}) nor its features (it lacks ${missing.slice(0, 5).join(', ')})`, { param: 'data' });
  }
  const lastColumns = chain.steps.at(-1)!.output.map((c) => c.name);
  const cells: Cells = new Map(lastColumns.filter((name) => index.has(name)).map((name) => [name, table.rows.map((r) => r[index.get(name)!])]));
  const undone = undoChain(chain, cells);
  return table.rows.map((_, i) => columns.map((c) => read(c, undone.get(c.name)?.[i] ?? null)));
}
