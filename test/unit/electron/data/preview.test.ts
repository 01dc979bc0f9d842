import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';
import type { ColumnStats } from '../../../../electron/data/types.js';
import { EXACT_DISTINCT_MAX_ROWS } from '../../../../electron/data/preview.js';

let data: PlumbDataSession;
beforeAll(async () => {
  data = await openDataSession({ threads: 1 });
});
afterAll(async () => {
  await data.close();
});

const byName = (stats: ColumnStats[] | undefined, name: string) => {
  const s = stats?.find((c) => c.name === name);
  if (!s) throw new Error(`no stats for ${name}`);
  return s;
};

describe('preview', () => {
  it('pages rows as JSON-safe arrays', async () => {
    const t = await data.createTable(
      `SELECT range AS i, 'r' || range AS s, range % 2 = 0 AS even, DATE '2024-01-01' + range::INTEGER AS d,
              CASE WHEN range = 3 THEN NULL ELSE range / 4 END AS q
       FROM range(10)`,
      'paged',
    );
    const page = await data.preview(t, { offset: 2, limit: 3, stats: false });
    expect(page.rowCount).toBe(10);
    expect(page.offset).toBe(2);
    expect(page.stats).toBeUndefined();
    expect(page.columns.map((c) => c.type)).toEqual(['BIGINT', 'VARCHAR', 'BOOLEAN', 'DATE', 'DOUBLE']);
    expect(page.rows).toEqual([
      [2, 'r2', true, '2024-01-03', 0.5],
      [3, 'r3', false, '2024-01-04', null],
      [4, 'r4', true, '2024-01-05', 1],
    ]);
  });

  it('computes stats that match values worked out by hand', async () => {
    // x = 1, 2, 2, 4, 10, NULL ; c = a, b, a, NULL, a, c ; flag = true, true, false, NULL, NULL, true
    const t = await data.createTable(
      `SELECT * FROM (VALUES (1, 'a', true), (2, 'b', true), (2, 'a', false), (4, NULL, NULL), (10, 'a', NULL), (NULL, 'c', true))
       v(x, c, flag)`,
      'stats',
    );
    const { stats } = await data.preview(t);
    const x = byName(stats, 'x');
    // mean = 19/5 = 3.8; sample variance = (2.8² + 1.8² + 1.8² + 0.2² + 6.2²) / 4 = 52.8 / 4 = 13.2
    expect(x).toMatchObject({ kind: 'numeric', type: 'INTEGER', count: 5, missing: 1, distinct: 4, min: 1, max: 10 });
    expect(x.mean).toBeCloseTo(3.8, 12);
    expect(x.std).toBeCloseTo(Math.sqrt(13.2), 12);
    // 20 bins of width 0.45 over [1, 10]: 1 → bin 0, 2 → bin 2 (1/0.45 = 2.2), 4 → bin 6 (3/0.45 = 6.67), 10 → last bin
    const expectedCounts = new Array(20).fill(0);
    expectedCounts[0] = 1;
    expectedCounts[2] = 2;
    expectedCounts[6] = 1;
    expectedCounts[19] = 1;
    expect(x.histogram?.counts).toEqual(expectedCounts);
    expect(x.histogram?.edges).toHaveLength(21);
    expect(x.histogram?.edges[0]).toBe(1);
    expect(x.histogram?.edges[20]).toBe(10);
    expect(x.histogram?.edges[1]).toBeCloseTo(1.45, 12);

    const c = byName(stats, 'c');
    expect(c).toMatchObject({ kind: 'categorical', count: 5, missing: 1, distinct: 3 });
    expect(c.top).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 1 },
      { value: 'c', count: 1 },
    ]);
    expect(c.mean).toBeUndefined();
    expect(c.histogram).toBeUndefined();

    const flag = byName(stats, 'flag');
    expect(flag).toMatchObject({ kind: 'boolean', count: 4, missing: 2, distinct: 2 });
    expect(flag.top).toEqual([
      { value: 'true', count: 3 },
      { value: 'false', count: 1 },
    ]);
  });

  it('keeps at most 10 top categories, most frequent first, ties by value', async () => {
    // value k appears k times for k = 1..12
    const t = await data.createTable(`SELECT 'v' || lpad(k::VARCHAR, 2, '0') AS v FROM range(1, 13) r(k), range(k)`, 'top');
    const { stats } = await data.preview(t);
    const v = byName(stats, 'v');
    expect(v.distinct).toBe(12);
    expect(v.top?.map((e) => e.value)).toEqual(['v12', 'v11', 'v10', 'v09', 'v08', 'v07', 'v06', 'v05', 'v04', 'v03']);
    expect(v.top?.[0].count).toBe(12);
  });

  it('puts a constant column in one bin around the value, and ignores infinities in moments', async () => {
    const t = await data.createTable(
      `SELECT 5.0::DOUBLE AS k, CASE WHEN range = 0 THEN 'inf'::DOUBLE ELSE range END AS y FROM range(4)`,
      'const',
    );
    const { stats } = await data.preview(t);
    const k = byName(stats, 'k');
    expect(k.histogram?.edges[0]).toBe(4.5);
    expect(k.histogram?.edges[20]).toBe(5.5);
    expect(k.histogram?.counts[10]).toBe(4);
    expect(k.histogram?.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(k.std).toBe(0);
    const y = byName(stats, 'y');
    expect(y.mean).toBe(2); // (1 + 2 + 3) / 3
    expect(y.max).toBe(3);
    expect(y.count).toBe(4);
  });

  it('estimates distinct counts above EXACT_DISTINCT_MAX_ROWS rows and says so; counts them exactly up to it', async () => {
    // 250,000 distinct values by construction, each repeated (the last one fewer times)
    const big = await data.createTable(`SELECT range % 250000 AS k, 'v' || (range % 250000) AS s FROM range(${EXACT_DISTINCT_MAX_ROWS + 1})`, 'big');
    const estimated = (await data.preview(big, { limit: 1, stats: true })).stats;
    for (const name of ['k', 's']) {
      const s = byName(estimated, name);
      expect(s.distinctApproximate).toBe(true);
      // DuckDB's HyperLogLog sketch is small: errors around 10% are usual, hence the ≈ in the panel
      expect(Math.abs(s.distinct! - 250_000) / 250_000).toBeLessThan(0.2);
      expect(s.count).toBe(EXACT_DISTINCT_MAX_ROWS + 1);
    }
    const small = await data.createTable(`SELECT range % 250000 AS k FROM range(${EXACT_DISTINCT_MAX_ROWS})`, 'small');
    const exact = byName((await data.preview(small, { limit: 1, stats: true })).stats, 'k');
    expect(exact.distinct).toBe(250_000);
    expect(exact.distinctApproximate).toBeUndefined();
  });

  it('reports min and max of dates as text, without moments', async () => {
    const t = await data.createTable(`SELECT * FROM (VALUES (DATE '2020-05-01'), (DATE '2019-01-31'), (NULL)) v(d)`, 'dates');
    const { stats } = await data.preview(t);
    expect(byName(stats, 'd')).toMatchObject({ kind: 'temporal', count: 2, missing: 1, min: '2019-01-31', max: '2020-05-01' });
  });
});
