// Runs a plan: topological scheduling with bounded concurrency, cache hits with lazily loaded outputs,
// failures that stop only descendants, and cancel that returns promptly even if a node ignores it.
import { randomUUID } from 'node:crypto';
import { cancelledError, invalidInput, PlumbError, runtimeError, toPlumbError } from '../../shared/errors.js';
import type { PortType } from '../../shared/catalog/ports.js';
import { cacheKey, fileParamHashes, hashFile } from './cache-key.js';
import { createNodeContext, type NodeContextHandle } from './node-context.js';
import { topologicalOrder, type PlannedNode, type RunPlan } from './plan.js';
import type { NodeImplementation, OutputCache, PortCodec, RunEvent, RunStatus } from './types.js';

/** How long running nodes get to stop after a cancel before the run stops waiting for them. */
export const CANCEL_GRACE_MS = 100;

export type NodeOutcome = 'done' | 'cached' | 'failed' | 'skipped' | 'cancelled';

export interface NodeResult {
  id: string;
  type: string;
  status: NodeOutcome;
  seconds: number;
  error?: PlumbError;
  cacheKey?: string;
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  seconds: number;
  /** In plan order. */
  nodes: NodeResult[];
  /** Outputs of executed nodes, and those ports of cached nodes that had to be loaded. */
  outputs: Map<string, Record<string, unknown>>;
}

export interface RunOptions<Env> {
  plan: RunPlan;
  implementations: ReadonlyMap<string, NodeImplementation<Env>>;
  env: Env;
  codecs: Record<PortType, PortCodec<Env>>;
  cache?: OutputCache;
  /** Folder that relative paths (file params, ctx.resolvePath) resolve against. */
  baseDir: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Called with every node's full outputs (executed or cached) before its final status event. */
  onNodeOutputs?: (node: string, outputs: Record<string, unknown>, cacheKey: string) => Promise<void>;
  /** Nodes executing at once; default 2. */
  concurrency?: number;
  runId?: string;
}

type NodeState = 'waiting' | 'running' | NodeOutcome;

