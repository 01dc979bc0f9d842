// Runs: `startRun`, the one way a pipeline runs (the app's runs.start and `plumb run` both call it), and the
// runs.* handlers of the app, which keep the runs in flight so they can be cancelled.
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput, toPlumbError } from '../../shared/errors.js';
import type { AppRunEvent } from '../../shared/api/contract.js';
import type { OutputCache, RunEvent } from '../../shared/api/run-types.js';
import { flattenComponents, issuesToError, resolveParams, upstreamClosure, type PipelineDocument } from '../../shared/pipeline/index.js';
import { DirectoryCache } from '../engine/cache-dir.js';
import type { RunResult } from '../engine/run.js';
import type { WorkerPool } from '../engine/workers.js';
import type { TableRef } from '../data/types.js';
import type { NodeEnv } from '../nodes/env.js';
import type { ProjectFile } from '../store/project-file.js';
import { expectedComputeBackend } from './compute-backend.js';
import { profileDataset } from './dataset-profile.js';
import { registeredModels } from './model-lookup.js';
import { writeOutputFiles } from './output-files.js';
import { PLUMB_VERSION } from './plumb-version.js';
import { runPipelineDocument } from './pipeline-run.js';
import { loadPipeline } from './pipelines.js';
import type { ExactRun } from './rerun.js';
import { isDatasetSource, startRunRecord, type RaisedAlert, type RunRecorder } from './run-recorder.js';
import type { ApiHandlers } from './service.js';

export interface RunRequest {
  document: PipelineDocument;
  /** Folder that relative file params resolve against. */
  baseDir: string;
  /** Record the run in this project (statuses, outputs, alerts, datasets) and cache node outputs there. */
  record?: {
    project: ProjectFile;
    pipeline: string;
    version: number;
    overrides?: Record<string, unknown>;
    note?: string;
    tags?: readonly string[];
    /** Default: the backend this process would train on. */
    computeBackend?: string;
    /** Default: a random UUID (the sample project pins its runs' ids). */
    runId?: string;
  };
  /** Without a project: cache node outputs in this folder. */
  cacheFolder?: string;
  /** Write every output port to `<outDir>/<node>/<port>.<ext>`. */
  outDir?: string;
  /** Only this node and what it needs. */
  targetNode?: string;
  /** Recompute every node (outputs are still cached for later runs): a retraining must refit, not reuse. */
  refit?: boolean;
  workers?: WorkerPool;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent, runId: string) => void;
}

export interface StartedRun {
  runId: string;
  /** Settles once the run is over and recorded; rejects when the run could not run at all (recorded as failed). */
  finished: Promise<{ result: RunResult; alerts: readonly RaisedAlert[] }>;
}

/** Every node with its params as the run uses them (defaults filled in); as written when they do not parse. */
function effectiveNodeParams(document: PipelineDocument): { id: string; type: string; params?: Record<string, unknown> }[] {
  let effective: Map<string, Record<string, unknown>> | undefined;
  try {
    effective = resolveParams(document, nodeCatalog);
  } catch {
    // The run itself reports the problem.
  }
  return document.nodes.map((n) => ({ id: n.id, type: n.type, params: effective?.get(n.id) ?? n.params }));
}

/**
 * Profiles a dataset source's table for its dataset version, unless a version of the same content already has
 * its stats (profiling reads the whole table: once per content is enough).
 */
async function profileSource(project: ProjectFile, recorder: RunRecorder, nodeId: string, outputs: Record<string, unknown>, env: NodeEnv, cacheKey: string): Promise<void> {
  const blob = project.cache.outputHash(cacheKey, 'table');
  const table = outputs.table as TableRef | undefined;
  if (!blob || !table || project.datasets.profiled(blob.hash)) return;
  recorder.recordDatasetProfile(nodeId, await profileDataset(env.data, table, { contentHash: blob.hash, withSample: blob.size > project.blobCapBytes }));
}

/** A cache that keeps what a run computes but never answers from what it had. */
function writeOnly(cache: OutputCache): OutputCache {
  return { has: async () => false, get: async () => undefined, put: (key, outputs) => cache.put(key, outputs) };
}

/** Starts a run at once; its id is known (and its record written) before this returns. */
export function startRun(request: RunRequest): StartedRun {
  const { document, record, outDir } = request;
  // Nodes as the engine runs them: components flattened into `<node id>/<inner id>`.
  const flat = flattenComponents(document);
  const recorder = record
    ? startRunRecord(record.project, {
        pipeline: record.pipeline,
        version: record.version,
        overrides: record.overrides,
        nodes: effectiveNodeParams(flat),
        computeBackend: record.computeBackend ?? expectedComputeBackend(),
        plumbVersion: PLUMB_VERSION,
        note: record.note,
        tags: record.tags,
        runId: record.runId,
      })
    : undefined;
  const runId = recorder?.runId ?? randomUUID();
  const stored: OutputCache | undefined = record?.project.cache ?? (request.cacheFolder ? new DirectoryCache(request.cacheFolder) : undefined);
  const cache = stored && request.refit ? writeOnly(stored) : stored;
  const declarationOf = (nodeId: string) => nodeCatalog.get(flat.nodes.find((n) => n.id === nodeId)!.type)!;

  const finished = (async () => {
    try {
      const result = await runPipelineDocument({
        document,
        baseDir: request.baseDir,
        cache,
        workers: request.workers,
        signal: request.signal,
        runId,
        targetNode: request.targetNode,
        models: record ? registeredModels(record.project) : undefined,
        onEvent: (event) => {
          recorder?.onEvent(event);
          request.onEvent?.(event, runId);
        },
        onNodeOutputs:
          recorder || outDir
            ? async (nodeId, outputs, env, cacheKey) => {
                const declaration = declarationOf(nodeId);
                recorder?.recordOutputs(nodeId, declaration, outputs);
                if (recorder && record && isDatasetSource(declaration.type)) await profileSource(record.project, recorder, nodeId, outputs, env, cacheKey);
                if (outDir) await writeOutputFiles(outDir, nodeId, declaration, outputs, env);
              }
            : undefined,
      });
      recorder?.finish(result);
      return { result, alerts: recorder?.alerts ?? [] };
    } catch (e) {
      try {
        recorder?.finish({ runId, status: 'failed', seconds: 0, nodes: [], outputs: new Map() });
      } catch {
        // The first error is the one to report.
      }
      throw e;
    }
  })();
  return { runId, finished };
}

