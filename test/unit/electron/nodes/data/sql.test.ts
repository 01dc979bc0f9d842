import { describe, expect, it } from 'vitest';
import { sqlImplementation } from '../../../../../electron/nodes/data/sql.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import type { PortDeclaration } from '../../../../../shared/catalog/define.js';
import { sql } from '../../../../../shared/catalog/data/sql.js';
import { nodeCatalog } from '../../../../../shared/catalog/index.js';
import { exportPipelineYaml } from '../../../../../shared/pipeline/export.js';
import { parsePipelineYaml } from '../../../../../shared/pipeline/parse.js';
import { makeTestContext, withSession } from './context.js';

describe('data.sql node', () => {
  it('declares t1 required, t2/t3 optional, a sql widget and one table output', () => {
    const inputs: Record<string, PortDeclaration> = sql.inputs;
    expect(inputs.t1.optional).toBeFalsy();
    expect(inputs.t2.optional).toBe(true);
    expect(inputs.t3.optional).toBe(true);
    expect(sql.ui?.query).toEqual({ widget: 'sql' });
    expect(Object.keys(sql.outputs)).toEqual(['table']);
  });

  it('runs a query over t1, t2 and t3 by port name', () =>
    withSession(async (data, env) => {
      const a = await data.createTable(`SELECT * FROM (VALUES (1, 'x'), (2, 'y')) v(k, a)`, 'a');
      const b = await data.createTable(`SELECT * FROM (VALUES (1, 10), (2, 20)) v(k, b)`, 'b');
      const c = await data.createTable(`SELECT * FROM (VALUES (2, true)) v(k, c)`, 'c');
      const ctx = makeTestContext(process.cwd(), { nodeId: 'q' });
      const params = sql.params.parse({ query: 'SELECT k, a, b, c FROM t1 JOIN t2 USING (k) LEFT JOIN t3 USING (k) ORDER BY k' });
      const { table } = (await sqlImplementation.run(ctx, { t1: a, t2: b, t3: c }, params, env)) as { table: TableRef };
      expect(await data.all(`SELECT * FROM ${table.table}`)).toEqual([
        { k: 1, a: 'x', b: 10, c: null },
        { k: 2, a: 'y', b: 20, c: true },
      ]);
    }));

  it('refuses a write with the node, param and reason; an unconnected t2 is unknown', () =>
    withSession(async (data, env) => {
      const a = await data.createTable(`SELECT 1 AS k`, 'a');
      const ctx = makeTestContext(process.cwd(), { nodeId: 'q' });
      await expect(
        sqlImplementation.run(ctx, { t1: a }, sql.params.parse({ query: 'DROP TABLE t1' }), env),
      ).rejects.toMatchObject({ kind: 'invalid_input', where: { node: 'q', param: 'query' }, message: expect.stringMatching(/read-only/) });
      await expect(
        sqlImplementation.run(ctx, { t1: a }, sql.params.parse({ query: 'SELECT * FROM t2' }), env),
      ).rejects.toMatchObject({ kind: 'invalid_input', where: { node: 'q', param: 'query' }, message: expect.stringMatching(/unknown table 't2'/) });
      const error = await sqlImplementation
        .run(ctx, { t1: a }, sql.params.parse({ query: 'SELECT nope FROM t1' }), env)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'invalid_input', where: { node: 'q', param: 'query' } });
      expect((error as { describe(): string }).describe()).toMatch(/^node 'q', param 'query': Binder Error: Referenced column "nope"/);
    }));

  it('declares memory_limit (default 50%, validated) and time_limit_s (default none); YAML leaves defaults out', () => {
    expect(sql.params.parse({})).toEqual({ query: 'SELECT * FROM t1', memory_limit: '50%', time_limit_s: null });
    expect(sql.params.parse({ memory_limit: '2GB', time_limit_s: 1.5 })).toMatchObject({ memory_limit: '2GB', time_limit_s: 1.5 });
    for (const bad of [{ memory_limit: 'lots' }, { memory_limit: '200%' }, { memory_limit: '1KB' }, { time_limit_s: 0 }, { time_limit_s: -1 }]) {
      expect(sql.params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const doc = {
      plumb: 1 as const,
      name: 'p',
      nodes: [
        { id: 'src', type: 'data.read_csv', params: { path: 'x.csv' } },
        { id: 'a', type: 'data.sql', inputs: { t1: 'src.table' }, params: { query: 'SELECT 1', memory_limit: '50%', time_limit_s: null } },
        { id: 'b', type: 'data.sql', inputs: { t1: 'src.table' }, params: { query: 'SELECT 2', memory_limit: '2GB', time_limit_s: 30 } },
      ],
    };
    const yaml = exportPipelineYaml(doc, nodeCatalog);
    expect(yaml).not.toMatch(/50%|null/);
    expect(yaml).toMatch(/memory_limit: 2GB/);
    const back = parsePipelineYaml(yaml, { catalog: nodeCatalog });
    expect(back.nodes.slice(1).map((n) => n.params)).toEqual([{ query: 'SELECT 1' }, { query: 'SELECT 2', memory_limit: '2GB', time_limit_s: 30 }]);
    expect(exportPipelineYaml(back, nodeCatalog)).toBe(yaml);
  });

  it('cancelling the node interrupts the running query', () =>
    withSession(async (data, env) => {
      const a = await data.createTable(`SELECT 1 AS k`, 'a');
      const ctx = makeTestContext(process.cwd(), { nodeId: 'q' });
      const running = sqlImplementation.run(ctx, { t1: a }, sql.params.parse({ query: 'SELECT count(*) FROM range(1000000000000)' }), env);
      await new Promise((r) => setTimeout(r, 300));
      const cancelledAt = performance.now();
      ctx.cancel();
      await expect(running).rejects.toMatchObject({ kind: 'cancelled', where: { node: 'q' } });
      expect(performance.now() - cancelledAt).toBeLessThan(1000);
    }));

  it('a limit exceeded is a clean node failure naming the limit', () =>
    withSession(async (data, env) => {
      const a = await data.createTable(`SELECT 1 AS k`, 'a');
      const ctx = makeTestContext(process.cwd(), { nodeId: 'q' });
      const slow = sql.params.parse({ query: 'SELECT count(*) FROM range(1000000000000)', time_limit_s: 0.2 });
      const error = await sqlImplementation.run(ctx, { t1: a }, slow, env).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'runtime', where: { node: 'q', param: 'time_limit_s' } });
      expect((error as { describe(): string }).describe()).toMatch(/^node 'q', param 'time_limit_s': the query ran longer than time_limit_s \(0\.2 s\)/);
      const big = sql.params.parse({ query: 'SELECT list(range) FROM range(30000000)', memory_limit: '32MB' });
      await expect(sqlImplementation.run(ctx, { t1: a }, big, env)).rejects.toMatchObject({
        kind: 'runtime',
        where: { node: 'q', param: 'memory_limit' },
      });
    }));

  it('cannot read files, even with a CTE named after the path', () =>
    withSession(async (data, env) => {
      const a = await data.createTable(`SELECT 1 AS k`, 'a');
      const ctx = makeTestContext(process.cwd(), { nodeId: 'q' });
      const query = 'WITH "/etc/passwd" AS (SELECT * FROM "/etc/passwd") SELECT * FROM "/etc/passwd"';
      await expect(sqlImplementation.run(ctx, { t1: a }, sql.params.parse({ query }), env)).rejects.toMatchObject({
        kind: 'invalid_input',
        where: { node: 'q', param: 'query' },
        message: expect.stringMatching(/unknown table '\/etc\/passwd'/),
      });
    }));
});
