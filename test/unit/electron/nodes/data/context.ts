// Test doubles for running node implementations without the engine: a NodeRunContext that records
// warnings, progress and series, and a DataSession that is opened and closed around a test body.
import { isAbsolute, resolve } from 'node:path';
import { cancelledError } from '../../../../../shared/errors.js';
import { openDataSession } from '../../../../../electron/data/session.js';
import type { DataSession } from '../../../../../electron/data/types.js';
import type { NodeRunContext, SeriesPoint } from '../../../../../electron/engine/types.js';
import { createWorkerPool, type WorkerPool } from '../../../../../electron/engine/workers.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';

export interface TestContext extends NodeRunContext {
  readonly warnings: string[];
  readonly progressCalls: { fraction: number; message?: string }[];
  readonly seriesPoints: { port: string; points: SeriesPoint[] }[];
  /** Aborts `signal`, so the next throwIfCancelled() throws. */
  cancel(): void;
}

export function makeTestContext(
  baseDir: string = process.cwd(),
  options: { nodeId?: string; nodeType?: string } = {},
): TestContext {
  const controller = new AbortController();
  const warnings: string[] = [];
  const progressCalls: { fraction: number; message?: string }[] = [];
  const seriesPoints: { port: string; points: SeriesPoint[] }[] = [];
  const nodeId = options.nodeId ?? 'node';
  return {
    nodeId,
    nodeType: options.nodeType ?? 'test.node',
    signal: controller.signal,
    warnings,
    progressCalls,
    seriesPoints,
    cancel: () => controller.abort(),
    throwIfCancelled() {
      if (controller.signal.aborted) throw cancelledError({ node: nodeId });
    },
    progress: (fraction, message) => progressCalls.push({ fraction, message }),
    series: (port, points) => seriesPoints.push({ port, points }),
    warn: (message) => warnings.push(message),
    resolvePath: (path) => (isAbsolute(path) ? path : resolve(baseDir, path)),
  };
}

/** A worker pool that starts its threads only when a task is run (most node tests never need one). */
function lazyWorkerPool(size: number): WorkerPool {
  let pool: WorkerPool | undefined;
  return {
    run: (task, payload, options) => (pool ??= createWorkerPool({ size })).run(task, payload, options),
    stats: () => pool?.stats() ?? { workers: 0, busy: 0, queued: 0, replaced: 0 },
    close: async () => {
      await pool?.close();
    },
  };
}

/** Opens a 1-thread session, runs `fn` with it (and a NodeEnv around it), and always closes both. */
export async function withSession<T>(fn: (data: DataSession, env: NodeEnv) => Promise<T>): Promise<T> {
  const data = await openDataSession({ threads: 1 });
  const workers = lazyWorkerPool(1);
  try {
    return await fn(data, { data, workers });
  } finally {
    await workers.close();
    await data.close();
  }
}
