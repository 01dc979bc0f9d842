// Alerts raised by monitor.alert rules: the alerts.* handlers, and retraining (started once per alert; a
// `retrain: auto` alert starts it by itself, except of a pipeline its run is already retraining: no loops).
import { invalidInput, toPlumbError } from '../../shared/errors.js';
import type { AlertView, AppRunEvent } from '../../shared/api/contract.js';
import type { Alert } from '../store/alerts.js';
import type { ProjectFile } from '../store/project-file.js';
import type { RaisedAlert } from './run-recorder.js';
import type { ApiHandlers } from './service.js';

export interface AlertsOptions {
  project: () => ProjectFile;
  /** Starts a run of a saved pipeline and returns its id at once. */
  startRun: (pipeline: string, retrainChain: readonly string[]) => string;
  emit: (event: AppRunEvent) => void;
}

export interface Alerts {
  handlers: Pick<ApiHandlers, 'alerts.list' | 'alerts.acknowledge' | 'alerts.retrain'>;
  /** Starts the retraining of the `retrain: auto` alerts a run raised. */
  retrainOnAlerts(runId: string, raised: readonly RaisedAlert[], retrainChain: readonly string[]): void;
}

export function createAlerts({ project, startRun, emit }: AlertsOptions): Alerts {
  /** Starts the retraining run of an alert once; later calls return the run already linked to it. */
  function retrainAlert(id: number, retrainChain: readonly string[]): string {
    const alert = project().alerts.get(id);
    if (!alert) throw invalidInput(`no alert ${id} in this project`);
    if (alert.retrainRunId) return alert.retrainRunId;
    if (!alert.retrainPipeline) throw invalidInput(`alert ${id} names no pipeline to retrain (set retrain_pipeline on its monitor.alert node)`);
    const runId = startRun(alert.retrainPipeline, [...retrainChain, alert.retrainPipeline]);
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

  return {
    retrainOnAlerts,
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
  };
}
