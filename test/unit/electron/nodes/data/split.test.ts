// data.split: sizes as in sklearn, train ∪ test = input without overlap, determinism per seed (also across
// DuckDB thread counts), stratified class shares on an imbalanced table, and errors.
import { describe, expect, it } from 'vitest';
import { split } from '../../../../../shared/catalog/data/split.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { splitNode, splitSizes } from '../../../../../electron/nodes/data/split.js';
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { makeTestContext, withSession } from './context.js';

async function run(env: NodeEnv, table: TableRef, params: unknown): Promise<{ train: TableRef; test: TableRef }> {
  const out = await splitNode.run(makeTestContext(), { table }, split.params.parse(params), env);
  return { train: out.train as TableRef, test: out.test as TableRef };
}

async function failure(promise: Promise<unknown>): Promise<PlumbError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(PlumbError);
  return e as PlumbError;
}

const ids = async (data: DataSession, t: TableRef) => (await data.all(`SELECT id FROM "${t.table}"`)).map((r) => r.id as number);

/** 180 rows of class 'a' then 20 of class 'b' (90/10), with an id. */
const IMBALANCED = `SELECT range AS id, CASE WHEN range < 180 THEN 'a' ELSE 'b' END AS y, range * 0.5 AS x FROM range(200)`;

function expectPartition(train: number[], test: number[], n: number): void {
  expect(new Set(train).size).toBe(train.length);
  expect(new Set(test).size).toBe(test.length);
  expect(train.filter((id) => test.includes(id))).toEqual([]);
  expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
}

describe('splitSizes', () => {
  it('follows sklearn: ceil(test_size × n) for a fraction, the count otherwise', () => {
    expect(splitSizes(100, 0.25)).toEqual({ train: 75, test: 25 });
    expect(splitSizes(10, 0.25)).toEqual({ train: 7, test: 3 }); // ceil(2.5)
    expect(splitSizes(10, 4)).toEqual({ train: 6, test: 4 });
    expect(() => splitSizes(10, 10)).toThrow(/smaller than the number of rows/);
    expect(() => splitSizes(1, 0.5)).toThrow(/train set would be empty/);
  });
});

