import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';
import type { Frame, FrameColumn } from '../../../../electron/data/types.js';

let data: PlumbDataSession;
beforeAll(async () => {
  data = await openDataSession({ threads: 2 });
});
afterAll(async () => {
  await data.close();
});

function column(frame: Frame, name: string): FrameColumn {
  const c = frame.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}
const numeric = (frame: Frame, name: string) => {
  const c = column(frame, name);
  if (c.kind !== 'numeric') throw new Error(`${name} is ${c.kind}`);
  return Array.from(c.values);
};

describe('DataSession basics', () => {
  it('creates tables with safe generated names and reports columns and row count', async () => {
    const t = await data.createTable(`SELECT range AS i, 'x' || range AS s FROM range(5)`, 'My Table!');
    expect(t.table).toMatch(/^t_my_table_\d+$/);
    expect(await data.columns(t)).toEqual([
      { name: 'i', type: 'BIGINT' },
      { name: 's', type: 'VARCHAR' },
    ]);
    expect(await data.rowCount(t)).toBe(5);
  });

  it('all() returns plain objects: safe BIGINTs as numbers, huge ones as strings, DECIMAL as number', async () => {
    const rows = await data.all(
      `SELECT 42::BIGINT AS small, 9007199254740993::BIGINT AS big, 1.25::DECIMAL(6,2) AS d, $1::VARCHAR AS p`,
      ['hello'],
    );
    expect(rows).toEqual([{ small: 42, big: '9007199254740993', d: 1.25, p: 'hello' }]);
  });

  it('runs one operation at a time even when called concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => data.createTable(`SELECT ${i} AS v FROM range(1000)`, `c${i}`)),
    );
    const counts = await Promise.all(results.map((t) => data.all(`SELECT sum(v) AS s FROM ${t.table}`)));
    expect(counts.map((r) => r[0].s)).toEqual(Array.from({ length: 8 }, (_, i) => i * 1000));
  });
});

