// data.scale: standard, minmax and robust scaling against hand-computed statistics; constant columns;
// which columns are scaled by default.
import { describe, expect, it } from 'vitest';
import { scale } from '../../../../../shared/catalog/data/scale.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { scaleNode } from '../../../../../electron/nodes/data/scale.js';
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { makeTestContext, withSession, type TestContext } from './context.js';

// x = 1, 2, 3, 4 and a missing value; c is constant; y is the target; s is text.
const SOURCE = `SELECT * FROM (VALUES
  (1.0::DOUBLE, 7, 10, 'a'),
  (2.0::DOUBLE, 7, 20, 'b'),
  (NULL, 7, 30, 'c'),
  (3.0::DOUBLE, 7, 40, 'd'),
  (4.0::DOUBLE, 7, 50, 'e')
) v(x, c, y, s)`;

async function run(env: NodeEnv, table: TableRef, params: unknown, ctx: TestContext = makeTestContext()): Promise<TableRef> {
  const out = await scaleNode.run(ctx, { table }, scale.params.parse(params), env);
  return out.table as TableRef;
}

async function failure(promise: Promise<unknown>): Promise<PlumbError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(PlumbError);
  return e as PlumbError;
}

const column = async (data: DataSession, t: TableRef, name: string) =>
  (await data.all(`SELECT "${name}" AS v FROM "${t.table}"`)).map((r) => r.v as number | null);

function expectClose(actual: (number | null)[], expected: (number | null)[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    if (expected[i] === null) expect(a).toBeNull();
    else expect(a).toBeCloseTo(expected[i] as number, 12);
  });
}

describe('data.scale', () => {
  it('standard: (x − mean) / population std, constant columns only centred, exclude respected', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { exclude: ['y'] });
      const std = Math.sqrt(1.25); // population variance of 1, 2, 3, 4 is 1.25
      expectClose(await column(data, out, 'x'), [-1.5 / std, -0.5 / std, null, 0.5 / std, 1.5 / std]);
      expect(await column(data, out, 'c')).toEqual([0, 0, 0, 0, 0]);
      expect(await column(data, out, 'y')).toEqual([10, 20, 30, 40, 50]);
      expect(await column(data, out, 's')).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect((await data.columns(out)).map((c) => c.type)).toEqual(['DOUBLE', 'DOUBLE', 'INTEGER', 'VARCHAR']);
    }));

  it('standard: the scaled column has mean 0 and population std 1', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT (range * 37 % 101) / 7.0 AS v FROM range(500)`, 'many');
      const out = await run(env, t, {});
      const [stats] = await data.all(`SELECT avg(v) AS m, stddev_pop(v) AS s FROM "${out.table}"`);
      expect(stats.m as number).toBeCloseTo(0, 12);
      expect(stats.s as number).toBeCloseTo(1, 12);
    }));

  it('minmax: min..max onto feature_range', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const unit = await run(env, t, { method: 'minmax', columns: ['x', 'y', 'c'] });
      expectClose(await column(data, unit, 'x'), [0, 1 / 3, null, 2 / 3, 1]);
      expectClose(await column(data, unit, 'y'), [0, 0.25, 0.5, 0.75, 1]);
      expect(await column(data, unit, 'c')).toEqual([0, 0, 0, 0, 0]); // range 0 counts as 1: x − min
      const wide = await run(env, t, { method: 'minmax', columns: ['y'], feature_range: [-1, 1] });
      expectClose(await column(data, wide, 'y'), [-1, -0.5, 0, 0.5, 1]);
    }));

  it('robust: (x − median) / IQR with linearly interpolated percentiles', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { method: 'robust', columns: ['x', 'y', 'c'] });
      // x: median 2.5, q25 = 1.75, q75 = 3.25 (positions 0.75 and 2.25 of 1, 2, 3, 4), IQR 1.5
      expectClose(await column(data, out, 'x'), [-1, -1 / 3, null, 1 / 3, 1]);
      // y: median 30, q25 20, q75 40
      expectClose(await column(data, out, 'y'), [-1, -0.5, 0, 0.5, 1]);
      expect(await column(data, out, 'c')).toEqual([0, 0, 0, 0, 0]);
      const deciles = await run(env, t, { method: 'robust', columns: ['y'], quantile_range: [10, 90] });
      // q10 = 14, q90 = 46 → IQR 32
      expectClose(await column(data, deciles, 'y'), [-20 / 32, -10 / 32, 0, 10 / 32, 20 / 32]);
    }));

  it('refuses non-numeric and unknown columns', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const text = await failure(run(env, t, { columns: ['s'] }));
      expect(text.where.param).toBe('columns');
      expect(text.message).toContain("column 's' is text");
      const unknown = await failure(run(env, t, { exclude: ['target'] }));
      expect(unknown.kind).toBe('invalid_input');
      expect(unknown.message).toContain("unknown column 'target'; available: 'x', 'c', 'y', 's'");
    }));
});
