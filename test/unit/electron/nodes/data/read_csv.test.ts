import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvImplementation } from '../../../../../electron/nodes/data/read_csv.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import { readCsv } from '../../../../../shared/catalog/data/read_csv.js';
import { makeTestContext, withSession } from './context.js';

const fixtures = resolve(__dirname, '../../../../fixtures/data');

describe('data.read_csv node', () => {
  it('declares its params with defaults and a file widget', () => {
    expect(readCsv.params.parse({ path: 'x.csv' })).toEqual({
      path: 'x.csv',
      glob: false,
      delimiter: 'auto',
      header: 'auto',
      types: {},
      null_values: [],
      on_error: 'fail',
    });
    expect(readCsv.ui?.path).toEqual({ widget: 'file', extensions: ['csv', 'tsv', 'txt'] });
    expect(Object.keys(readCsv.outputs)).toEqual(['table']);
    expect(() => readCsv.params.parse({ path: 'x.csv', on_error: 'ignore' })).toThrow();
  });

  it('reads a path relative to the pipeline folder, with params applied', () =>
    withSession(async (data, env) => {
      const ctx = makeTestContext(fixtures, { nodeId: 'load' });
      const params = readCsv.params.parse({ path: 'na.csv', null_values: ['NA', 'n/a'], types: { y: 'DOUBLE' } });
      const out = await readCsvImplementation.run(ctx, {}, params, env);
      const table = out.table as TableRef;
      expect(await data.columns(table)).toEqual([
        { name: 'x', type: 'BIGINT' },
        { name: 'y', type: 'DOUBLE' },
      ]);
      expect(await data.rowCount(table)).toBe(5);
      expect(ctx.warnings).toEqual([]);
    }));

  it('accepts a tab delimiter written as \\t and header: false', () =>
    withSession(async (data, env) => {
      const ctx = makeTestContext(fixtures);
      const params = readCsv.params.parse({ path: 'tab.tsv', delimiter: '\\t', header: 'false' });
      const { table } = (await readCsvImplementation.run(ctx, {}, params, env)) as { table: TableRef };
      expect(await data.all(`SELECT * FROM ${table.table}`)).toEqual([
        { column0: 'a', column1: 'b', column2: 'c' },
        { column0: '1', column1: 'x', column2: '2.5' },
        { column0: '2', column1: 'y', column2: '3.5' },
      ]);
    }));

  it('fails on a malformed row with file, line, node and param', () =>
    withSession(async (_data, env) => {
      const ctx = makeTestContext(fixtures, { nodeId: 'load' });
      const params = readCsv.params.parse({ path: 'bad_columns.csv' });
      const error = await readCsvImplementation.run(ctx, {}, params, env).catch((e: unknown) => e);
      expect(error).toMatchObject({
        kind: 'invalid_input',
        where: { file: resolve(fixtures, 'bad_columns.csv'), line: 5, node: 'load', param: 'path' },
      });
      expect((error as Error).message).toMatch(/Expected Number of Columns: 3 Found: 4/);
    }));

  it('skips malformed rows with on_error: skip and warns with the count and lines', () =>
    withSession(async (data, env) => {
      const ctx = makeTestContext(fixtures);
      const params = readCsv.params.parse({ path: 'bad_columns.csv', on_error: 'skip' });
      const { table } = (await readCsvImplementation.run(ctx, {}, params, env)) as { table: TableRef };
      expect(await data.rowCount(table)).toBe(3);
      expect(ctx.warnings).toHaveLength(1);
      expect(ctx.warnings[0]).toMatch(/^skipped 1 malformed row in .*bad_columns\.csv \(line 5: /);
    }));

  it('names a missing file as invalid input of this node', () =>
    withSession(async (_data, env) => {
      const ctx = makeTestContext(fixtures, { nodeId: 'load' });
      const params = readCsv.params.parse({ path: 'missing.csv' });
      await expect(readCsvImplementation.run(ctx, {}, params, env)).rejects.toMatchObject({
        kind: 'invalid_input',
        where: { file: resolve(fixtures, 'missing.csv'), node: 'load', param: 'path' },
      });
    }));
});
