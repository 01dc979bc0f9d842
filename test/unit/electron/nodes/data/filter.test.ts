// data.filter: hand-checked rows kept, error reporting, and SQL injection attempts that stay harmless.
import { describe, expect, it } from 'vitest';
import { filter } from '../../../../../shared/catalog/data/filter.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { filterNode } from '../../../../../electron/nodes/data/filter.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { makeTestContext, withSession, type TestContext } from './context.js';

const PEOPLE = `SELECT * FROM (VALUES
  (1, 'Ann', 34, 'F', 7.25),
  (2, 'Bob', 17, 'M', NULL),
  (3, 'O''Neil', 52, 'M', 71.5),
  (4, 'dora', NULL, 'F', 8.05),
  (5, 'Eve', 25, NULL, 30.0)
) v(id, name, age, sex, fare)`;

async function run(env: NodeEnv, table: TableRef, expression: string, ctx: TestContext = makeTestContext()): Promise<TableRef> {
  const out = await filterNode.run(ctx, { table }, filter.params.parse({ expression }), env);
  return out.table as TableRef;
}

async function failure(promise: Promise<unknown>): Promise<PlumbError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(PlumbError);
  return e as PlumbError;
}

describe('data.filter', () => {
  it.each([
    ['age >= 18', [1, 3, 5]],
    ["sex == 'F' or fare > 50", [1, 3, 4]],
    ['not (age < 30) and fare is not null', [1, 3]],
    ['age in [17, 52] || age is null', [2, 3, 4]],
    ["startswith(lower(name), 'd') or contains(name, '''')", [3, 4]],
    ['round(fare) % 2 == 0 and length(name) == 3', [5]],
    ['fare * 2 + 1 > 20 and sex != null', [3]],
    ['"age" > 30 && `fare` < 10', [1]],
    ['coalesce(age, 0) < 20', [2, 4]],
  ])('%s', (expression, ids) =>
    withSession(async (data, env) => {
      const t = await data.createTable(PEOPLE, 'people');
      const out = await run(env, t, expression);
      expect((await data.all(`SELECT id FROM "${out.table}"`)).map((r) => r.id)).toEqual(ids);
      expect((await data.columns(out)).map((c) => c.name)).toEqual(['id', 'name', 'age', 'sex', 'fare']);
    }),
  );

  it('warns when no row matches', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(PEOPLE, 'people');
      const ctx = makeTestContext();
      const out = await run(env, t, 'age > 100', ctx);
      expect(await data.rowCount(out)).toBe(0);
      expect(ctx.warnings).toEqual(['no rows match the expression']);
    }));

  it('reports a syntax error with its column and a caret', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(PEOPLE, 'people');
      const e = await failure(run(env, t, 'age > and 3'));
      expect(e.kind).toBe('invalid_input');
      expect(e.where.param).toBe('expression');
      expect(e.message).toContain('at column 7');
      expect(e.details).toEqual(['  age > and 3', '        ^']);
    }));

  it('reports an unknown column listing the available ones', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(PEOPLE, 'people');
      const e = await failure(run(env, t, 'agee > 3'));
      expect(e.where.param).toBe('expression');
      expect(e.message).toContain("unknown column 'agee' (did you mean 'age'?); available: 'id', 'name', 'age', 'sex', 'fare'");
    }));

  it('rejects statement separators, and keeps quotes inside names and strings', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(
        `SELECT * FROM (VALUES (1, 'x'), (2, 'x''; DROP TABLE t; --'), (3, 'y')) v(id, "a"" or 1=1 --")`,
        'tricky',
      );
      expect((await failure(run(env, t, 'id > 0; DROP TABLE t'))).message).toContain("unexpected character ';'");
      const byName = await run(env, t, `"a"" or 1=1 --" == 'x'`);
      expect((await data.all(`SELECT id FROM "${byName.table}"`)).map((r) => r.id)).toEqual([1]);
      const byValue = await run(env, t, `"a"" or 1=1 --" == 'x''; DROP TABLE t; --'`);
      expect((await data.all(`SELECT id FROM "${byValue.table}"`)).map((r) => r.id)).toEqual([2]);
      const absent = await failure(run(env, t, `"b"" or 1=1 --" == 1`));
      expect(absent.message).toContain(`unknown column 'b" or 1=1 --'`);
      expect(await data.rowCount(t)).toBe(3);
    }));
});
