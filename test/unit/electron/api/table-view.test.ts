// The data grid's sorted and searched views, run in DuckDB against what a plain JS sort/filter of the same rows
// gives: missing values last, ties in table order, search by case-insensitive substring with % and _ as text.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetView, tableViewSql, type PreviewTable } from '../../../../electron/api/table-view.js';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';
import type { TableRef } from '../../../../electron/data/types.js';

let data: PlumbDataSession;
let table: TableRef;
const rows: [number, number | null, string | null][] = [];

beforeAll(async () => {
  data = await openDataSession();
  const words = ['Gentoo', 'adelie', '50%_off', 'chin strap', null];
  for (let i = 0; i < 60; i++) rows.push([i, i % 9 === 4 ? null : (i * 7) % 5, words[i % words.length]]);
  const values = rows.map(([i, v, w]) => `(${i}, ${v ?? 'NULL'}, ${w === null ? 'NULL' : `'${w}'`})`).join(', ');
  table = await data.createTable(`SELECT * FROM (VALUES ${values}) AS t(id, value, word)`, 'view_test');
});
afterAll(() => data.close());

const ids = async (sql: string) => (await data.all(sql)).map((r) => Number(r.id));
const columns = () => data.columns(table);

describe('tableViewSql', () => {
  it('sorts by a column with missing values last and ties in table order, either direction', async () => {
    for (const descending of [false, true]) {
      const expected = [...rows]
        .sort((a, b) => (a[1] === null ? (b[1] === null ? 0 : 1) : b[1] === null ? -1 : descending ? b[1] - a[1] : a[1] - b[1]) || a[0] - b[0])
        .map((r) => r[0]);
      expect(await ids(tableViewSql(table, await columns(), { sort: { column: 'value', descending } }))).toEqual(expected);
    }
  });

  it('keeps the rows where some cell contains the text, ignoring case; % and _ are plain characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('gen', 'ADELIE', '%', '_', '0%_', 'strap', ' ', "'", 'zzz', '4'), async (needle) => {
        const expected = rows.filter((r) => r.some((c) => c !== null && String(c).toLowerCase().includes(needle.toLowerCase().trim()))).map((r) => r[0]);
        expect(await ids(tableViewSql(table, await columns(), { search: needle }))).toEqual(needle.trim() ? expected : rows.map((r) => r[0]));
      }),
      { numRuns: 10 },
    );
  });

  it('reads an output through a view over its Parquet bytes: same rows in the same order, sorted and searched alike', async () => {
    const view: PreviewTable = await parquetView(data, await data.toParquetBytes(table));
    expect(view.parquet).toBeDefined();
    const page = await data.preview(view, { offset: 20, limit: 5, stats: false });
    expect(page.rowCount).toBe(rows.length);
    expect(page.rows).toEqual(rows.slice(20, 25));
    expect(await data.columns(view)).toEqual(await columns());
    for (const request of [{ sort: { column: 'value', descending: false } }, { sort: { column: 'value', descending: true } }, { search: 'ADEL' }, { sort: { column: 'word', descending: true }, search: 'e' }]) {
      const fromView = await data.all(tableViewSql(view, await data.columns(view), request));
      expect(fromView).toEqual(await data.all(tableViewSql(table, await columns(), request)));
      expect(Object.keys(fromView[0])).toEqual(['id', 'value', 'word']);
    }
  });

  it('refuses a column the table does not have, naming it', async () => {
    expect(() => tableViewSql(table, [{ name: 'id', type: 'INTEGER' }], { sort: { column: 'nope"; DROP', descending: false } })).toThrow("cannot sort by 'nope\"; DROP'");
  });
});