export async function runPipeline<Env>(options: RunOptions<Env>): Promise<RunResult> {
  const { plan, implementations, env, codecs, cache, baseDir, onNodeOutputs } = options;
  const order = topologicalOrder(plan);
  for (const node of order) {
    const impl = implementations.get(node.declaration.type);
    if (!impl) throw invalidInput(`no implementation for node type '${node.declaration.type}'`, { node: node.id });
    if (impl.declaration.version !== node.declaration.version) {
      throw invalidInput(
        `node type '${node.declaration.type}' version ${node.declaration.version} is not implemented (have ${impl.declaration.version})`,
        { node: node.id },
      );
    }
  }

  const runId = options.runId ?? randomUUID();
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const startedAt = performance.now();
  const elapsed = (since: number) => (performance.now() - since) / 1000;
  const emit = (event: RunEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's bug must not corrupt the run's state machine.
    }
  };

  const abort = new AbortController();
  const onAbort = () => abort.abort();
  if (options.signal?.aborted) abort.abort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const aborted = new Promise<void>((res) => {
    if (abort.signal.aborted) res();
    else abort.signal.addEventListener('abort', () => res(), { once: true });
  });

  const state = new Map<string, NodeState>(order.map((n) => [n.id, 'waiting']));
  const results = new Map<string, NodeResult>();
  const keys = new Map<string, string>();
  const outputs = new Map<string, Record<string, unknown>>();
  const cachedBytes = new Map<string, Promise<Record<string, Uint8Array>>>();
  const loadedPorts = new Map<string, Promise<unknown>>();
  const failedAncestor = new Map<string, string>();
  const fileHashes = new Map<string, Promise<string>>();
  const byId = new Map(order.map((n) => [n.id, n]));
  const nodeStartedAt = new Map<string, number>();

  const settle = (node: PlannedNode, status: NodeOutcome, seconds: number, error?: PlumbError) => {
    const current = state.get(node.id);
    if (current !== 'waiting' && current !== 'running') return;
    state.set(node.id, status);
    const key = keys.get(node.id);
    results.set(node.id, {
      id: node.id,
      type: node.declaration.type,
      status,
      seconds,
      ...(error ? { error } : {}),
      ...(key ? { cacheKey: key } : {}),
    });
    emit({
      kind: 'node_status',
      node: node.id,
      status,
      seconds,
      ...(error ? { error: error.message } : {}),
      ...(key ? { cacheKey: key } : {}),
    });
  };

  const hashOnce = (path: string) => {
    let hash = fileHashes.get(path);
    if (!hash) fileHashes.set(path, (hash = hashFile(path)));
    return hash;
  };

  const keyOf = async (node: PlannedNode, impl: NodeImplementation<Env>) => {
    const inputs: Record<string, { key: string; port: string }> = {};
    for (const [port, ref] of Object.entries(node.inputs)) inputs[port] = { key: keys.get(ref.node) as string, port: ref.port };
    return cacheKey({
      type: node.declaration.type,
      version: node.declaration.version,
      implVersion: impl.implVersion,
      params: node.params,
      inputs,
      files: await fileParamHashes(node, baseDir, hashOnce),
      extra: impl.keyMaterial ? await impl.keyMaterial(node.params, env) : undefined,
    });
  };

  const codecFor = (nodeId: string, port: string) => {
    const type = byId.get(nodeId)?.declaration.outputs[port]?.type;
    if (!type) throw runtimeError(`node '${nodeId}' has no output '${port}'`);
    return codecs[type];
  };

  const cachedEntry = (nodeId: string): Promise<Record<string, Uint8Array>> => {
    let entry = cachedBytes.get(nodeId);
    if (!entry) {
      const key = keys.get(nodeId) as string;
      entry = (async () => {
        // A cache returns nothing for an entry whose bytes no longer match their hash (then the node is recomputed).
        const found = await cache?.get(key);
        if (!found) throw runtimeError(`the cache entry of node '${nodeId}' is missing or corrupted`);
        return found;
      })();
      cachedBytes.set(nodeId, entry);
    }
    return entry;
  };

  // Cached outputs are loaded per port and only on demand: a fully cached run decodes nothing.
  const portValue = (nodeId: string, port: string): Promise<unknown> => {
    if (state.get(nodeId) === 'done') return Promise.resolve(outputs.get(nodeId)?.[port]);
    const memoKey = `${nodeId}\u0000${port}`;
    let value = loadedPorts.get(memoKey);
    if (!value) {
      value = (async () => {
        const fresh = recomputed.get(nodeId);
        if (fresh) return (await fresh)[port];
        try {
          const raw = (await cachedEntry(nodeId))[port];
          if (!raw) throw runtimeError(`the cache entry of node '${nodeId}' has no output '${port}'`);
          const loaded = await codecFor(nodeId, port).load(raw, env);
          outputs.set(nodeId, { ...outputs.get(nodeId), [port]: loaded });
          return loaded;
        } catch (e) {
          if (abort.signal.aborted) throw e;
          return (await recompute(nodeId, e))[port];
        }
      })();
      loadedPorts.set(memoKey, value);
    }
    return value;
  };

  const cachedOutputs = async (node: PlannedNode) => {
    let entry: Record<string, Uint8Array>;
    try {
      entry = await cachedEntry(node.id);
    } catch (e) {
      return recompute(node.id, e);
    }
    const record: Record<string, unknown> = {};
    for (const port of Object.keys(node.declaration.outputs)) {
      if (entry[port]) record[port] = await portValue(node.id, port);
    }
    return record;
  };

  // A cache entry that is gone, fails its hash check or does not decode costs a recomputation, not the run.
  const recomputed = new Map<string, Promise<Record<string, unknown>>>();
  const recompute = (nodeId: string, why: unknown): Promise<Record<string, unknown>> => {
    let produced = recomputed.get(nodeId);
    if (!produced) {
      const node = byId.get(nodeId) as PlannedNode;
      const impl = implementations.get(node.declaration.type) as NodeImplementation<Env>;
      emit({ kind: 'node_log', node: nodeId, level: 'warn', message: `cached outputs unusable (${toPlumbError(why).message}); recomputing` });
      produced = (async () => {
        const inputs: Record<string, unknown> = {};
        for (const [port, ref] of Object.entries(node.inputs)) inputs[port] = await portValue(ref.node, ref.port);
        const handle = createNodeContext({ nodeId, nodeType: node.declaration.type, signal: abort.signal, baseDir, emit });
        try {
          const fresh = checkOutputs(node, await impl.run(handle.ctx, inputs, node.params, env));
          handle.finish();
          outputs.set(nodeId, fresh);
          if (cache) await saveToCache(node, keys.get(nodeId) as string, fresh);
          return fresh;
        } catch (e) {
          handle.close();
          throw e;
        }
      })();
      recomputed.set(nodeId, produced);
    }
    return produced;
  };

  const executeNode = async (node: PlannedNode): Promise<void> => {
    const impl = implementations.get(node.declaration.type) as NodeImplementation<Env>;
    const since = performance.now();
    nodeStartedAt.set(node.id, since);
    let handle: NodeContextHandle | undefined;
    try {
      const key = await keyOf(node, impl);
      keys.set(node.id, key);
      if (abort.signal.aborted) throw cancelledError({ node: node.id });

      if (cache && (await cache.has(key))) {
        if (onNodeOutputs) await onNodeOutputs(node.id, await cachedOutputs(node), key);
        settle(node, 'cached', elapsed(since));
        return;
      }

      emit({ kind: 'node_status', node: node.id, status: 'running' });
      const inputs: Record<string, unknown> = {};
      for (const [port, ref] of Object.entries(node.inputs)) inputs[port] = await portValue(ref.node, ref.port);
      if (abort.signal.aborted) throw cancelledError({ node: node.id });

      handle = createNodeContext({ nodeId: node.id, nodeType: node.declaration.type, signal: abort.signal, baseDir, emit });
      const returned = await impl.run(handle.ctx, inputs, node.params, env);
      // Outputs that arrive after a cancel are discarded: the user asked to stop.
      if (abort.signal.aborted) throw cancelledError({ node: node.id });
      const produced = checkOutputs(node, returned);
      handle.finish();
      outputs.set(node.id, produced);
      const seconds = elapsed(since);

      if (cache) await saveToCache(node, key, produced);
      if (onNodeOutputs) await onNodeOutputs(node.id, produced, key);
      settle(node, 'done', seconds);
    } catch (e) {
      handle?.close();
      if (abort.signal.aborted) {
        settle(node, 'cancelled', elapsed(since), cancelledError({ node: node.id }));
        return;
      }
      let error = toPlumbError(e, { node: node.id });
      if (error.kind === 'cancelled') error = runtimeError('stopped itself as cancelled while the run was not', { node: node.id });
      settle(node, 'failed', elapsed(since), error);
    }
  };

  const saveToCache = async (node: PlannedNode, key: string, produced: Record<string, unknown>) => {
    try {
      const bytes: Record<string, Uint8Array> = {};
      for (const [port, value] of Object.entries(produced)) bytes[port] = await codecFor(node.id, port).save(value, env);
      await cache?.put(key, bytes);
    } catch (e) {
      // A cache that cannot be written costs speed next time, not this run's results.
      emit({ kind: 'node_log', node: node.id, level: 'warn', message: `not cached: ${toPlumbError(e).message}` });
    }
  };

  emit({ kind: 'run_started', runId, nodes: order.map((n) => n.id) });
  for (const node of order) emit({ kind: 'node_status', node: node.id, status: 'queued' });

  const running = new Map<string, Promise<void>>();
  while (!abort.signal.aborted) {
    for (const node of order) {
      if (state.get(node.id) !== 'waiting') continue;
      const upstream = Object.values(node.inputs).map((ref) => ref.node);
      const blocked = upstream.find((u) => ['failed', 'skipped', 'cancelled'].includes(state.get(u) as string));
      if (blocked !== undefined) {
        const root = failedAncestor.get(blocked) ?? blocked;
        failedAncestor.set(node.id, root);
        const why = state.get(blocked) === 'cancelled' ? 'was cancelled' : 'failed';
        settle(node, 'skipped', 0, new PlumbError('runtime', `skipped because upstream node '${root}' ${why}`, { node: node.id }));
        continue;
      }
      if (running.size >= concurrency) continue;
      if (upstream.every((u) => state.get(u) === 'done' || state.get(u) === 'cached')) {
        state.set(node.id, 'running');
        running.set(node.id, executeNode(node).finally(() => running.delete(node.id)));
      }
    }
    if (running.size === 0) break;
    await Promise.race([...running.values(), aborted]);
  }

  if (abort.signal.aborted) {
    for (const node of order) if (state.get(node.id) === 'waiting') settle(node, 'cancelled', 0, cancelledError({ node: node.id }));
    if (running.size) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>((res) => (timer = setTimeout(res, CANCEL_GRACE_MS)));
      await Promise.race([Promise.all(running.values()), grace]);
      clearTimeout(timer);
      // Nodes that ignored the signal keep running in the background; their results are dropped.
      for (const id of running.keys()) {
        const node = byId.get(id) as PlannedNode;
        settle(node, 'cancelled', elapsed(nodeStartedAt.get(id) ?? startedAt), cancelledError({ node: id }));
      }
    }
  }
  options.signal?.removeEventListener('abort', onAbort);

  const nodes = plan.nodes.map((n) => results.get(n.id) as NodeResult);
  const status = runStatus(nodes, abort.signal.aborted);
  const seconds = elapsed(startedAt);
  emit({ kind: 'run_finished', status, seconds });
  for (const id of [...outputs.keys()]) if (results.get(id)?.status === 'cancelled') outputs.delete(id);
  return { runId, status, seconds, nodes, outputs };
}

function checkOutputs(node: PlannedNode, returned: unknown): Record<string, unknown> {
  if (typeof returned !== 'object' || returned === null) {
    throw runtimeError('the node returned no outputs', { node: node.id });
  }
  const record = returned as Record<string, unknown>;
  const produced: Record<string, unknown> = {};
  for (const [port, decl] of Object.entries(node.declaration.outputs)) {
    if (record[port] === undefined) {
      if (decl.optional) continue;
      throw runtimeError(`the node did not return its output '${port}'`, { node: node.id });
    }
    produced[port] = record[port];
  }
  return produced;
}

function runStatus(nodes: readonly NodeResult[], cancelled: boolean): RunStatus {
  if (cancelled) return 'cancelled';
  const failures = nodes.filter((n) => n.status === 'failed');
  if (failures.some((n) => n.error?.kind !== 'gate_failed')) return 'failed';
  return failures.length ? 'gate_failed' : 'ok';
}
