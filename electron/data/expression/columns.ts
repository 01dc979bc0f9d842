// Columns as the expression language and the table nodes see them: kind of values, lookup by name,
// and the "unknown column" message that lists what is available.
import type { ColumnInfo } from '../types.js';

export { columnKind, findColumn, type ColumnKind } from '../../../shared/catalog/data/table-schema.js';

/** FLOAT and DOUBLE can hold NaN, which the table nodes treat as missing like NULL. */
export function isFloating(duckdbType: string): boolean {
  return /^(FLOAT|REAL|DOUBLE|FLOAT[48])$/i.test(duckdbType.trim());
}

/** "unknown column 'agee' (did you mean 'age'?); available: 'id', 'age', 'species'" */
export function unknownColumnMessage(name: string, columns: readonly ColumnInfo[]): string {
  const names = columns.map((c) => c.name);
  const close = names
    .map((n) => ({ n, d: editDistance(n.toLowerCase(), name.toLowerCase()) }))
    // Short names are one edit away from many others; only suggest for names of three characters or more.
    .filter(({ d }) => d <= Math.floor((name.length + 1) / 4))
    .sort((a, b) => a.d - b.d)[0];
  const hint = close ? ` (did you mean '${close.n}'?)` : '';
  const shown = names.length > 40 ? [...names.slice(0, 40), `… (${names.length - 40} more)`] : names;
  const shownName = name.length > 40 ? `${name.slice(0, 40)}… (${name.length} characters)` : name;
  return `unknown column '${shownName}'${hint}; available: ${shown.map((n) => `'${n}'`).join(', ')}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
