import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquetImplementation } from '../../../../../electron/nodes/data/read_parquet.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import { readParquet } from '../../../../../shared/catalog/data/read_parquet.js';
import { makeTestContext, withSession } from './context.js';

describe('data.read_parquet node', () => {
  it('reads a file relative to the pipeline folder and names a missing one', () =>
    withSession(async (data, env) => {
      const dir = mkdtempSync(join(tmpdir(), 'plumb-read-parquet-'));
      try {
        const source = await data.createTable(`SELECT range AS i, 'v' || range AS s FROM range(4)`, 'src');
        writeFileSync(join(dir, 'four.parquet'), await data.toParquetBytes(source));
        const ctx = makeTestContext(dir, { nodeId: 'pq' });
        const { table } = (await readParquetImplementation.run(ctx, {}, readParquet.params.parse({ path: 'four.parquet' }), env)) as {
          table: TableRef;
        };
        expect(await data.all(`SELECT * FROM ${table.table} ORDER BY i`)).toEqual([
          { i: 0, s: 'v0' },
          { i: 1, s: 'v1' },
          { i: 2, s: 'v2' },
          { i: 3, s: 'v3' },
        ]);
        await expect(
          readParquetImplementation.run(ctx, {}, readParquet.params.parse({ path: 'gone.parquet' }), env),
        ).rejects.toMatchObject({ kind: 'invalid_input', where: { node: 'pq', param: 'path', file: join(dir, 'gone.parquet') } });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }));

  it('declares a required path with a parquet file widget', () => {
    expect(() => readParquet.params.parse({})).toThrow();
    expect(readParquet.ui?.path).toEqual({ widget: 'file', extensions: ['parquet'] });
  });
});
