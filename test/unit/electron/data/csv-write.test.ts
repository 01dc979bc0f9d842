import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';

let data: PlumbDataSession;
let dir: string;
beforeAll(async () => {
  data = await openDataSession({ threads: 1 });
  dir = mkdtempSync(join(tmpdir(), 'plumb-csv-write-'));
});
afterAll(async () => {
  await data.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeCsv', () => {
  it('writes a header, RFC 4180 quoting, "." decimals and empty cells for missing values', async () => {
    const t = await data.createTable(
      `SELECT * FROM (VALUES
        (1, 0.1::DOUBLE, 'plain', true, DATE '2020-01-02'),
        (2, NULL, 'a,b', NULL, NULL),
        (3, -2.5, 'say "hi"', false, DATE '1999-12-31'),
        (NULL, 1e20, 'two
lines', true, NULL)
      ) v(id, x, "text col", flag, day)`,
      'out',
    );
    const path = join(dir, 'out.csv');
    await data.writeCsv(t, path);
    expect(readFileSync(path, 'utf8')).toBe(
      'id,x,text col,flag,day\n' +
        '1,0.1,plain,true,2020-01-02\n' +
        '2,,"a,b",,\n' +
        '3,-2.5,"say ""hi""",false,1999-12-31\n' +
        ',1e+20,"two\nlines",true,\n',
    );
  });

  it('round-trips: reading the written file gives the same table', async () => {
    const t = await data.createTable(
      `SELECT range AS id, (range * 0.25 - 3)::DOUBLE AS x, CASE WHEN range % 4 = 0 THEN NULL ELSE 'c' || (range % 3) END AS cat,
              range % 2 = 0 AS even, DATE '2000-01-01' + range::INTEGER AS day,
              CASE WHEN range = 5 THEN 'comma, "quote"' ELSE 'q' END AS text
       FROM range(50)`,
      'roundtrip',
    );
    const path = join(dir, 'roundtrip.csv');
    await data.writeCsv(t, path);
    const { table: back } = await data.readCsv(path, { onError: 'fail' });
    expect(await data.columns(back)).toEqual(await data.columns(t));
    const [diff] = await data.all(
      `SELECT (SELECT count(*) FROM (SELECT * FROM ${t.table} EXCEPT ALL SELECT * FROM ${back.table})) +
              (SELECT count(*) FROM (SELECT * FROM ${back.table} EXCEPT ALL SELECT * FROM ${t.table})) AS n`,
    );
    expect(diff.n).toBe(0);
    expect(await data.rowCount(back)).toBe(50);
  });
});
