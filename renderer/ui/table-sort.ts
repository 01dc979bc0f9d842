// Sorting and searching the rows of a small in-memory table (drift, metrics, leaderboards, fairness): numbers sort
// as numbers, text in the user's locale, and missing values stay last whichever way the column is sorted.

/** What a cell sorts and searches by; null, undefined, NaN and '' count as missing. */
export type CellValue = number | string | boolean | null | undefined;

export interface SortState {
  column: string;
  descending: boolean;
}

export const isMissing = (v: CellValue): boolean => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Ascending order of two present values: numbers (and booleans, false first) numerically, anything else as text. */
function comparePresent(a: Exclude<CellValue, null | undefined>, b: Exclude<CellValue, null | undefined>): number {
  const na = typeof a === 'boolean' ? Number(a) : a;
  const nb = typeof b === 'boolean' ? Number(b) : b;
  if (typeof na === 'number' && typeof nb === 'number') return na < nb ? -1 : na > nb ? 1 : 0;
  // Mixed kinds: numbers before text, so a column that is mostly numeric still reads in order.
  if (typeof na === 'number') return -1;
  if (typeof nb === 'number') return 1;
  return collator.compare(na, nb);
}

/** `rows` ordered by `value`; missing values last in both directions, ties keep their given order. */
export function sortRows<Row>(rows: readonly Row[], value: (row: Row) => CellValue, descending: boolean): Row[] {
  const keyed = rows.map((row, index) => ({ row, index, v: value(row) }));
  keyed.sort((x, y) => {
    const mx = isMissing(x.v);
    const my = isMissing(y.v);
    if (mx || my) return mx === my ? x.index - y.index : mx ? 1 : -1;
    const c = comparePresent(x.v as Exclude<CellValue, null | undefined>, y.v as Exclude<CellValue, null | undefined>);
    return (descending ? -c : c) || x.index - y.index;
  });
  return keyed.map((k) => k.row);
}

/** The text a search matches a cell against. */
export function cellText(v: CellValue): string {
  return isMissing(v) ? '' : String(v);
}

/**
 * Rows where every word of `query` appears in some cell (case-insensitive). A word written `column:text` only looks
 * in the columns whose label starts with `column`, so "verdict:drift" keeps the drifted rows.
 */
export function searchRows<Row>(rows: readonly Row[], columns: readonly { label: string; value(row: Row): CellValue; searchText?(row: Row): string }[], query: string): Row[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  const texts = (row: Row, cols: typeof columns) => cols.map((c) => (c.searchText ? c.searchText(row) : cellText(c.value(row))).toLowerCase());
  const tests = words.map((word) => {
    const cut = word.indexOf(':');
    const scoped = cut > 0 ? columns.filter((c) => c.label.toLowerCase().startsWith(word.slice(0, cut))) : [];
    return scoped.length > 0 ? { cols: scoped, text: word.slice(cut + 1) } : { cols: columns, text: word };
  });
  return rows.filter((row) => tests.every((t) => texts(row, t.cols).some((cell) => cell.includes(t.text))));
}

/** The sort after clicking a column's header: ascending, then descending, then back to the rows' own order. */
export function cycleSort(current: SortState | null, column: string): SortState | null {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
