// The model registry and dataset versions as the app and the CLI see them: register a run's model output with
// its metrics, params, signature, explanation summary and lineage; move and roll back aliases; the lineage of a
// version (model ← run ← pipeline version ← dataset versions); dataset versions with the runs that read them.
import { invalidInput } from '../../shared/errors.js';
import type { ApiResponse } from '../../shared/api/contract.js';
import type { DatasetColumnProfile, LineageView, ModelVersionView } from '../../shared/api/lifecycle.js';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { checkPipelineYaml, parsePortRef, type PipelineDocument } from '../../shared/pipeline/index.js';
import type { ColumnStats } from '../data/types.js';
import type { ProjectFile } from '../store/project-file.js';
import type { AliasMove, ModelVersion } from '../store/models.js';
import { scalarMetrics } from '../store/run-records.js';
import type { WorkerPool } from '../engine/workers.js';
import { loadModelFile, type PlumbModelFile } from '../ml/model-file.js';
import { diffDatasets } from './dataset-diff.js';
import { modelSignature, topFeatures } from './run-summaries.js';
import type { ApiHandlers } from './service.js';

export interface RegisterRequest {
  runId: string;
  node: string;
  name: string;
  alias?: string;
  note?: string;
  /** binary classifiers: written into the registered model file as `decision_threshold` */
  decisionThreshold?: number;
}

const view = (version: ModelVersion): ModelVersionView => version;

/** The pipeline version the run ran, when it is still in the project and readable. */
function runDocument(project: ProjectFile, pipeline: string, version: number | undefined): PipelineDocument | undefined {
  if (version === undefined) return undefined;
  try {
    const saved = project.pipelines.load(pipeline, version);
    return checkPipelineYaml(saved.yaml, { file: `${pipeline}.yaml`, catalog: nodeCatalog }).document;
  } catch {
    return undefined;
  }
}

/** Nodes of the document that read `node`'s model output. */
function consumersOf(document: PipelineDocument | undefined, node: string): Set<string> | undefined {
  if (!document) return undefined;
  const readers = document.nodes.filter((n) =>
    Object.values(n.inputs ?? {}).some((ref) => {
      const parsed = parsePortRef(ref);
      return parsed.node === node && parsed.port === 'model';
    }),
  );
  return new Set(readers.map((n) => n.id));
}

/** Registers a run's model output as the next version of `name`, all in one transaction (the store's). */
export function registerRunModel(project: ProjectFile, request: RegisterRequest): { version: ModelVersionView; created: boolean } {
  const { runId, node, name } = request;
  const run = project.runs.get(runId);
  if (!run) throw invalidInput(`no run '${runId}' in this project`, { file: project.path });
  const runNode = run.nodes.find((n) => n.id === node);
  if (!runNode) throw invalidInput(`run '${runId}' has no node '${node}'`, { file: project.path });
  if (nodeCatalog.get(runNode.type)?.outputs.model?.type !== 'model') {
    throw invalidInput(`node '${node}' (${runNode.type}) of run '${runId}' has no model output`, { file: project.path });
  }
  const output = project.runs.outputs(runId, node)?.model;
  if (!output) {
    throw invalidInput(`the model of node '${node}' in run '${runId}' is not in the project (the node did not finish, or its output was deleted)`, {
      file: project.path,
    });
  }
  let model: unknown;
  try {
    model = JSON.parse(new TextDecoder().decode(output));
  } catch {
    throw invalidInput(`the model output of node '${node}' in run '${runId}' is not a model file`, { file: project.path });
  }
  let bytes = output;
  if (request.decisionThreshold !== undefined) {
    model = withDecisionThreshold(model, request.decisionThreshold, `${node}.model`);
    bytes = new TextEncoder().encode(JSON.stringify(model));
  }

  // Metrics and explanations of the nodes that read this model; without the pipeline, all of the run's.
  const readers = consumersOf(runDocument(project, run.pipeline, run.pipelineVersion), node);
  const reads = (nodeId: string) => readers === undefined || readers.has(nodeId);
  const metrics: Record<string, number> = {};
  for (const record of project.metrics.list({ runId }).filter((r) => reads(r.nodeId))) {
    for (const [key, value] of scalarMetrics(record.value)) metrics[`${record.nodeId}.${key}`] = value;
  }
  const explained = project.explanations.list({ runId }).filter((r) => reads(r.nodeId));
  const explanation = explained
    .map((r) => ({ node: r.nodeId, method: methodOf(r.value), top: topFeatures(r.value) }))
    .find((e) => e.top !== undefined && e.top.length > 0);

  const registered = project.models.register({
    name,
    bytes,
    type: runNode.type,
    metrics,
    runId,
    nodeId: node,
    params: runNode.params,
    signature: modelSignature(model),
    explanation,
    pipeline: { name: run.pipeline, version: run.pipelineVersion, hash: run.pipelineHash ?? undefined },
    datasets: project.datasets.readBy(runId).map((d) => ({ versionId: d.id, role: d.readBy })),
    alias: request.alias,
    note: request.note,
  });
  const { created, ...version } = registered;
  return { version: view(version), created };
}

