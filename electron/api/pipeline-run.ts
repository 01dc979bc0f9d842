// Runs a pipeline document with the real nodes: the glue used by the CLI and the app
// (plan from the document, a DuckDB session, the port codecs and an optional cache).
import { nodeCatalog } from '../../shared/catalog/index.js';
import { parsePortRef, type PipelineDocument } from '../../shared/pipeline/index.js';
import { invalidInput } from '../../shared/errors.js';
import { planNode, planSubset, type RunPlan } from '../engine/plan.js';
import { runPipeline, type RunResult } from '../engine/run.js';
import type { OutputCache, RunEvent } from '../engine/types.js';
import { openDataSession } from '../data/session.js';
import { createWorkerPool, type WorkerPool } from '../engine/workers.js';
import { availableParallelism } from 'node:os';
import { portCodecs } from '../nodes/codecs.js';
import { nodeImplementations } from '../nodes/index.js';
import type { NodeEnv } from '../nodes/env.js';

export function planFromDocument(doc: PipelineDocument, targetNode?: string): RunPlan {
  const plan: RunPlan = {
    nodes: doc.nodes.map((spec) => {
      const declaration = nodeCatalog.get(spec.type);
      if (!declaration) throw invalidInput(`unknown node type '${spec.type}'`, { node: spec.id });
      const inputs = Object.fromEntries(Object.entries(spec.inputs ?? {}).map(([port, ref]) => [port, parsePortRef(ref)]));
      return planNode(spec.id, declaration, spec.params ?? {}, inputs);
    }),
  };
  return targetNode ? planSubset(plan, targetNode) : plan;
}

export interface PipelineRunOptions {
  document: PipelineDocument;
  baseDir: string;
  cache?: OutputCache;
  signal?: AbortSignal;
  runId?: string;
  onEvent?: (event: RunEvent) => void;
  /** Called with each node's outputs (computed or loaded from the cache), e.g. to write `--out` files. */
  onNodeOutputs?: (nodeId: string, outputs: Record<string, unknown>, env: NodeEnv) => Promise<void>;
  /** Only this node and its ancestors. */
  targetNode?: string;
  /** A long-lived pool (the app's); without one, a pool lives for this run only. */
  workers?: WorkerPool;
}

export const defaultWorkerCount = (): number => Math.max(1, Math.min(4, availableParallelism()));

export async function runPipelineDocument(options: PipelineRunOptions): Promise<RunResult> {
  const plan = planFromDocument(options.document, options.targetNode);
  const data = await openDataSession();
  const workers = options.workers ?? createWorkerPool({ size: defaultWorkerCount() });
  const env: NodeEnv = { data, workers };
  const onNodeOutputs = options.onNodeOutputs;
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
      onNodeOutputs: onNodeOutputs ? (nodeId, outputs) => onNodeOutputs(nodeId, outputs, env) : undefined,
    });
  } finally {
    await data.close();
    if (!options.workers) await workers.close();
  }
}