describe('toFrame', () => {
  it('maps numbers, text, booleans, dates and timestamps to typed columns with missing as NaN / -1', async () => {
    const t = await data.createTable(
      `SELECT * FROM (VALUES
        (1::TINYINT, 10::BIGINT, 1.5::DECIMAL(5,2), 2.5::FLOAT, 'b', true, DATE '1970-01-02', TIMESTAMP '1970-01-01 00:01:00.5', 'x'::ENUM('z', 'x')),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (-3, -20, -0.25, -1, 'a', false, DATE '1969-12-31', TIMESTAMP '1970-01-01 00:00:00', 'z')
      ) v(ti, bi, de, fl, s, b, d, ts, e)`,
      'mixed',
    );
    const frame = await data.toFrame(t);
    expect(frame.nrows).toBe(3);
    expect(numeric(frame, 'ti')).toEqual([1, NaN, -3]);
    expect(numeric(frame, 'bi')).toEqual([10, NaN, -20]);
    expect(numeric(frame, 'de')).toEqual([1.5, NaN, -0.25]);
    expect(numeric(frame, 'fl')).toEqual([2.5, NaN, -1]);
    expect(numeric(frame, 'd')).toEqual([86400, NaN, -86400]);
    expect(numeric(frame, 'ts')).toEqual([60.5, NaN, 0]);
    expect(column(frame, 's')).toEqual({ name: 's', kind: 'categorical', codes: Int32Array.from([1, -1, 0]), levels: ['a', 'b'] });
    expect(column(frame, 'b')).toEqual({ name: 'b', kind: 'boolean', codes: Int32Array.from([1, -1, 0]), levels: ['false', 'true'] });
    // ENUM levels are re-sorted, not kept in declaration order
    expect(column(frame, 'e')).toEqual({ name: 'e', kind: 'categorical', codes: Int32Array.from([0, -1, 1]), levels: ['x', 'z'] });
  });

  it('returns only the requested columns, in the requested order, and names an unknown one', async () => {
    const t = await data.createTable(`SELECT 1 AS a, 2 AS b, 3 AS "we""ird col"`, 'pick');
    const frame = await data.toFrame(t, ['we"ird col', 'a']);
    expect(frame.columns.map((c) => c.name)).toEqual(['we"ird col', 'a']);
    expect(numeric(frame, 'we"ird col')).toEqual([3]);
    await expect(data.toFrame(t, ['nope'])).rejects.toMatchObject({ kind: 'invalid_input', message: expect.stringMatching(/no column 'nope'/) });
  });

  it('reads many chunks in row order, including constant and all-missing columns', async () => {
    const n = 10_000 + 7; // several 2048-row chunks plus a partial one
    const t = await data.createTable(
      `SELECT range AS i, (range * 0.5)::DOUBLE AS half, 'k' || (range % 13) AS k, 1.0 AS one,
              NULL::VARCHAR AS nothing, CASE WHEN range % 3 = 0 THEN NULL ELSE range % 2 = 0 END AS even
       FROM range(${n})`,
      'big',
    );
    const frame = await data.toFrame(t);
    expect(frame.nrows).toBe(n);
    const i = column(frame, 'i');
    const half = column(frame, 'half');
    const k = column(frame, 'k');
    const one = column(frame, 'one');
    const nothing = column(frame, 'nothing');
    const even = column(frame, 'even');
    if (i.kind !== 'numeric' || half.kind !== 'numeric' || one.kind !== 'numeric') throw new Error('kinds');
    if (k.kind !== 'categorical' || nothing.kind !== 'categorical' || even.kind !== 'boolean') throw new Error('kinds');
    const expectedLevels = Array.from({ length: 13 }, (_, r) => `k${r}`).sort();
    expect(k.levels).toEqual(expectedLevels);
    expect(nothing.levels).toEqual([]);
    for (let r = 0; r < n; r++) {
      if (i.values[r] !== r || half.values[r] !== r * 0.5 || one.values[r] !== 1) throw new Error(`numeric row ${r}`);
      if (k.levels[k.codes[r]] !== `k${r % 13}`) throw new Error(`categorical row ${r}`);
      if (nothing.codes[r] !== -1) throw new Error(`missing row ${r}`);
      if (even.codes[r] !== (r % 3 === 0 ? -1 : r % 2 === 0 ? 1 : 0)) throw new Error(`boolean row ${r}`);
    }
  });

  it('sorts levels by code point, with DuckDB and JS agreeing on BMP text', async () => {
    const words = ['Zebra', 'apple', 'Äpfel', 'éclair', 'banana', '10', '9', '', 'a b', '日本'];
    const t = await data.createTable(
      `SELECT unnest([${words.map((w) => `'${w}'`).join(', ')}]) AS w`,
      'sorting',
    );
    const frame = await data.toFrame(t);
    const w = frame.columns[0];
    if (w.kind !== 'categorical') throw new Error('kind');
    expect(w.levels).toEqual([...words].sort());
    expect(Array.from(w.codes, (c) => w.levels[c])).toEqual(words);
  });

  it('handles an empty table', async () => {
    const t = await data.createTable(`SELECT 1.0 AS x, 'a' AS s WHERE false`, 'empty');
    const frame = await data.toFrame(t);
    expect(frame.nrows).toBe(0);
    expect(frame.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical']);
  });
});

describe('fromFrame', () => {
  it('writes NaN / -1 as NULL and round-trips through toFrame', async () => {
    const n = 5000;
    const values = Float64Array.from({ length: n }, (_, r) => (r % 7 === 0 ? NaN : r / 3));
    const codes = Int32Array.from({ length: n }, (_, r) => (r % 5 === 0 ? -1 : r % 3));
    const flags = Int32Array.from({ length: n }, (_, r) => (r % 11 === 0 ? -1 : r % 2));
    const frame: Frame = {
      nrows: n,
      columns: [
        { name: 'x"quoted', kind: 'numeric', values },
        { name: 'cat', kind: 'categorical', codes, levels: ['lo', 'mid', 'zz top'] },
        { name: 'flag', kind: 'boolean', codes: flags, levels: ['false', 'true'] },
      ],
    };
    const t = await data.fromFrame(frame, 'roundtrip');
    expect(await data.columns(t)).toEqual([
      { name: 'x"quoted', type: 'DOUBLE' },
      { name: 'cat', type: 'VARCHAR' },
      { name: 'flag', type: 'BOOLEAN' },
    ]);
    const [counts] = await data.all(
      `SELECT count(*) - count("x""quoted") AS nx, count(*) - count(cat) AS nc, count(*) - count(flag) AS nf FROM ${t.table}`,
    );
    expect(counts).toEqual({
      nx: values.filter(Number.isNaN).length,
      nc: codes.filter((c) => c < 0).length,
      nf: flags.filter((c) => c < 0).length,
    });
    const back = await data.toFrame(t);
    expect(back).toEqual(frame);
  });

  it('refuses codes beyond the levels and columns of the wrong length', async () => {
    await expect(
      data.fromFrame({ nrows: 1, columns: [{ name: 'c', kind: 'categorical', codes: Int32Array.from([2]), levels: ['a'] }] }, 'bad'),
    ).rejects.toThrow(/beyond/);
    await expect(
      data.fromFrame({ nrows: 2, columns: [{ name: 'x', kind: 'numeric', values: new Float64Array(1) }] }, 'bad'),
    ).rejects.toThrow(/1 rows, expected 2/);
  });
});

describe('interrupt', () => {
  it('turns an interrupted query into a cancelled error and keeps the session usable', async () => {
    const slow = data.createTable(`SELECT sum(a.range * b.range) AS s FROM range(200000) a, range(200000) b`, 'slow');
    setTimeout(() => data.interrupt(), 200);
    await expect(slow).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await data.all('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