export interface AppRunsOptions {
  /** The open project. */
  project: () => ProjectFile;
  workers: WorkerPool;
  emit: (event: AppRunEvent) => void;
  /** Called after a run of the still-open project ended (not cancelled), with the alerts it raised. */
  afterRun: (runId: string, alerts: readonly RaisedAlert[], retrainChain: readonly string[]) => void;
}

export interface StartOptions {
  /** Only this node and what it needs. */
  targetNode?: string;
  /** The pipelines retrained on the way here (no retraining loops). */
  retrainChain?: readonly string[];
  /** Run this recorded pipeline version with these overrides (runs.rerun) instead of the latest save. */
  exact?: ExactRun;
  /** Recompute every node instead of reusing cached outputs (an alert's retraining). */
  refit?: boolean;
}

export interface AppRuns {
  handlers: Pick<ApiHandlers, 'runs.start' | 'runs.cancel' | 'runs.nodeStates'>;
  /**
   * Starts a run of a saved pipeline in the background and returns its id at once (synchronously, so two callers
   * can never both start the retraining of one alert). `retrainChain` lists the pipelines retrained on the way.
   */
  start(pipeline: string, options?: StartOptions): string;
  cancelAll(): Promise<void>;
}

export function createAppRuns(options: AppRunsOptions): AppRuns {
  const { emit } = options;
  const active = new Map<string, { abort: AbortController; done: Promise<void> }>();

  /** Engine events as the app forwards them: with the run id; run_finished only once the record is final. */
  function forward(event: RunEvent, runId: string): void {
    if (event.kind === 'run_started') return emit({ kind: 'run_started', runId, nodes: event.nodes });
    if (event.kind === 'node_status') {
      return emit({ kind: 'node_status', runId, node: event.node, status: event.status, seconds: event.seconds, error: event.error });
    }
    if (event.kind === 'run_finished') return;
    emit({ ...event, runId });
  }

  function start(pipeline: string, { targetNode, retrainChain = [], exact, refit }: StartOptions = {}): string {
    const project = options.project();
    const { document, issues, version } = exact ? { ...exact, issues: [] } : loadPipeline(project, pipeline);
    // Run to a node: only problems of that node and its ancestors stand in the way.
    const needed = targetNode && document.nodes.some((n) => n.id === targetNode) ? new Set(upstreamClosure(document, targetNode).nodes.map((n) => n.id)) : undefined;
    const blocking = needed ? issues.filter((issue) => !issue.node || needed.has(issue.node)) : issues;
    if (blocking.length) throw issuesToError(blocking);
    const abort = new AbortController();
    const run = startRun({
      document,
      baseDir: dirname(project.path),
      record: { project, pipeline, version, overrides: exact?.overrides },
      workers: options.workers,
      signal: abort.signal,
      targetNode,
      refit,
      onEvent: forward,
    });
    const { runId } = run;
    const done = run.finished
      .then(
        ({ result, alerts }) => {
          emit({ kind: 'run_finished', runId, status: result.status, seconds: result.seconds });
          if (result.status !== 'cancelled' && project === options.project()) options.afterRun(runId, alerts, retrainChain);
        },
        (e: unknown) => {
          const error = toPlumbError(e);
          emit({ kind: 'node_log', runId, node: error.where.node ?? '', level: 'warn', message: error.message });
          emit({ kind: 'run_finished', runId, status: 'failed', seconds: 0 });
        },
      )
      .finally(() => active.delete(runId));
    active.set(runId, { abort, done });
    return runId;
  }

  const handlers: AppRuns['handlers'] = {
    'runs.start': async ({ pipeline, targetNode }) => ({ runId: start(pipeline, { targetNode }) }),
    'runs.cancel': async ({ runId }) => {
      active.get(runId)?.abort.abort();
      return {};
    },
    'runs.nodeStates': async ({ runId }) => {
      const run = options.project().runs.get(runId);
      if (!run) throw invalidInput(`no run '${runId}' in this project`);
      return {
        nodes: run.nodes.map((n) => ({ node: n.id, status: n.status === 'interrupted' ? 'cancelled' : n.status, seconds: n.seconds, error: n.error })),
      };
    },
  };

  return {
    handlers,
    start,
    async cancelAll() {
      for (const run of active.values()) run.abort.abort();
      await Promise.all([...active.values()].map((r) => r.done));
    },
  };
}
