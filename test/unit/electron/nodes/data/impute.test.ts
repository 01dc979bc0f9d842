// data.impute: fill values against hand computation for each strategy, defaults per column kind, indicators.
import { describe, expect, it } from 'vitest';
import { impute } from '../../../../../shared/catalog/data/impute.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { imputeNode } from '../../../../../electron/nodes/data/impute.js';
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { makeTestContext, withSession, type TestContext } from './context.js';

// x has a NULL and a NaN (both missing); s ties 'b' and 'a' at two each (sklearn picks the smaller, 'a').
const SOURCE = `SELECT * FROM (VALUES
  (1, 1.0::DOUBLE, 1, 'b', true),
  (2, NULL, 2, NULL, NULL),
  (3, 3.0::DOUBLE, NULL, 'a', false),
  (4, 'nan'::DOUBLE, 2, 'b', true),
  (5, 10.0::DOUBLE, 5, 'a', NULL)
) v(id, x, n, s, b)`;

async function run(env: NodeEnv, table: TableRef, params: unknown, ctx: TestContext = makeTestContext()): Promise<TableRef> {
  const out = await imputeNode.run(ctx, { table }, impute.params.parse(params), env);
  return out.table as TableRef;
}

async function failure(promise: Promise<unknown>): Promise<PlumbError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(PlumbError);
  return e as PlumbError;
}

const column = async (data: DataSession, t: TableRef, name: string) =>
  (await data.all(`SELECT "${name}" AS v FROM "${t.table}"`)).map((r) => r.v);

describe('data.impute', () => {
  it('mean fills numeric columns (NaN counts as missing) and leaves text with a warning', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const ctx = makeTestContext();
      const out = await run(env, t, { strategy: 'mean' }, ctx);
      expect(await column(data, out, 'x')).toEqual([1, 14 / 3, 3, 14 / 3, 10]);
      expect(await column(data, out, 'n')).toEqual([1, 2, 2.5, 2, 5]);
      expect(await column(data, out, 's')).toEqual(['b', null, 'a', 'b', 'a']);
      expect(await column(data, out, 'id')).toEqual([1, 2, 3, 4, 5]);
      expect((await data.columns(out)).map((c) => c.type)).toEqual(['INTEGER', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'BOOLEAN']);
      expect(ctx.warnings).toHaveLength(1);
      expect(ctx.warnings[0]).toContain("mean needs numbers, and 's' is text");
      expect(ctx.warnings[0]).toContain("'b' is boolean");
    }));

  it('median of the present values', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { strategy: 'median' });
      expect(await column(data, out, 'x')).toEqual([1, 3, 3, 3, 10]); // median of 1, 3, 10
      expect(await column(data, out, 'n')).toEqual([1, 2, 2, 2, 5]); // median of 1, 2, 2, 5
    }));

  it('most_frequent works on every kind, ties go to the smallest value, types are kept', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { strategy: 'most_frequent' });
      expect(await column(data, out, 'x')).toEqual([1, 1, 3, 1, 10]); // 1, 3, 10 once each: smallest
      expect(await column(data, out, 'n')).toEqual([1, 2, 2, 2, 5]);
      expect(await column(data, out, 's')).toEqual(['b', 'a', 'a', 'b', 'a']);
      expect(await column(data, out, 'b')).toEqual([true, true, false, true, true]);
      expect((await data.columns(out)).map((c) => c.type)).toEqual(['INTEGER', 'DOUBLE', 'INTEGER', 'VARCHAR', 'BOOLEAN']);
    }));

  it('constant uses sklearn defaults: 0 for numbers, "missing_value" for text', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const ctx = makeTestContext();
      const out = await run(env, t, { strategy: 'constant' }, ctx);
      expect(await column(data, out, 'x')).toEqual([1, 0, 3, 0, 10]);
      expect(await column(data, out, 'n')).toEqual([1, 2, 0, 2, 5]);
      expect(await column(data, out, 's')).toEqual(['b', 'missing_value', 'a', 'b', 'a']);
      expect((await data.columns(out)).find((c) => c.name === 'n')?.type).toBe('INTEGER');
      expect(ctx.warnings[0]).toContain("'b' is boolean: set fill_value");
    }));

  it('constant with a fill_value fills only columns of its kind unless columns are given', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { strategy: 'constant', fill_value: -1.5 });
      expect(await column(data, out, 'x')).toEqual([1, -1.5, 3, -1.5, 10]);
      expect(await column(data, out, 'n')).toEqual([1, 2, -1.5, 2, 5]);
      expect(await column(data, out, 's')).toEqual(['b', null, 'a', 'b', 'a']);
      const flags = await run(env, t, { strategy: 'constant', fill_value: false, columns: ['b'] });
      expect(await column(data, flags, 'b')).toEqual([true, false, false, true, false]);
      const e = await failure(run(env, t, { strategy: 'constant', fill_value: 5, columns: ['s'] }));
      expect(e.where.param).toBe('fill_value');
      expect(e.message).toContain("fill_value 5 is a number, but 's' is text");
    }));

  it('add_indicator appends 0/1 columns for imputed columns that had missing values', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { strategy: 'mean', columns: ['id', 'x', 'n'], add_indicator: true });
      expect((await data.columns(out)).map((c) => c.name)).toEqual(['id', 'x', 'n', 's', 'b', 'x_missing', 'n_missing']);
      expect(await column(data, out, 'x_missing')).toEqual([0, 1, 0, 1, 0]);
      expect(await column(data, out, 'n_missing')).toEqual([0, 0, 1, 0, 0]);
      expect(await column(data, out, 'id')).toEqual([1, 2, 3, 4, 5]);
    }));

  it('rejects unknown columns and strategies that do not fit a listed column', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const unknown = await failure(run(env, t, { columns: ['y'] }));
      expect(unknown.kind).toBe('invalid_input');
      expect(unknown.where.param).toBe('columns');
      expect(unknown.message).toContain("available: 'id', 'x', 'n', 's', 'b'");
      const wrongKind = await failure(run(env, t, { strategy: 'median', columns: ['s'] }));
      expect(wrongKind.message).toContain("median needs numbers, and 's' is text");
    }));

  it('leaves a column with no values at all missing, with a warning', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT * FROM (VALUES (1, NULL::DOUBLE), (2, NULL)) v(id, x)`, 'empty');
      const ctx = makeTestContext();
      const out = await run(env, t, { strategy: 'mean' }, ctx);
      expect(await column(data, out, 'x')).toEqual([null, null]);
      expect(ctx.warnings).toEqual(["column 'x' has no values to compute a mean from; it stays missing"]);
    }));
});
