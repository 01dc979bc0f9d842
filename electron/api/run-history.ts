// The runs history: runs.list (a page sorted and filtered in SQL), runs.show, runs.compare (param differences, the
// union of metrics with the best marked, curves, drift and explanation summaries), runs.annotate and runs.delete.
// The functions take the project so the CLI calls them too.
import { invalidInput } from '../../shared/errors.js';
import type { RunComparison, RunDetailView } from '../../shared/api/lifecycle.js';
import type { ApiRequest, ApiResponse } from '../../shared/api/contract.js';
import { metricDirection } from '../../shared/api/metric-direction.js';
import type { RunListing, RunSortKey } from '../store/run-history.js';
import type { ProjectFile } from '../store/project-file.js';
import { scalarMetrics } from '../store/run-records.js';
import { canonicalJson } from '../engine/cache-key.js';
import { driftSummary, topFeatures } from './run-summaries.js';
import type { ApiHandlers } from './service.js';

export function listRuns(project: ProjectFile, request: ApiRequest<'runs.list'> = {}): ApiResponse<'runs.list'> {
  const page = project.history.query({
    pipeline: request.pipeline,
    status: request.status,
    tag: request.tag,
    sort: request.sort as RunSortKey | undefined,
    descending: request.descending,
    offset: request.offset ?? 0,
    limit: request.limit ?? 200,
  });
  // Only alerts that started a retraining matter here; there are few of them.
  const retrainOf = new Map(project.alerts.list().flatMap((a) => (a.retrainRunId ? [[a.retrainRunId, a.id] as const] : [])));
  return {
    ...page,
    runs: page.runs.map((r) => (retrainOf.has(r.id) ? { ...r, retrainOfAlert: retrainOf.get(r.id) } : r)),
  };
}

/** A full run id, or a prefix that names exactly one run (as `plumb runs list` shows them). */
export function resolveRunId(project: ProjectFile, idOrPrefix: string): string {
  if (project.runs.get(idOrPrefix)) return idOrPrefix;
  const matches = idOrPrefix.length >= 4 ? project.history.idsStartingWith(idOrPrefix) : [];
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw invalidInput(`run id '${idOrPrefix}' is ambiguous: give more of it`, { file: project.path });
  throw invalidInput(`no run '${idOrPrefix}' in this project`, { file: project.path });
}

function requireRun(project: ProjectFile, runId: string) {
  const run = project.runs.get(runId);
  if (!run) throw invalidInput(`no run '${runId}' in this project`, { file: project.path });
  return run;
}

/** The listing fields of one run (the same as runs.list gives). */
function listingOf(project: ProjectFile, runId: string): RunListing {
  const run = requireRun(project, runId);
  const metrics: Record<string, number> = {};
  for (const record of project.metrics.list({ runId })) {
    for (const [key, value] of scalarMetrics(record.value)) metrics[`${record.nodeId}.${key}`] = value;
  }
  const tags = project.history.tags(runId);
  return {
    id: run.id,
    pipeline: run.pipeline,
    pipelineVersion: run.pipelineVersion ?? null,
    pipelineHash: run.pipelineHash,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    seconds: run.seconds,
    note: run.note,
    tags,
    metrics,
  };
}

export function showRun(project: ProjectFile, runId: string): RunDetailView {
  const run = requireRun(project, runId);
  return {
    ...listingOf(project, runId),
    overrides: run.overrides,
    error: run.error,
    computeBackend: run.computeBackend,
    plumbVersion: run.plumbVersion,
    nodes: run.nodes.map((n) => ({ id: n.id, type: n.type, status: n.status, seconds: n.seconds, error: n.error, params: n.params ?? null })),
    datasets: project.datasets.readBy(runId).map((d) => ({
      versionId: d.id,
      name: d.name,
      version: d.version,
      hash: d.hash,
      rowCount: d.rowCount,
      source: d.source,
      node: d.readBy,
    })),
    models: project.models.fromRun(runId),
  };
}

export function compareRuns(project: ProjectFile, runIds: readonly string[]): RunComparison {
  if (runIds.length < 2 || runIds.length > 10) throw invalidInput(`compare 2 to 10 runs (got ${runIds.length})`);
  const runs = runIds.map((id) => requireRun(project, id));
  const listings = runIds.map((id) => listingOf(project, id));

  const paramKeys = new Map<string, { node: string; param: string }>();
  for (const run of runs) {
    for (const node of run.nodes) {
      for (const param of Object.keys(node.params ?? {})) paramKeys.set(`${node.id}\u0000${param}`, { node: node.id, param });
    }
  }
  const params = [...paramKeys.values()].map(({ node, param }) => {
    const values = runs.map((run) => run.nodes.find((n) => n.id === node)?.params?.[param] ?? null);
    const texts = values.map((v) => canonicalOrString(v));
    return { node, param, values, differs: new Set(texts).size > 1 };
  });

  const metricNames = [...new Set(listings.flatMap((l) => Object.keys(l.metrics)))].sort();
  const metrics = metricNames.map((name) => {
    const values = listings.map((l) => l.metrics[name] ?? null);
    const better = metricDirection(name);
    const present = values.filter((v): v is number => v !== null);
    const target = better === 'higher' ? Math.max(...present) : better === 'lower' ? Math.min(...present) : undefined;
    const best = target === undefined || present.length < 2 ? [] : values.flatMap((v, i) => (v === target ? [i] : []));
    return { name, values, better, best };
  });

  const seriesKeys = new Map<string, { node: string; port: string }>();
  const seriesByRun = runIds.map((runId) => project.series.list({ runId }));
  for (const list of seriesByRun) for (const s of list) seriesKeys.set(`${s.nodeId}\u0000${s.port}`, { node: s.nodeId, port: s.port });
  const series = [...seriesKeys.values()].map(({ node, port }) => ({
    node,
    port,
    runs: seriesByRun.flatMap((list, i) => {
      const found = list.find((s) => s.nodeId === node && s.port === port);
      return found ? [{ runId: runIds[i], points: found.points as unknown as Record<string, number>[] }] : [];
    }),
  }));

  const byNode = <T>(lists: { nodeId: string; value: unknown }[][], summarize: (value: unknown) => T | undefined) => {
    const nodes = [...new Set(lists.flat().map((r) => r.nodeId))].sort();
    return nodes.map((node) => ({
      node,
      values: lists.map((list) => {
        const record = list.find((r) => r.nodeId === node);
        return record ? (summarize(record.value) ?? null) : null;
      }),
    }));
  };
  const drift = byNode(runIds.map((runId) => project.drift.list({ runId })), driftSummary);
  const explanations = byNode(runIds.map((runId) => project.explanations.list({ runId })), (v) => topFeatures(v));

  return { runs: listings, params, metrics, series, drift, explanations };
}

const canonicalOrString = (value: unknown): string => {
  try {
    return canonicalJson(value);
  } catch {
    return String(value);
  }
};

export function runHistoryHandlers(
  project: () => ProjectFile,
): Pick<ApiHandlers, 'runs.list' | 'runs.show' | 'runs.compare' | 'runs.delete' | 'runs.annotate'> {
  return {
    'runs.list': async (request) => listRuns(project(), request),
    'runs.show': async ({ runId }) => showRun(project(), runId),
    'runs.compare': async ({ runIds }) => compareRuns(project(), runIds),
    'runs.delete': async ({ runIds }) => project().history.delete(runIds),
    'runs.annotate': async ({ runId, note, tags }) => {
      project().history.annotate(runId, { note, tags });
      return {};
    },
  };
}