/** The model file with `decision_threshold` set, checked like any model file (only binary classifiers take one). */
function withDecisionThreshold(model: unknown, threshold: number, source: string): PlumbModelFile {
  const file = loadModelFile(model, source);
  if (file.task !== 'classification' || file.classes.length !== 2) {
    throw invalidInput(`a decision threshold needs a binary classifier; ${source} ${file.task === 'regression' ? 'is a regression model' : `has ${file.classes.length} classes`}`, { param: 'threshold' });
  }
  return loadModelFile({ ...file, decision_threshold: threshold }, source);
}

const methodOf = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && typeof (value as { method?: unknown }).method === 'string'
    ? (value as { method: string }).method
    : null;

/** All versions and the alias log of a model; `name@alias|version` also says which version it names. */
export function showModel(project: ProjectFile, ref: string): ApiResponse<'models.show'> {
  const selected = ref.includes('@') ? project.models.resolve(ref).version : undefined;
  const name = ref.split('@')[0];
  return {
    name,
    versions: project.models.versions(name).map(view),
    aliasLog: project.models.aliasLog(name),
    ...(selected !== undefined ? { selected } : {}),
  };
}

export function moveAlias(project: ProjectFile, name: string, alias: string, version: number | null, note?: string): AliasMove {
  if (version !== null) return project.models.setAlias(name, alias, version, note);
  project.models.deleteAlias(name, alias, note);
  return project.models.aliasLog(name, alias).at(-1)!;
}

export function modelLineage(project: ProjectFile, ref: string): LineageView {
  const model = project.models.resolve(ref);
  const run = model.runId ? project.runs.get(model.runId) : undefined;
  const pipeline = model.pipeline;
  const available = pipeline?.version != null && project.pipelines.get(pipeline.name) !== undefined &&
    project.pipelines.versions(pipeline.name).some((v) => v.version === pipeline.version);
  const modelId = `model:${model.name}@${model.version}`;
  const nodes: LineageView['graph']['nodes'] = [{ id: modelId, kind: 'model', label: `${model.name} v${model.version}` }];
  const edges: LineageView['graph']['edges'] = [];
  // Without its run the version still names its pipeline and datasets: they then point at the model directly.
  let consumer = modelId;
  if (run) {
    const runNode = `run:${run.id}`;
    nodes.push({ id: runNode, kind: 'run', label: `run ${run.id.slice(0, 8)} (${run.status})` });
    edges.push({ from: runNode, to: consumer });
    consumer = runNode;
  }
  if (pipeline) {
    const pipelineNode = `pipeline:${pipeline.name}@${pipeline.version ?? '?'}`;
    nodes.push({ id: pipelineNode, kind: 'pipeline', label: `${pipeline.name} v${pipeline.version ?? '?'}` });
    edges.push({ from: pipelineNode, to: consumer });
    consumer = pipelineNode;
  }
  for (const d of model.datasets) {
    const datasetNode = `dataset:${d.versionId}`;
    if (!nodes.some((n) => n.id === datasetNode)) nodes.push({ id: datasetNode, kind: 'dataset', label: `${d.name} v${d.version}` });
    edges.push({ from: datasetNode, to: consumer });
  }
  return {
    model: view(model),
    run: run ? { id: run.id, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt, seconds: run.seconds } : null,
    pipeline: pipeline ? { ...pipeline, available } : null,
    datasets: model.datasets,
    graph: { nodes, edges },
  };
}

/** The stats a version was recorded with, without histograms and top values (the list stays small). */
function columnProfiles(stats: unknown): DatasetColumnProfile[] {
  if (!Array.isArray(stats)) return [];
  return (stats as ColumnStats[]).map(({ name, type, missing, distinct, distinctApproximate, mean, std, min, max }) => ({
    name,
    type,
    missing,
    distinct,
    ...(distinctApproximate ? { distinctApproximate } : {}),
    mean,
    std,
    min,
    max,
  }));
}

export function listDatasets(project: ProjectFile): ApiResponse<'datasets.list'> {
  return {
    datasets: project.datasets.list().map(({ name }) => ({
      name,
      versions: project.datasets.versions(name).map((v) => ({
        id: v.id,
        version: v.version,
        hash: v.hash,
        size: v.size,
        format: v.format,
        rowCount: v.rowCount,
        sampleRows: v.sampleRows,
        source: v.source,
        createdAt: v.createdAt,
        runs: project.datasets.runsOf(v.id),
        columns: columnProfiles(v.stats),
      })),
    })),
  };
}

export function registryHandlers(
  project: () => ProjectFile,
  workers?: WorkerPool,
): Pick<
  ApiHandlers,
  'models.list' | 'models.show' | 'models.register' | 'models.alias' | 'models.rollback' | 'models.lineage' | 'datasets.list' | 'datasets.diff'
> {
  return {
    'models.list': async () => ({ models: project().models.list() }),
    'models.show': async ({ model }) => showModel(project(), model),
    'models.register': async (request) => registerRunModel(project(), request),
    'models.alias': async ({ name, alias, version, note }) => ({ move: moveAlias(project(), name, alias, version, note) }),
    'models.rollback': async ({ name, alias, note }) => ({ move: project().models.rollbackAlias(name, alias, note) }),
    'models.lineage': async ({ model }) => modelLineage(project(), model),
    'datasets.list': async () => listDatasets(project()),
    'datasets.diff': async ({ a, b }) => diffDatasets(project(), a, b, workers),
  };
}
