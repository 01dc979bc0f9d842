// Test helpers for model and evaluate nodes: run a node's `run` with params parsed by its declaration (defaults
// applied, as the engine does), and build or read tables with SQL.
import { afterAll, beforeAll } from 'vitest';
import type { z } from 'zod';
import type { NodeDeclaration } from '../../../../../shared/catalog/define.js';
import { openDataSession } from '../../../../../electron/data/session.js';
import { createWorkerPool } from '../../../../../electron/engine/workers.js';
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import type { PlumbNode, NodeEnv } from '../../../../../electron/nodes/env.js';
import type { PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import type { SeriesPoint } from '../../../../../electron/engine/types.js';
import { makeTestContext, type TestContext } from '../data/context.js';

export async function runNode<D extends NodeDeclaration>(
  node: PlumbNode<D>,
  env: NodeEnv,
  inputs: Record<string, unknown>,
  params: z.input<D['params']>,
  ctx: TestContext = makeTestContext(process.cwd(), { nodeId: 'n', nodeType: node.declaration.type }),
): Promise<Record<string, unknown>> {
  return node.run(ctx, inputs, node.declaration.params.parse(params) as z.output<D['params']>, env);
}

export async function train<D extends NodeDeclaration>(
  node: PlumbNode<D>,
  env: NodeEnv,
  table: TableRef,
  params: z.input<D['params']>,
  ctx?: TestContext,
): Promise<{ model: PlumbModelFile; history: SeriesPoint[] }> {
  const out = await runNode(node, env, { train: table }, params, ctx);
  return out as { model: PlumbModelFile; history: SeriesPoint[] };
}

export function table(data: DataSession, sql: string, hint = 'fixture'): Promise<TableRef> {
  return data.createTable(sql, hint);
}

export function rows(data: DataSession, ref: TableRef): Promise<Record<string, unknown>[]> {
  return data.all(`SELECT * FROM "${ref.table}"`);
}

/** The model file as it comes back from the cache or `--out`: JSON text parsed again. */
export function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** One DuckDB session and one worker pool for a whole test file (starting workers is the slow part). */
export function sharedEnv(): { env: () => NodeEnv } {
  let current: NodeEnv | undefined;
  beforeAll(async () => {
    const data = await openDataSession({ threads: 1 });
    current = { data, workers: createWorkerPool({ size: 1 }) };
  });
  afterAll(async () => {
    await current?.workers.close();
    await current?.data.close();
  });
  return {
    env: () => {
      if (!current) throw new Error('the shared test env is not open');
      return current;
    },
  };
}
