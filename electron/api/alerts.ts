// Alerts raised by monitor.alert rules: the alerts.* handlers, and retraining (started once per alert; a
// `retrain: auto` alert starts it by itself, except of a pipeline its run is already retraining: no loops). A
// retraining refits every node, and each model registered from that pipeline gets the refitted model as its next
// version, aliased `challenger`, so the alert can show old against new.
import { invalidInput, toPlumbError } from '../../shared/errors.js';
import type { AlertView, AppRunEvent } from '../../shared/api/contract.js';
import type { Alert } from '../store/alerts.js';
import type { ProjectFile } from '../store/project-file.js';
import { registerRunModel } from './registry.js';
import type { RaisedAlert } from './run-recorder.js';
import type { ApiHandlers } from './service.js';

export interface AlertsOptions {
  project: () => ProjectFile;
  /** Starts a run of a saved pipeline and returns its id at once. */
  startRun: (pipeline: string, options: { retrainChain: readonly string[]; refit: boolean }) => string;
  emit: (event: AppRunEvent) => void;
}

export interface Alerts {
  handlers: Pick<ApiHandlers, 'alerts.list' | 'alerts.acknowledge' | 'alerts.retrain'>;
  /** Starts the retraining of the `retrain: auto` alerts a run raised. */
  retrainOnAlerts(runId: string, raised: readonly RaisedAlert[], retrainChain: readonly string[]): void;
  /** After a run: when it retrained an alert's pipeline and succeeded, registers its models as challengers. */
  registerRetrained(runId: string): void;
}

export function createAlerts({ project, startRun, emit }: AlertsOptions): Alerts {
  /** Starts the retraining run of an alert once; later calls return the run already linked to it. */
  function retrainAlert(id: number, retrainChain: readonly string[]): string {
    const alert = project().alerts.get(id);
    if (!alert) throw invalidInput(`no alert ${id} in this project`);
    if (alert.retrainRunId) return alert.retrainRunId;
    if (!alert.retrainPipeline) throw invalidInput(`alert ${id} names no pipeline to retrain (set retrain_pipeline on its monitor.alert node)`);
    const runId = startRun(alert.retrainPipeline, { retrainChain: [...retrainChain, alert.retrainPipeline], refit: true });
    // Another process (a second app on the same file) may have linked one first: its run wins.
    if (!project().alerts.linkRetrainRun(id, runId)) return project().alerts.get(id)?.retrainRunId ?? runId;
    return runId;
  }

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

  function registerRetrained(runId: string): void {
    const current = project();
    const alert = current.alerts.list().find((a) => a.retrainRunId === runId);
    if (!alert?.retrainPipeline || current.runs.get(runId)?.status !== 'ok') return;
    for (const { name } of current.models.list()) {
      const earlier = current.models
        .versions(name)
        .filter((v) => v.pipeline?.name === alert.retrainPipeline && v.nodeId !== null && v.runId !== runId)
        .sort((a, b) => b.version - a.version)[0];
      if (!earlier?.nodeId) continue;
      try {
        registerRunModel(current, { runId, node: earlier.nodeId, name, alias: 'challenger', note: `retrained for alert ${alert.id}` });
      } catch (e) {
        emit({ kind: 'node_log', runId, node: earlier.nodeId, level: 'warn', message: `the retrained '${earlier.nodeId}' was not registered as ${name}: ${toPlumbError(e).message}` });
      }
    }
  }

  return {
    retrainOnAlerts,
    registerRetrained,
    handlers: {
      'alerts.list': async ({ limit }) => ({
        alerts: project().alerts.list({ limit }).map((a) => alertView(project(), a)),
        unacknowledged: project().alerts.list({ unacknowledged: true }).length,
      }),
      'alerts.acknowledge': async ({ id }) => {
        project().alerts.acknowledge(id);
        return {};
      },
      'alerts.retrain': async ({ id }) => ({ runId: retrainAlert(id, []) }),
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
    retrained: alert.retrainRunId ? retrainedModels(project, alert.retrainRunId) : [],
  };
}

/** The versions a retraining registered, each with the metrics of the version it should replace (the champion). */
function retrainedModels(project: ProjectFile, runId: string): AlertView['retrained'] {
  return project.models.fromRun(runId).map(({ name, version }) => {
    const versions = project.models.versions(name);
    const fresh = versions.find((v) => v.version === version);
    const champion = versions.find((v) => v.aliases.includes('champion') && v.version !== version);
    const before = champion ?? versions.filter((v) => v.version < version).sort((a, b) => b.version - a.version)[0];
    const oldMetrics = metricRecord(before?.metrics);
    const newMetrics = metricRecord(fresh?.metrics);
    const keys = [...new Set([...Object.keys(newMetrics), ...Object.keys(oldMetrics)])].sort();
    return {
      name,
      version,
      comparedWith: before?.version ?? null,
      comparedAlias: champion ? 'champion' : null,
      metrics: keys.map((key) => ({ key, old: oldMetrics[key] ?? null, new: newMetrics[key] ?? null })),
    };
  });
}

function metricRecord(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1])));
}
