import { describe, expect, it } from 'vitest';
import { sqlImplementation } from '../../../../../electron/nodes/data/sql.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import type { PortDeclaration } from '../../../../../shared/catalog/define.js';
import { sql } from '../../../../../shared/catalog/data/sql.js';
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
});
