// File paths are read literally: `br[x].csv` is that file, never `brx.csv` (which the cache would not hash).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { literalFilePath } from '../../../../../electron/data/sql-text.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import { readCsvImplementation } from '../../../../../electron/nodes/data/read_csv.js';
import { readParquetImplementation } from '../../../../../electron/nodes/data/read_parquet.js';
import { readCsv } from '../../../../../shared/catalog/data/read_csv.js';
import { readParquet } from '../../../../../shared/catalog/data/read_parquet.js';
import { makeTestContext, withSession } from './context.js';

const NAMES: [string, string][] = [
  ['br[x]', 'brx'],
  ['q?', 'qz'],
  ['s*', 'sa'],
  ['[ab]', 'a'],
  ['d[x]/f', 'dx/f'],
];

describe('glob characters in file paths', () => {
  it('escapes *, ? and [ as one-character classes', () => {
    expect(literalFilePath('/data/br[x]*?.csv')).toBe('/data/br[[]x][*][?].csv');
    expect(literalFilePath('C:\\data\\plain {a,b}.csv')).toBe('C:\\data\\plain {a,b}.csv');
  });

  it('data.read_csv reads the named file, not the files its name matches as a pattern', () =>
    withSession(async (data, env) => {
      const dir = mkdtempSync(join(tmpdir(), 'plumb-literal-csv-'));
      try {
        for (const [literal, decoy] of NAMES) {
          for (const [name, value] of [[literal, 'literal'], [decoy, 'decoy']]) {
            if (name.includes('/')) mkdirFor(join(dir, name));
            writeFileSync(join(dir, `${name}.csv`), `v,n\n${value},1\n`);
          }
        }
        const ctx = makeTestContext(dir, { nodeId: 'csv' });
        for (const [literal] of NAMES) {
          const { table } = (await readCsvImplementation.run(ctx, {}, readCsv.params.parse({ path: `${literal}.csv` }), env)) as { table: TableRef };
          expect(await data.all(`SELECT v FROM ${table.table}`), literal).toEqual([{ v: 'literal' }]);
        }
        // a malformed row is still located in the literal file
        writeFileSync(join(dir, 'bad[1].csv'), 'a,b\n1,2\n3\n');
        writeFileSync(join(dir, 'bad1.csv'), 'a,b\n1,2\n');
        await expect(
          readCsvImplementation.run(ctx, {}, readCsv.params.parse({ path: 'bad[1].csv' }), env),
        ).rejects.toMatchObject({ kind: 'invalid_input', where: { file: join(dir, 'bad[1].csv'), line: 3 } });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }));

  it('data.read_parquet reads the named file, not the files its name matches as a pattern', () =>
    withSession(async (data, env) => {
      const dir = mkdtempSync(join(tmpdir(), 'plumb-literal-parquet-'));
      try {
        for (const [literal, decoy] of NAMES) {
          for (const [name, value] of [[literal, 'literal'], [decoy, 'decoy']]) {
            if (name.includes('/')) mkdirFor(join(dir, name));
            const t = await data.createTable(`SELECT '${value}' AS v`, 'src');
            writeFileSync(join(dir, `${name}.parquet`), await data.toParquetBytes(t));
          }
        }
        const ctx = makeTestContext(dir, { nodeId: 'pq' });
        for (const [literal] of NAMES) {
          const { table } = (await readParquetImplementation.run(ctx, {}, readParquet.params.parse({ path: `${literal}.parquet` }), env)) as { table: TableRef };
          expect(await data.all(`SELECT v FROM ${table.table}`), literal).toEqual([{ v: 'literal' }]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }));
});

function mkdirFor(file: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
}