describe('data.split', () => {
  it('splits into disjoint train and test sets that together are the input, columns unchanged', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(IMBALANCED, 'src');
      const { train, test } = await run(env, t, { test_size: 0.3 });
      const [trainIds, testIds] = [await ids(data, train), await ids(data, test)];
      expect(testIds).toHaveLength(60);
      expect(trainIds).toHaveLength(140);
      expectPartition(trainIds, testIds, 200);
      expect(await data.columns(train)).toEqual(await data.columns(t));
      const rows = await data.all(`SELECT id, y, x FROM "${test.table}"`);
      for (const r of rows) expect(r).toEqual({ id: r.id, y: (r.id as number) < 180 ? 'a' : 'b', x: (r.id as number) * 0.5 });
    }));

  it('is the same for the same seed and differs between seeds; the rows come out shuffled', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(IMBALANCED, 'src');
      const a = await run(env, t, { seed: 7 });
      const b = await run(env, t, { seed: 7 });
      const c = await run(env, t, { seed: 8 });
      expect(await ids(data, a.test)).toEqual(await ids(data, b.test));
      expect(await ids(data, a.train)).toEqual(await ids(data, b.train));
      const [testA, testC] = [await ids(data, a.test), await ids(data, c.test)];
      expect([...testA].sort((x, y) => x - y)).not.toEqual([...testC].sort((x, y) => x - y));
      expect(testA).not.toEqual([...testA].sort((x, y) => x - y));
    }));

  it('gives the same split whatever the number of DuckDB threads', async () => {
    const source = `SELECT range AS id, range % 3 AS k FROM range(300000)`;
    const splitWith = (threads: number) =>
      withSession(async (data, env) => {
        await data.exec(`SET threads = ${threads}`);
        expect((await data.all(`SELECT current_setting('threads') AS t`))[0].t).toBe(threads);
        const t = await data.createTable(source, 'big');
        const { test } = await run(env, t, { test_size: 0.1, seed: 3, stratify: 'k' });
        const [row] = await data.all(
          `SELECT count(*) AS n, sum(id) AS s, sum(id * (rowid + 1) % 1000003) AS h FROM "${test.table}"`,
        );
        return row;
      });
    const one = await splitWith(1);
    expect(one.n).toBe(30000);
    expect(await splitWith(4)).toEqual(one);
  });

  it('keeps class shares when stratified on a 90/10 table', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(IMBALANCED, 'src');
      for (const seed of [0, 1, 2]) {
        const { train, test } = await run(env, t, { test_size: 0.25, seed, stratify: 'y' });
        const counts = await data.all(`SELECT y, count(*) AS n FROM "${test.table}" GROUP BY y ORDER BY y`);
        expect(counts).toEqual([{ y: 'a', n: 45 }, { y: 'b', n: 5 }]);
        expectPartition(await ids(data, train), await ids(data, test), 200);
      }
    }));

  it('stratified test counts are within one row of exact, and sum to the test size', () =>
    withSession(async (data, env) => {
      // classes of 93, 10 and 7 rows, test_size 0.3 → 33 test rows; exact shares 27.9, 3.0, 2.1
      const t = await data.createTable(
        `SELECT range AS id, CASE WHEN range < 93 THEN 'big' WHEN range < 103 THEN 'mid' ELSE 'small' END AS y FROM range(110)`,
        'src',
      );
      const classSizes: Record<string, number> = { big: 93, mid: 10, small: 7 };
      for (const seed of [0, 11]) {
        const { train, test } = await run(env, t, { test_size: 0.3, seed, stratify: 'y' });
        const counts = await data.all(`SELECT y, count(*) AS n FROM "${test.table}" GROUP BY y ORDER BY y`);
        expect(counts.reduce((s, r) => s + (r.n as number), 0)).toBe(33);
        for (const r of counts) expect(Math.abs((r.n as number) - (33 * classSizes[r.y as string]) / 110)).toBeLessThan(1);
        expectPartition(await ids(data, train), await ids(data, test), 110);
      }
    }));

  it('treats a missing stratify value as a class of its own', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT range AS id, CASE WHEN range < 8 THEN NULL ELSE range % 2 END AS y FROM range(40)`, 'src');
      const { test } = await run(env, t, { test_size: 0.25, stratify: 'y' });
      const counts = await data.all(`SELECT y, count(*) AS n FROM "${test.table}" GROUP BY y ORDER BY y NULLS LAST`);
      expect(counts).toEqual([{ y: 0, n: 4 }, { y: 1, n: 4 }, { y: null, n: 2 }]);
    }));

  it('without shuffle takes the last rows as the test set, in order', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT range AS id FROM range(10)`, 'src');
      const { train, test } = await run(env, t, { test_size: 3, shuffle: false });
      expect(await ids(data, train)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(await ids(data, test)).toEqual([7, 8, 9]);
    }));

  it('reports bad stratify columns, tiny classes and sizes', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT range AS id, CASE WHEN range = 0 THEN 'rare' ELSE 'common' END AS y FROM range(20)`, 'src');
      const unknown = await failure(run(env, t, { stratify: 'label' }));
      expect(unknown.kind).toBe('invalid_input');
      expect(unknown.where.param).toBe('stratify');
      expect(unknown.message).toContain("unknown column 'label'; available: 'id', 'y'");
      expect((await failure(run(env, t, { stratify: 'y' }))).message).toContain("class 'rare' of 'y' has only 1 row");
      expect((await failure(run(env, t, { test_size: 25 }))).where.param).toBe('test_size');
      expect((await failure(run(env, t, { stratify: 'id', test_size: 0.5 }))).message).toContain('only 1 row');
      expect((await failure(run(env, t, { stratify: 'y', shuffle: false }))).where.param).toBe('shuffle');
      expect(() => split.params.parse({ test_size: 2.5 })).toThrow(/whole number/);
    }));
});
