// The app API implementation (transport-agnostic): project, pipelines, runs and output previews.
// Runs execute in the background; their events fan out to subscribers and into the project file.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput, PlumbError, toPlumbError } from '../../shared/errors.js';
import type { AlertView, AppRunEvent } from '../../shared/api/contract.js';
import { driftReportHtml } from '../../shared/drift/html-report.js';
import { readDriftReport } from '../../shared/drift/report-view.js';
import {
  checkPipelineYaml,
  exportPipelineYaml,
  issuesToError,
  pipelineDocumentSchema,
  validatePipeline,
  type PipelineDocument,
  type PipelineIssue,
} from '../../shared/pipeline/index.js';
import { openDataSession } from '../data/session.js';
import type { DataSession, TableRef } from '../data/types.js';
import type { ApiHandlers, ApiService } from '../host/handlers.js';
import type { Alert } from '../store/alerts.js';
import { openProjectFile, type ProjectFile } from '../store/project-file.js';
import { defaultWorkerCount, runPipelineDocument } from './pipeline-run.js';
import { createWorkerPool } from '../engine/workers.js';
import { startRunRecord, type RaisedAlert } from './run-recorder.js';
import { expectedComputeBackend } from './compute-backend.js';
import { explainWhatIf } from './what-if.js';

export interface AppServiceOptions {
  projectPath: string;
  host: 'electron' | 'browser';
  /** Folder for app settings (recent projects). */
  userDataDir: string;
  computeBackend?: () => string;
}

interface ActiveRun {
  abort: AbortController;
  done: Promise<void>;
}

const toIssue = (i: PipelineIssue) => ({ message: i.message, node: i.node, key: i.key, line: i.line, column: i.column });

export interface AppService extends ApiService {
  close(): Promise<void>;
}

