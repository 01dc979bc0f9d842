// data.select: kept columns in order, dropped ones gone, renames applied, unknown names reported.
import { describe, expect, it } from 'vitest';
import { select } from '../../../../../shared/catalog/data/select.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { selectNode } from '../../../../../electron/nodes/data/select.js';
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { makeTestContext, withSession } from './context.js';

const SOURCE = `SELECT * FROM (VALUES (1, 'a', 2.5, true), (2, 'b', NULL, false)) v(id, "name", "my score", ok)`;

async function run(env: NodeEnv, table: TableRef, params: unknown): Promise<TableRef> {
  const out = await selectNode.run(makeTestContext(), { table }, select.params.parse(params), env);
  return out.table as TableRef;
}

async function failure(promise: Promise<unknown>): Promise<PlumbError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(PlumbError);
  return e as PlumbError;
}

const rowsOf = (data: DataSession, t: TableRef) => data.all(`SELECT * FROM "${t.table}"`);

describe('data.select', () => {
  it('keeps the listed columns in the listed order', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { columns: ['my score', 'id'] });
      expect((await data.columns(out)).map((c) => c.name)).toEqual(['my score', 'id']);
      expect(await rowsOf(data, out)).toEqual([{ 'my score': 2.5, id: 1 }, { 'my score': null, id: 2 }]);
    }));

  it('drops columns and renames, keeping the remaining order', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { drop: ['name'], rename: { 'my score': 'score', ok: 'is ok' } });
      expect(await data.columns(out)).toEqual([
        { name: 'id', type: 'INTEGER' },
        { name: 'score', type: 'DECIMAL(2,1)' },
        { name: 'is ok', type: 'BOOLEAN' },
      ]);
      expect(await rowsOf(data, out)).toEqual([
        { id: 1, score: 2.5, 'is ok': true },
        { id: 2, score: null, 'is ok': false },
      ]);
    }));

  it('matches names case-insensitively like DuckDB', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { columns: ['NAME'] });
      expect((await data.columns(out)).map((c) => c.name)).toEqual(['name']);
    }));

  it('reports an unknown column with the param and the available columns', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const e = await failure(run(env, t, { columns: ['id', 'nme'] }));
      expect(e.kind).toBe('invalid_input');
      expect(e.where.param).toBe('columns');
      expect(e.message).toBe("unknown column 'nme' (did you mean 'name'?); available: 'id', 'name', 'my score', 'ok'");
      expect((await failure(run(env, t, { drop: ['zzz'] }))).where.param).toBe('drop');
      expect((await failure(run(env, t, { rename: { zzz: 'a' } }))).where.param).toBe('rename');
    }));

  it('refuses renames that clash, renames of dropped columns and an empty result', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      expect((await failure(run(env, t, { rename: { id: 'NAME' } }))).message).toContain("which DuckDB treats as the same name");
      expect((await failure(run(env, t, { drop: ['id'], rename: { id: 'x' } }))).message).toContain('renamed but not kept');
      expect((await failure(run(env, t, { columns: ['id'], drop: ['id'] }))).message).toBe('no columns are left');
      expect((await failure(run(env, t, { columns: ['id', 'ID'] }))).message).toContain('listed twice');
    }));
});
