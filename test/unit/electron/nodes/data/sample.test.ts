// data.sample: counts, subsets without duplicates, bootstrap with replacement, stratified shares,
// determinism per seed, and errors.
import { describe, expect, it } from 'vitest';
import { sample } from '../../../../../shared/catalog/data/sample.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { roundHalfEven, sampleNode } from '../../../../../electron/nodes/data/sample.js';
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { makeTestContext, withSession } from './context.js';

async function run(env: NodeEnv, table: TableRef, params: unknown): Promise<TableRef> {
  const out = await sampleNode.run(makeTestContext(), { table }, sample.params.parse(params), env);
  return out.table as TableRef;
}

async function failure(promise: Promise<unknown>): Promise<PlumbError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(PlumbError);
  return e as PlumbError;
}

const ids = async (data: DataSession, t: TableRef) => (await data.all(`SELECT id FROM "${t.table}"`)).map((r) => r.id as number);

/** 90 rows of 'a' and 10 of 'b'; x = 2·id so a row's values can be checked. */
const SOURCE = `SELECT range AS id, CASE WHEN range < 90 THEN 'a' ELSE 'b' END AS y, range * 2 AS x FROM range(100)`;

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour like Python', () => {
    expect([0.5, 1.5, 2.5, 2.4, 2.6, 3].map(roundHalfEven)).toEqual([0, 2, 2, 2, 3, 3]);
  });
});

describe('data.sample without replacement', () => {
  it('draws n distinct input rows, whole rows, in random order', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { n: 30 });
      const got = await ids(data, out);
      expect(got).toHaveLength(30);
      expect(new Set(got).size).toBe(30);
      expect(got.every((id) => id >= 0 && id < 100)).toBe(true);
      expect(got).not.toEqual([...got].sort((a, b) => a - b));
      const rows = await data.all(`SELECT * FROM "${out.table}"`);
      for (const r of rows) expect(r).toEqual({ id: r.id, y: (r.id as number) < 90 ? 'a' : 'b', x: (r.id as number) * 2 });
    }));

  it('rounds fraction × rows like pandas, and n = rows is a permutation', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      expect(await data.rowCount(await run(env, t, { fraction: 0.125 }))).toBe(12); // round(12.5) = 12
      const all = await ids(data, await run(env, t, { n: 100 }));
      expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    }));

  it('is the same for the same seed and differs between seeds', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const a = await ids(data, await run(env, t, { n: 10, seed: 1 }));
      expect(await ids(data, await run(env, t, { n: 10, seed: 1 }))).toEqual(a);
      expect(await ids(data, await run(env, t, { n: 10, seed: 2 }))).not.toEqual(a);
    }));

  it('keeps class shares when stratified', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { n: 20, stratify: 'y' });
      expect(await data.all(`SELECT y, count(*) AS n FROM "${out.table}" GROUP BY y ORDER BY y`)).toEqual([
        { y: 'a', n: 18 },
        { y: 'b', n: 2 },
      ]);
      expect(new Set(await ids(data, out)).size).toBe(20);
    }));
});

describe('data.sample with replacement', () => {
  it('draws exactly n rows, more than the table has, repeating rows', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT range AS id, range * 2 AS x FROM range(10)`, 'src');
      const out = await run(env, t, { n: 10000, replace: true, seed: 5 });
      expect(await data.rowCount(out)).toBe(10000);
      const counts = await data.all(`SELECT id, count(*) AS n, min(x) = 2 * id AS whole FROM "${out.table}" GROUP BY id ORDER BY id`);
      expect(counts.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      // Each row is expected 1000 times (binomial std ≈ 30): 5 std is 150.
      for (const r of counts) {
        expect(Math.abs((r.n as number) - 1000)).toBeLessThan(150);
        expect(r.whole).toBe(true);
      }
    }));

  it('a bootstrap of fraction 1 repeats some rows and misses about a third', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(`SELECT range AS id FROM range(2000)`, 'src');
      const got = await ids(data, await run(env, t, { fraction: 1, replace: true }));
      expect(got).toHaveLength(2000);
      const missed = 2000 - new Set(got).size;
      // Expected share missed is (1 − 1/n)^n ≈ e^-1 ≈ 0.368, std ≈ 0.011 · n.
      expect(Math.abs(missed / 2000 - Math.exp(-1))).toBeLessThan(0.05);
      expect(await ids(data, await run(env, t, { fraction: 1, replace: true }))).toEqual(got);
    }));

  it('stratified: each class gets its share of draws, drawn only from its own rows', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      const out = await run(env, t, { n: 50, replace: true, stratify: 'y', seed: 9 });
      const rows = await data.all(`SELECT id, y FROM "${out.table}"`);
      expect(rows).toHaveLength(50);
      expect(rows.filter((r) => r.y === 'b')).toHaveLength(5);
      for (const r of rows) expect(r.y).toBe((r.id as number) < 90 ? 'a' : 'b');
    }));
});

describe('data.sample errors', () => {
  it('needs exactly one of n and fraction, and enough rows without replacement', () =>
    withSession(async (data, env) => {
      const t = await data.createTable(SOURCE, 'src');
      expect((await failure(run(env, t, {}))).message).toBe('set exactly one of n and fraction');
      expect((await failure(run(env, t, { n: 5, fraction: 0.5 }))).kind).toBe('invalid_input');
      const tooMany = await failure(run(env, t, { n: 101 }));
      expect(tooMany.where.param).toBe('n');
      expect(tooMany.message).toContain('set replace: true');
      expect((await failure(run(env, t, { fraction: 1.5 }))).where.param).toBe('fraction');
      const unknown = await failure(run(env, t, { n: 5, stratify: 'z' }));
      expect(unknown.message).toContain("unknown column 'z'; available: 'id', 'y', 'x'");
    }));
});