export async function createAppService(options: AppServiceOptions): Promise<AppService> {
  const computeBackend = expectedComputeBackend();
  let project: ProjectFile = openProjectFile(options.projectPath, { create: true });
  const listeners = new Set<(event: AppRunEvent) => void>();
  const activeRuns = new Map<string, ActiveRun>();
  let previewSession: DataSession | undefined;
  const previewTables = new Map<string, TableRef>();
  const recentFile = join(options.userDataDir, 'recent-projects.json');
  const workers = createWorkerPool({ size: defaultWorkerCount() });

  const emit = (event: AppRunEvent) => {
    for (const listener of listeners) listener(event);
  };

  async function rememberRecent(path: string): Promise<void> {
    const recent = await readRecent();
    const next = [path, ...recent.filter((p) => p !== path)].slice(0, 10);
    await mkdir(options.userDataDir, { recursive: true });
    await writeFile(recentFile, JSON.stringify(next, null, 2));
  }
  async function readRecent(): Promise<string[]> {
    try {
      const parsed = JSON.parse(await readFile(recentFile, 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  async function switchProject(path: string, create: boolean): Promise<string> {
    const next = openProjectFile(path, { create });
    await cancelAll();
    project.close();
    project = next;
    previewTables.clear();
    await rememberRecent(project.path);
    return project.path;
  }

  async function cancelAll(): Promise<void> {
    for (const run of activeRuns.values()) run.abort.abort();
    await Promise.all([...activeRuns.values()].map((r) => r.done));
  }

  const projectDir = () => dirname(project.path);

  function loadDocument(name: string): { document: PipelineDocument; issues: PipelineIssue[]; version: number } {
    const saved = project.pipelines.load(name);
    const checked = checkPipelineYaml(saved.yaml, { file: `${name}.yaml`, catalog: nodeCatalog });
    if (!checked.document) {
      throw new PlumbError('invalid_input', `pipeline '${name}' in the project is not readable`, {}, checked.issues.map((i) => i.message));
    }
    return { document: checked.document, issues: checked.issues, version: saved.version };
  }

  function saveDocument(name: string, document: PipelineDocument, message?: string): { version: number; issues: PipelineIssue[] } {
    const doc = { ...document, name };
    const issues = validatePipeline(doc, nodeCatalog);
    const { version } = project.pipelines.saveIfChanged(name, exportPipelineYaml(doc, nodeCatalog), undefined, message);
    return { version, issues };
  }

  async function previewData(): Promise<DataSession> {
    previewSession ??= await openDataSession();
    return previewSession;
  }

  async function outputTable(runId: string, node: string, port: string): Promise<TableRef | { missing: string }> {
    const key = `${runId}/${node}/${port}`;
    const known = previewTables.get(key);
    if (known) return known;
    const outputs = project.runs.outputs(runId, node);
    const bytes = outputs?.[port];
    if (!bytes) return { missing: outputs ? `node '${node}' has no output '${port}'` : `node '${node}' has no stored outputs in run ${runId}` };
    const table = (await (await previewData()).fromParquetBytes(bytes, 'preview'));
    previewTables.set(key, table);
    return table;
  }

  /**
   * Starts a run in the background and returns its id at once (synchronously, so two callers can never both
   * start the retraining of one alert). `retrainChain` lists the pipelines retrained on the way to this run.
   */
  function startPipelineRun(pipeline: string, targetNode?: string, retrainChain: readonly string[] = []): string {
    const { document, issues, version } = loadDocument(pipeline);
    if (issues.length) {
      throw issuesToError(issues);
    }
    const recorder = startRunRecord(project, { pipeline, version, nodes: document.nodes.map((n) => ({ id: n.id, type: n.type, params: n.params })) });
    const runId = recorder.runId;
    const abort = new AbortController();
    const runProject = project;
    const done = (async () => {
      try {
        const result = await runPipelineDocument({
          document,
          baseDir: projectDir(),
          cache: runProject.cache,
          workers,
          signal: abort.signal,
          runId,
          targetNode,
          onEvent: (event) => {
            recorder.onEvent(event);
            if (event.kind === 'run_started') return emit({ kind: 'run_started', runId, nodes: event.nodes });
            if (event.kind === 'node_status') {
              return emit({ kind: 'node_status', runId, node: event.node, status: event.status, seconds: event.seconds, error: event.error });
            }
            if (event.kind === 'run_finished') return; // emitted after the record is final
            emit({ ...event, runId });
          },
          onNodeOutputs: async (nodeId, outputs) => {
            const declaration = nodeCatalog.get(document.nodes.find((n) => n.id === nodeId)!.type)!;
            recorder.recordOutputs(nodeId, declaration, outputs);
          },
        });
        recorder.finish(result);
        emit({ kind: 'run_finished', runId, status: result.status, seconds: result.seconds });
        if (result.status !== 'cancelled' && runProject === project) retrainOnAlerts(runId, recorder.alerts, retrainChain);
      } catch (e) {
        const error = toPlumbError(e);
        recorder.finish({ runId, status: 'failed', seconds: 0, nodes: [], outputs: new Map() });
        emit({ kind: 'node_log', runId, node: error.where.node ?? '', level: 'warn', message: error.message });
        emit({ kind: 'run_finished', runId, status: 'failed', seconds: 0 });
      } finally {
        activeRuns.delete(runId);
      }
    })();
    activeRuns.set(runId, { abort, done });
    return runId;
  }

  /** Starts the retraining run of an alert once; later calls return the run already linked to it. */
  function retrainAlert(id: number, retrainChain: readonly string[]): string {
    const alert = project.alerts.get(id);
    if (!alert) throw invalidInput(`no alert ${id} in this project`);
    if (alert.retrainRunId) return alert.retrainRunId;
    if (!alert.retrainPipeline) throw invalidInput(`alert ${id} names no pipeline to retrain (set retrain_pipeline on its monitor.alert node)`);
    const runId = startPipelineRun(alert.retrainPipeline, undefined, [...retrainChain, alert.retrainPipeline]);
    // Another process (a second app on the same file) may have linked one first: its run wins.
    if (!project.alerts.linkRetrainRun(id, runId)) return project.alerts.get(id)?.retrainRunId ?? runId;
    return runId;
  }

  /** `retrain: auto` alerts start their retraining, except of a pipeline this run is already retraining (no loops). */
  function retrainOnAlerts(runId: string, raised: readonly RaisedAlert[], retrainChain: readonly string[]): void {
    for (const { alert, retrain } of raised) {
      if (retrain !== 'auto' || !alert.retrainPipeline) continue;
      const node = alert.nodeId ?? '';
      if (retrainChain.includes(alert.retrainPipeline)) {
        emit({ kind: 'node_log', runId, node, level: 'warn', message: `not retraining '${alert.retrainPipeline}' again: this run is part of its retraining` });
        continue;
      }
      try {
        retrainAlert(alert.id, retrainChain);
      } catch (e) {
        emit({ kind: 'node_log', runId, node, level: 'warn', message: `retraining '${alert.retrainPipeline}' did not start: ${toPlumbError(e).message}` });
      }
    }
  }

  const handlers: ApiHandlers = {
    'project.info': async () => ({
      path: project.path,
      name: project.path.split(/[\\/]/).pop() ?? project.path,
      readonly: project.readonly,
      host: options.host,
      computeBackend: options.computeBackend?.() ?? computeBackend,
    }),
    'project.open': async ({ path }) => ({ path: await switchProject(resolve(path), false) }),
    'project.create': async ({ path }) => ({ path: await switchProject(resolve(path), true) }),
    'project.saveAs': async ({ path }) => {
      const target = resolve(path);
      // SQLite's own backup gives a consistent copy even with the WAL in use.
      await cancelAll();
      const source = project.path;
      project.close();
      await mkdir(dirname(target), { recursive: true });
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(source, { readonly: true });
      await db.backup(target);
      db.close();
      project = openProjectFile(target);
      previewTables.clear();
      await rememberRecent(project.path);
      return { path: project.path };
    },
    'project.recent': async () => ({ paths: await readRecent() }),

    'pipelines.list': async () => ({
      pipelines: project.pipelines.list().map((p) => ({ name: p.name, version: p.latestVersion, savedAt: p.savedAt })),
    }),
    'pipelines.load': async ({ name }) => {
      const { document, issues, version } = loadDocument(name);
      return { name, version, document, issues: issues.map(toIssue) };
    },
    'pipelines.save': async ({ name, document, message }) => {
      const parsed = pipelineDocumentSchema.safeParse({ ...document, name });
      if (!parsed.success) throw invalidInput(`pipeline '${name}' is not a valid document: ${parsed.error.issues[0]?.message ?? ''}`);
      const { version, issues } = saveDocument(name, parsed.data, message);
      return { version, issues: issues.map(toIssue) };
    },
    'pipelines.create': async ({ name }) => {
      if (project.pipelines.get(name)) throw invalidInput(`a pipeline named '${name}' already exists`);
      return { version: project.pipelines.save(name, exportPipelineYaml({ plumb: 1, name, nodes: [] }, nodeCatalog)) };
    },
    'pipelines.delete': async ({ name }) => {
      project.pipelines.delete(name);
      return {};
    },
    'pipelines.rename': async ({ name, to }) => {
      const { document } = loadDocument(name);
      project.pipelines.rename(name, to);
      saveDocument(to, { ...document, name: to }, `renamed from ${name}`);
      return {};
    },
    'pipelines.importYaml': async ({ yaml, name }) => {
      const checked = checkPipelineYaml(yaml, { file: 'imported.yaml', catalog: nodeCatalog });
      if (!checked.document) return { issues: checked.issues.map(toIssue) };
      const target = name ?? checked.document.name;
      saveDocument(target, { ...checked.document, name: target }, 'imported from YAML');
      return { name: target, issues: checked.issues.map(toIssue) };
    },
    'pipelines.exportYaml': async ({ name }) => ({ yaml: project.pipelines.load(name).yaml }),

    'runs.start': async ({ pipeline, targetNode }) => ({ runId: startPipelineRun(pipeline, targetNode) }),
    'runs.cancel': async ({ runId }) => {
      activeRuns.get(runId)?.abort.abort();
      return {};
    },
    'runs.list': async ({ pipeline }) => {
      const retrainOf = new Map(project.alerts.list().flatMap((a) => (a.retrainRunId ? [[a.retrainRunId, a.id] as const] : [])));
      return {
        runs: project.runs.list({ pipeline }).map((r) => ({
          id: r.id,
          pipeline: r.pipeline,
          status: r.status,
          startedAt: r.startedAt,
          seconds: r.seconds,
          ...(retrainOf.has(r.id) ? { retrainOfAlert: retrainOf.get(r.id) } : {}),
        })),
      };
    },
    'runs.nodeStates': async ({ runId }) => {
      const run = project.runs.get(runId);
      if (!run) throw invalidInput(`no run '${runId}' in this project`);
      return {
        nodes: run.nodes.map((n) => ({ node: n.id, status: n.status === 'interrupted' ? 'cancelled' : n.status, seconds: n.seconds, error: n.error })),
      };
    },

    'outputs.preview': async ({ runId, node, port, offset, limit, stats }) => {
      const run = project.runs.get(runId);
      const spec = run ? loadDocumentSafe(run.pipeline)?.nodes.find((n) => n.id === node) : undefined;
      const declaration = spec ? nodeCatalog.get(spec.type) : undefined;
      const portType = declaration?.outputs[port]?.type;
      if (!portType) return { kind: 'missing', port, reason: `node '${node}' has no output '${port}'` };
      if (portType !== 'table') {
        const bytes = project.runs.outputs(runId, node)?.[port];
        if (!bytes) return { kind: 'missing', port, reason: `node '${node}' has not produced '${port}' in this run` };
        return { kind: 'json', port, portType, value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
      }
      const table = await outputTable(runId, node, port);
      if ('missing' in table) return { kind: 'missing', port, reason: table.missing };
      const preview = await (await previewData()).preview(table, { offset, limit, stats });
      return { kind: 'table', port, table: { ...preview, stats: preview.stats?.map((s) => ({ ...s })) } };
    },
    'whatIf.explain': (request) => explainWhatIf(project, request),
    'alerts.list': async ({ limit }) => ({
      alerts: project.alerts.list({ limit }).map((a) => alertView(project, a)),
      unacknowledged: project.alerts.list({ unacknowledged: true }).length,
    }),
    'alerts.acknowledge': async ({ id }) => {
      project.alerts.acknowledge(id);
      return {};
    },
    'alerts.retrain': async ({ id }) => ({ runId: retrainAlert(id, []) }),
    'drift.exportHtml': async ({ runId, node }) => {
      const run = project.runs.get(runId);
      if (!run) throw invalidInput(`no run '${runId}' in this project`);
      const report = readDriftReport(project.drift.get(runId, node));
      if (!report) throw invalidInput(`node '${node}' has no drift report in run ${runId}`);
      return { html: driftReportHtml(report, `Drift report: ${run.pipeline} / ${node} (run ${run.startedAt})`) };
    },
    'outputs.columns': async ({ pipeline, node, port }) => {
      for (const run of project.runs.list({ pipeline, limit: 20 })) {
        const table = await outputTable(run.id, node, port);
        if (!('missing' in table)) return { columns: await (await previewData()).columns(table) };
      }
      return { columns: [] };
    },
  };

  function loadDocumentSafe(name: string): PipelineDocument | undefined {
    try {
      return loadDocument(name).document;
    } catch {
      return undefined;
    }
  }

  await rememberRecent(project.path);
  return {
    handlers,
    onRunEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await cancelAll();
      await previewSession?.close();
      await workers.close();
      project.close();
    },
  };
}

const SEVERITY_OF_LEVEL = { info: 'info', warning: 'warning', error: 'critical' } as const;

function alertView(project: ProjectFile, alert: Alert): AlertView {
  const run = alert.runId ? project.runs.get(alert.runId) : undefined;
  const retrain = alert.retrainRunId ? project.runs.get(alert.retrainRunId) : undefined;
  return {
    id: alert.id,
    createdAt: alert.createdAt,
    severity: SEVERITY_OF_LEVEL[alert.level],
    message: alert.message,
    rule: alert.rule,
    runId: alert.runId,
    node: alert.nodeId,
    pipeline: run?.pipeline ?? null,
    evidence: alert.evidence ?? null,
    acknowledged: alert.acknowledged,
    retrainPipeline: alert.retrainPipeline,
    retrainRunId: alert.retrainRunId,
    retrainStatus: retrain?.status ?? null,
  };
}

/** A working copy of the bundled sample project (and the datasets its pipelines read), made once. */
export async function ensureSampleCopy(sampleProject: string, datasetsDir: string, userDataDir: string): Promise<string> {
  const target = join(userDataDir, 'sample', 'sample.plumb');
  const { existsSync } = await import('node:fs');
  if (!existsSync(target)) {
    await mkdir(join(userDataDir, 'sample', 'datasets'), { recursive: true });
    await copyFile(sampleProject, target);
    const { readdir } = await import('node:fs/promises');
    for (const file of await readdir(datasetsDir)) {
      if (file.endsWith('.csv') || file.endsWith('.parquet')) await copyFile(join(datasetsDir, file), join(userDataDir, 'sample', 'datasets', file));
    }
  }
  return target;
}
