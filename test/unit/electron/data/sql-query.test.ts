import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';
import type { TableRef } from '../../../../electron/data/types.js';

let data: PlumbDataSession;
let people: TableRef;
let cities: TableRef;
beforeAll(async () => {
  data = await openDataSession({ threads: 1 });
  people = await data.createTable(`SELECT * FROM (VALUES (1, 'ann', 10), (2, 'bo', 20), (3, 'cy', 10)) v(id, name, city_id)`, 'people');
  cities = await data.createTable(`SELECT * FROM (VALUES (10, 'Oslo'), (20, 'Rome')) v(city_id, city)`, 'cities');
});
afterAll(async () => {
  await data.close();
});

describe('query: read-only SQL over named inputs', () => {
  it('joins t1 and t2', async () => {
    const t = await data.query(
      'SELECT name, city FROM t1 JOIN t2 USING (city_id) ORDER BY id',
      { t1: people, t2: cities },
      'joined',
    );
    expect(await data.all(`SELECT * FROM ${t.table}`)).toEqual([
      { name: 'ann', city: 'Oslo' },
      { name: 'bo', city: 'Rome' },
      { name: 'cy', city: 'Oslo' },
    ]);
  });

  it('accepts WITH, VALUES, FROM-first, UNION, range() and a trailing semicolon', async () => {
    const ok = [
      'WITH big AS (SELECT * FROM t1 WHERE city_id > 10) SELECT count(*) AS n FROM big;',
      'VALUES (1, 2), (3, 4)',
      'FROM t1 SELECT id',
      'SELECT id FROM t1 UNION ALL SELECT city_id FROM t1',
      'SELECT t1.id, r.range FROM t1, range(2) r',
    ];
    for (const sql of ok) await expect(data.query(sql, { t1: people }, 'ok')).resolves.toHaveProperty('table');
  });

  it('refuses writes, DDL, COPY, ATTACH, PRAGMA, SET and more than one statement', async () => {
    const refused: [string, RegExp][] = [
      [`INSERT INTO t1 VALUES (4, 'dee', 20)`, /read-only/],
      ['DROP TABLE t1', /read-only/],
      ['DELETE FROM t1', /read-only/],
      ['UPDATE t1 SET id = 0', /read-only/],
      ['CREATE TABLE x AS SELECT * FROM t1', /read-only/],
      [`COPY t1 TO '/tmp/plumb-leak.csv'`, /read-only/],
      [`ATTACH '/tmp/plumb-other.db' AS other`, /read-only/],
      ['PRAGMA version', /read-only/],
      [`SET threads = 1`, /read-only/],
      ['CALL pragma_version()', /read-only/],
      ['SELECT 1; SELECT 2', /exactly one statement \(found 2\)/],
      [`SELECT * FROM t1; DROP TABLE ${'t1'}`, /exactly one statement/],
      ['', /exactly one statement \(found 0\)/],
      ['  ;  -- nothing', /exactly one statement \(found 0\)/],
    ];
    for (const [sql, why] of refused) {
      await expect(data.query(sql, { t1: people }, 'bad'), sql).rejects.toMatchObject({
        kind: 'invalid_input',
        where: { param: 'query' },
        message: expect.stringMatching(why),
      });
    }
    // nothing was changed
    expect(await data.rowCount(people)).toBe(3);
  });

  it('refuses file readers and tables that are not inputs', async () => {
    const refused: [string, RegExp][] = [
      [`SELECT * FROM read_csv('/etc/hosts')`, /table function 'read_csv'/],
      [`SELECT * FROM '/etc/hosts'`, /unknown table/],
      [`SELECT * FROM ${cities.table}`, /unknown table/],
      ['SELECT * FROM t2', /unknown table 't2'/],
      ['SELECT * FROM duckdb_tables()', /table function 'duckdb_tables'/],
      ['SELECT * FROM main.t1', /unknown table/],
      // settings reveal local paths (the spill folder is in the project's cache folder)
      ["SELECT current_setting('home_directory') AS h FROM t1", /function 'current_setting' is not allowed/],
      ["SELECT main.CURRENT_SETTING('temp_directory') AS h", /function 'current_setting' is not allowed/],
      ["SELECT * FROM t1 WHERE name = current_setting('temp_directory')", /function 'current_setting' is not allowed/],
      // DuckDB would stop reading at the NUL and run `SELECT 1`
      ['SELECT 1\u0000 FROM t2', /NUL character \(at character 9\)/],
    ];
    for (const [sql, why] of refused) {
      await expect(data.query(sql, { t1: people }, 'bad'), sql).rejects.toMatchObject({
        kind: 'invalid_input',
        message: expect.stringMatching(why),
      });
    }
  });

  it("reports DuckDB's message with the position for syntax and binder errors", async () => {
    await expect(data.query('SELECT nosuch FROM t1', { t1: people }, 'bad')).rejects.toMatchObject({
      kind: 'invalid_input',
      message: expect.stringMatching(/Referenced column "nosuch" not found/),
      details: expect.arrayContaining([expect.stringMatching(/LINE 1: SELECT nosuch FROM t1/)]),
    });
    await expect(data.query('SELEC id FROM t1', { t1: people }, 'bad')).rejects.toMatchObject({
      kind: 'invalid_input',
      message: expect.stringMatching(/syntax error at or near "SELEC"/),
    });
  });

  it('reports a failure while computing over the data as a runtime error', async () => {
    await expect(data.query(`SELECT CAST(name AS INTEGER) FROM t1`, { t1: people }, 'bad')).rejects.toMatchObject({
      kind: 'runtime',
      where: { param: 'query' },
    });
  });

  it('leaves no t1/t2 views behind', async () => {
    await data.query('SELECT * FROM t1', { t1: people, t2: cities }, 'v');
    expect(await data.all(`SELECT view_name FROM duckdb_views() WHERE NOT internal`)).toEqual([]);
  });
});
