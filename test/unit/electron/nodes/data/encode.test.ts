// data.encode: one-hot column names, positions and 0/1 values, drop rules, ordinal codes, fixed categories.
import { describe, expect, it } from 'vitest';
import { encode } from '../../../../../shared/catalog/data/encode.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { encodeNode } from '../../../../../electron/nodes/data/encode.js';
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { makeTestContext, withSession } from './context.js';

const SOURCE = `SELECT * FROM (VALUES
  (1, 'red', true, 'S', 0.5),
  (2, 'blue', false, 'M', 1.0),
  (3, NULL, true, 'S', 1.0),
  (4, 'green', NULL, 'L', 2.0),
  (5, 'blue', false, 'M', 0.5)
) v(id, color, flag, size, w)`;

async function run(env: NodeEnv, table: TableRef, params: unknown): Promise<TableRef> {
  const out = await encodeNode.run(makeTestContext(), { table }, encode.params.parse(params), env);
  return out.table as TableRef;
}

async function failure(promise: Promise<unknown>): Promise<PlumbError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(PlumbError);
  return e as PlumbError;
}

/** Rows as arrays in column order, plus the column names and types. */
async function dump(data: DataSession, t: TableRef) {
  const columns = await data.columns(t);
  const rows = await data.all(`SELECT * FROM "${t.table}"`);
  return { names: columns.map((c) => c.name), types: columns.map((c) => c.type), rows: rows.map((r) => columns.map((c) => r[c.name])) };
}

describe('data.encode one-hot', () => {
  it('replaces every text and boolean column in place by sorted <column>=<value> 0/1 integer columns', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await dump(data, await run(env, t, { exclude: ['size'] }));
      expect(out.names).toEqual(['id', 'color=blue', 'color=green', 'color=red', 'flag=false', 'flag=true', 'size', 'w']);
      expect(out.types.slice(1, 6)).toEqual(['INTEGER', 'INTEGER', 'INTEGER', 'INTEGER', 'INTEGER']);
      expect(out.rows).toEqual([
        [1, 0, 0, 1, 0, 1, 'S', 0.5],
        [2, 1, 0, 0, 1, 0, 'M', 1.0],
        [3, 0, 0, 0, 0, 1, 'S', 1.0], // missing color: all zeros
        [4, 0, 1, 0, 0, 0, 'L', 2.0], // missing flag: all zeros
        [5, 1, 0, 0, 1, 0, 'M', 0.5],
      ]);
    }));

  it('drop: first leaves out the first level, if_binary only for two-level columns', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const first = await dump(data, await run(env, t, { columns: ['color', 'flag'], drop: 'first' }));
      expect(first.names).toEqual(['id', 'color=green', 'color=red', 'flag=true', 'size', 'w']);
      const binary = await dump(data, await run(env, t, { columns: ['color', 'flag'], drop: 'if_binary' }));
      expect(binary.names).toEqual(['id', 'color=blue', 'color=green', 'color=red', 'flag=true', 'size', 'w']);
    }));

  it('encodes a listed numeric column with its values as DuckDB prints them', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await dump(data, await run(env, t, { columns: ['w'] }));
      expect(out.names).toEqual(['id', 'color', 'flag', 'size', 'w=0.5', 'w=1.0', 'w=2.0']);
      expect(out.rows.map((r) => r.slice(4))).toEqual([[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]);
    }));

  it('uses given categories in their order; unknown values fail or encode as all zeros', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const e = await failure(run(env, t, { columns: ['size'], categories: { size: ['S', 'M'] } }));
      expect(e.where.param).toBe('categories');
      expect(e.message).toContain('values not in categories: "L"');
      const out = await dump(data, await run(env, t, { columns: ['size', 'w'], categories: { size: ['S', 'M'], w: [2, 1] }, handle_unknown: 'ignore' }));
      expect(out.names).toEqual(['id', 'color', 'flag', 'size=S', 'size=M', 'w=2.0', 'w=1.0']);
      expect(out.rows.map((r) => r.slice(3))).toEqual([[1, 0, 0, 0], [0, 1, 0, 1], [1, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]]);
      const bad = await failure(run(env, t, { columns: ['w'], categories: { w: ['heavy'] } }));
      expect(bad.message).toContain('"heavy" is not a DECIMAL(2,1) value');
    }));

  it('keeps quotes and odd characters of values inside the column names', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT * FROM (VALUES ('O''Brien'), ('a"b'), ('x = y')) v(name)`, 'odd');
      const out = await dump(data, await run(env, t, {}));
      expect(out.names).toEqual(['name=O\'Brien', 'name=a"b', 'name=x = y']);
      expect(out.rows).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    }));

  it('refuses a column with more levels than max_levels, and unknown columns', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT 'id' || range AS code FROM range(20)`, 'ids');
      const e = await failure(run(env, t, { max_levels: 19 }));
      expect(e.where.param).toBe('max_levels');
      expect(e.message).toContain("column 'code' has more than 19 distinct values");
      expect((await dump(data, await run(env, t, { max_levels: 20 }))).names).toHaveLength(20);
      const unknown = await failure(run(env, t, { exclude: ['target'] }));
      expect(unknown.where.param).toBe('exclude');
      expect(unknown.message).toContain("unknown column 'target'; available: 'code'");
    }));

  it('refuses a generated name that an existing column already has', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT 'a' AS c, 1 AS "c=a"`, 'clash');
      expect((await failure(run(env, t, {}))).message).toContain("two columns named 'c=a'");
    }));
});

describe('data.encode ordinal', () => {
  it('codes sorted levels 0, 1, … in place and keeps missing values missing', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await dump(data, await run(env, t, { method: 'ordinal' }));
      expect(out.names).toEqual(['id', 'color', 'flag', 'size', 'w']);
      expect(out.types).toEqual(['INTEGER', 'INTEGER', 'INTEGER', 'INTEGER', 'DECIMAL(2,1)']);
      // color: blue 0, green 1, red 2; flag: false 0, true 1; size: L 0, M 1, S 2
      expect(out.rows.map((r) => r.slice(0, 4))).toEqual([
        [1, 2, 1, 2],
        [2, 0, 0, 1],
        [3, null, 1, 2],
        [4, 1, null, 0],
        [5, 0, 0, 1],
      ]);
    }));

  it('follows given categories, with unknown values missing under handle_unknown: ignore', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await dump(data, await run(env, t, { method: 'ordinal', columns: ['size'], categories: { size: ['S', 'M'] }, handle_unknown: 'ignore' }));
      expect(out.rows.map((r) => r[3])).toEqual([0, 1, 0, null, 1]);
    }));
});
