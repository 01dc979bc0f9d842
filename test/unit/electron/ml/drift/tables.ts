// Building drift tables in tests: numeric columns from numbers, categorical columns from strings (with
// levels in any order, so alignment by text is exercised).
import type { DriftColumn, DriftTable } from '../../../../../electron/ml/drift/types.js';

export function numeric(name: string, values: ArrayLike<number>): DriftColumn {
  return { name, kind: 'numeric', values: Float64Array.from(values) };
}

/** `null` is a missing value; `levels` defaults to the sorted distinct values. */
export function categorical(name: string, values: readonly (string | null)[], levels?: readonly string[]): DriftColumn {
  const lv = levels ?? [...new Set(values.filter((v): v is string => v !== null))].sort();
  const index = new Map(lv.map((l, i) => [l, i]));
  return { name, kind: 'categorical', levels: lv, codes: Int32Array.from(values, (v) => (v === null ? -1 : (index.get(v) as number))) };
}

export function table(...columns: DriftColumn[]): DriftTable {
  const first = columns[0];
  const nrows = !first ? 0 : first.kind === 'numeric' ? first.values.length : first.codes.length;
  return { nrows, columns };
}
