// Sorting and searching result tables: numeric order checked against a brute-force reference, missing values last
// in both directions, ties stable, and the search's `column:text` scoping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleSort, searchRows, sortRows, type CellValue } from '../../../../renderer/ui/table-sort.js';

type Row = { name: string; p: CellValue };
const columns = [
  { label: 'column', value: (r: Row) => r.name },
  { label: 'p-value', value: (r: Row) => r.p },
];

describe('sortRows', () => {
  it('sorts numbers as numbers, not as text', () => {
    const rows: Row[] = [10, 9, 100, 2.5, -1].map((p, i) => ({ name: `c${i}`, p }));
    expect(sortRows(rows, (r) => r.p, false).map((r) => r.p)).toEqual([-1, 2.5, 9, 10, 100]);
    expect(sortRows(rows, (r) => r.p, true).map((r) => r.p)).toEqual([100, 10, 9, 2.5, -1]);
  });

  it('keeps missing values last whichever the direction', () => {
    const rows: Row[] = [{ name: 'a', p: null }, { name: 'b', p: 0.2 }, { name: 'c', p: Number.NaN }, { name: 'd', p: 0.1 }, { name: 'e', p: undefined }];
    expect(sortRows(rows, (r) => r.p, false).map((r) => r.name)).toEqual(['d', 'b', 'a', 'c', 'e']);
    expect(sortRows(rows, (r) => r.p, true).map((r) => r.name)).toEqual(['b', 'd', 'a', 'c', 'e']);
  });

  it('orders text naturally (c2 before c10) and ignores case', () => {
    const rows: Row[] = ['c10', 'C2', 'b', 'c1'].map((name) => ({ name, p: 0 }));
    expect(sortRows(rows, (r) => r.name, false).map((r) => r.name)).toEqual(['b', 'c1', 'C2', 'c10']);
  });

  it('matches a brute-force reference on random numeric columns, stable on ties', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), fc.boolean(), (values, descending) => {
        const rows = values.map((p, i) => ({ name: String(i), p }));
        const sorted = sortRows(rows, (r) => r.p, descending);
        const present = rows.filter((r) => r.p !== null);
        // Reference: for each value in order, the rows holding it in their original order; then the missing ones.
        const distinct = [...new Set(present.map((r) => r.p as number))].sort((a, b) => (descending ? b - a : a - b));
        const expected = [...distinct.flatMap((v) => present.filter((r) => r.p === v)), ...rows.filter((r) => r.p === null)];
        expect(sorted.map((r) => r.name)).toEqual(expected.map((r) => r.name));
      }),
    );
  });
});

describe('searchRows', () => {
  const rows: Row[] = [
    { name: 'tenure', p: 0.5 },
    { name: 'contract', p: 0.001 },
    { name: 'monthly_charges', p: null },
  ];

  it('keeps rows where every word appears in some cell, ignoring case', () => {
    expect(searchRows(rows, columns, 'CONTRACT').map((r) => r.name)).toEqual(['contract']);
    expect(searchRows(rows, columns, '0.')).toHaveLength(2);
    expect(searchRows(rows, columns, 'ten 0.5').map((r) => r.name)).toEqual(['tenure']);
    expect(searchRows(rows, columns, 'ten 0.001')).toHaveLength(0);
    expect(searchRows(rows, columns, '   ')).toHaveLength(3);
  });

  it('scopes a `column:text` word to the columns whose label starts with it', () => {
    // "0.001" appears only in the p-value column; "p-value:on" finds nothing although names contain "on".
    expect(searchRows(rows, columns, 'p-value:0.001').map((r) => r.name)).toEqual(['contract']);
    expect(searchRows(rows, columns, 'p-value:on')).toHaveLength(0);
    expect(searchRows(rows, columns, 'column:on').map((r) => r.name)).toEqual(['contract', 'monthly_charges']);
    // An unknown column prefix is searched as plain text.
    expect(searchRows(rows, columns, 'zzz:1')).toHaveLength(0);
  });
});

describe('cycleSort', () => {
  it('goes ascending, descending, then back to the given order; another column starts ascending', () => {
    const first = cycleSort(null, 'p');
    expect(first).toEqual({ column: 'p', descending: false });
    const second = cycleSort(first, 'p');
    expect(second).toEqual({ column: 'p', descending: true });
    expect(cycleSort(second, 'p')).toBeNull();
    expect(cycleSort(second, 'name')).toEqual({ column: 'name', descending: false });
  });
});
