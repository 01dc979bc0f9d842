// Runs a pipeline document with the real nodes: plan from the document, a DuckDB session, the port codecs and an
// optional cache. api/runs.ts builds the app's and the CLI's runs on it.
import { nodeCatalog } from '../../shared/catalog/index.js';
import type { OutputCache, RunEvent } from '../../shared/api/run-types.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';
import { planFromDocument } from '../engine/plan.js';
import { runPipeline, type RunResult } from '../engine/run.js';
import { openDataSession } from '../data/session.js';
import { createWorkerPool, type WorkerPool } from '../engine/workers.js';
import { availableParallelism } from 'node:os';
import { portCodecs } from '../nodes/codecs.js';
import { nodeImplementations } from '../nodes/index.js';
import type { NodeEnv } from '../nodes/env.js';

export interface PipelineRunOptions {
  document: PipelineDocument;
  baseDir: string;
  cache?: OutputCache;
  signal?: AbortSignal;
  runId?: string;
  onEvent?: (event: RunEvent) => void;
  /** Called with each node's outputs (computed or loaded from the cache), e.g. to write `--out` files. */
  onNodeOutputs?: (nodeId: string, outputs: Record<string, unknown>, env: NodeEnv, cacheKey: string) => Promise<void>;
  /** Only this node and its ancestors. */
  targetNode?: string;
  /** A long-lived pool (the app's); without one, a pool lives for this run only. */
  workers?: WorkerPool;
  /** The project's registry, for `model.load`. */
  models?: NodeEnv['models'];
}

export const defaultWorkerCount = (): number => Math.max(1, Math.min(4, availableParallelism()));

export async function runPipelineDocument(options: PipelineRunOptions): Promise<RunResult> {
  const plan = planFromDocument(options.document, nodeCatalog, options.targetNode);
  const data = await openDataSession();
  const workers = options.workers ?? createWorkerPool({ size: defaultWorkerCount() });
  // Threads start beside the data nodes only when some node will need one.
  const heavyNodes = plan.nodes.filter((n) => n.declaration.heavy).length;
  if (heavyNodes) workers.warm?.(heavyNodes);
  // a run with its own pool is headless (the CLI): small fits skip the worker round-trip
  const env: NodeEnv = {
    data,
    workers,
    ...(options.workers ? {} : { smallFitsInProcess: true }),
    ...(options.models ? { models: options.models } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  };
  const onNodeOutputs = options.onNodeOutputs;
  // Cancel stops the DuckDB work in flight too (a long read_csv, a join): the run ends, and closing the session
  // below does not wait for a query nobody wants any more.
  const interrupt = () => data.interrupt();
  if (options.signal?.aborted) interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    return await runPipeline<NodeEnv>({
      plan,
      implementations: nodeImplementations,
      env,
      codecs: portCodecs,
      cache: options.cache,
      baseDir: options.baseDir,
      signal: options.signal,
      runId: options.runId,
      onEvent: options.onEvent,
      onNodeOutputs: onNodeOutputs ? (nodeId, outputs, cacheKey) => onNodeOutputs(nodeId, outputs, env, cacheKey) : undefined,
    });
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    await data.close();
    if (!options.workers) await workers.close();
  }
}
