import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';
import type { TableRef } from '../../../../electron/data/types.js';

let data: PlumbDataSession;
let dir: string;
beforeAll(async () => {
  data = await openDataSession({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'plumb-parquet-'));
});
afterAll(async () => {
  await data.close();
  rmSync(dir, { recursive: true, force: true });
});

const CONTENT = `SELECT range AS id, range / 7 AS x, CASE WHEN range % 5 = 0 THEN NULL ELSE 'c' || (range % 11) END AS cat,
                 range % 2 = 0 AS even, DATE '2001-01-01' + (range % 400)::INTEGER AS day
                 FROM range(300000)`;

async function sameRows(a: TableRef, b: TableRef): Promise<boolean> {
  const [row] = await data.all(
    `SELECT (SELECT count(*) FROM (SELECT * FROM ${a.table} EXCEPT ALL SELECT * FROM ${b.table})) +
            (SELECT count(*) FROM (SELECT * FROM ${b.table} EXCEPT ALL SELECT * FROM ${a.table})) AS n`,
  );
  return row.n === 0;
}

describe('parquet bytes (the cache format)', () => {
  it('round-trips rows and column types', async () => {
    const t = await data.createTable(CONTENT, 'src');
    const bytes = await data.toParquetBytes(t);
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('PAR1');
    const back = await data.fromParquetBytes(bytes, 'back');
    expect(await data.columns(back)).toEqual(await data.columns(t));
    expect(await sameRows(t, back)).toBe(true);
    // row order is kept too
    const [first] = await data.all(`SELECT list(id ORDER BY rowid)[1:3] AS ids FROM ${back.table}`);
    expect(first.ids).toEqual([0, 1, 2]);
  });

  it('gives identical bytes for the same content, across tables and sessions, with several threads', async () => {
    const a = await data.createTable(CONTENT, 'a');
    const b = await data.createTable(`SELECT * FROM (${CONTENT}) ORDER BY id`, 'b');
    const bytesA = await data.toParquetBytes(a);
    const bytesA2 = await data.toParquetBytes(a);
    const bytesB = await data.toParquetBytes(b);
    const other = await openDataSession({ threads: 1 });
    try {
      const c = await other.createTable(CONTENT, 'c');
      const bytesC = await other.toParquetBytes(c);
      const roundTripped = await other.toParquetBytes(await other.fromParquetBytes(bytesA, 'again'));
      expect(Buffer.compare(bytesA, bytesA2)).toBe(0);
      expect(Buffer.compare(bytesA, bytesB)).toBe(0);
      expect(Buffer.compare(bytesA, bytesC)).toBe(0);
      expect(Buffer.compare(bytesA, roundTripped)).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('reads a Parquet file and names a missing or broken one', async () => {
    const t = await data.createTable(`SELECT 1 AS a, 'x' AS b`, 'file');
    const path = join(dir, 'one.parquet');
    writeFileSync(path, await data.toParquetBytes(t));
    const read = await data.readParquet(path);
    expect(await data.all(`SELECT * FROM ${read.table}`)).toEqual([{ a: 1, b: 'x' }]);
    const missing = join(dir, 'none.parquet');
    await expect(data.readParquet(missing)).rejects.toMatchObject({ kind: 'invalid_input', where: { file: missing, param: 'path' } });
    const broken = join(dir, 'broken.parquet');
    writeFileSync(broken, 'not parquet at all');
    await expect(data.readParquet(broken)).rejects.toMatchObject({ kind: 'invalid_input', where: { file: broken } });
  });
});
