// Test helpers: FeatureMatrix values from JSON fixtures (null = missing) and from plain rows.

import type { FeatureMatrix } from '../../../../electron/ml/types.js';

export interface MatrixJson {
  nRows: number;
  columns: (number | null)[][];
  names: string[];
  levels: (string[] | null)[];
}

export function fromJson(m: MatrixJson): FeatureMatrix {
  return {
    nRows: m.nRows,
    columns: m.columns.map((c) => Float64Array.from(c, (v) => (v === null ? NaN : v))),
    names: m.names.slice(),
    levels: m.levels.map((l) => (l ? l.slice() : null)),
  };
}

/** Numeric features from rows; `levels` marks categorical columns (values are level codes). */
export function fromRows(rows: number[][], levels?: (string[] | null)[]): FeatureMatrix {
  const p = rows.length ? rows[0].length : levels?.length ?? 0;
  return {
    nRows: rows.length,
    columns: Array.from({ length: p }, (_, j) => Float64Array.from(rows, (r) => r[j])),
    names: Array.from({ length: p }, (_, j) => `x${j + 1}`),
    levels: levels ?? new Array(p).fill(null),
  };
}
