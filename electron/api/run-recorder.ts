// Records a run in the project file as it happens: node statuses from engine events, JSON outputs
// (metrics, series, explanations, drift) as records, fired monitor.alert rules as alerts, input tables as
// dataset versions, and the final state in one transaction.
import type { NodeDeclaration } from '../../shared/catalog/define.js';
import { alert as alertDeclaration } from '../../shared/catalog/monitor/alert.js';
import type { Alert, AlertLevel } from '../store/alerts.js';
import type { RunResult } from '../engine/run.js';
import type { RunEvent, SeriesPoint } from '../../shared/api/run-types.js';
import type { ProjectFile } from '../store/project-file.js';
import type { DatasetProfile } from './dataset-profile.js';

export interface RunRecorder {
  runId: string;
  onEvent(event: RunEvent): void;
  /** Stores the JSON outputs of one node (call from onNodeOutputs). */
  recordOutputs(nodeId: string, declaration: NodeDeclaration, outputs: Record<string, unknown>): void;
  /** Row count, schema, stats (and a sample, for content above the blob cap) of a dataset source node's table. */
  recordDatasetProfile(nodeId: string, profile: DatasetProfile): void;
  finish(result: RunResult): void;
  /** Alerts this run raised so far, oldest first. */
  readonly alerts: readonly RaisedAlert[];
}

export interface RaisedAlert {
  alert: Alert;
  retrain: 'manual' | 'auto';
}

export interface RecordedRun {
  pipeline: string;
  version: number;
  nodes: { id: string; type: string; params?: Record<string, unknown> }[];
  overrides?: Record<string, unknown>;
  runId?: string;
  computeBackend?: string;
  plumbVersion?: string;
  note?: string;
  tags?: readonly string[];
}

/** Node types whose table output is an input dataset, and the param naming its file. */
const LEVEL_OF_SEVERITY: Record<string, AlertLevel> = { info: 'info', warning: 'warning', critical: 'error' };

/** The monitor.alert output fields the recorder needs, read defensively (outputs come back as plain JSON). */
function firedAlert(value: unknown): { rule: string; severity: string; message: string; evidence: unknown; retrainPipeline?: string; retrain: 'manual' | 'auto' } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.fired !== true) return undefined;
  return {
    rule: String(v.rule ?? ''),
    severity: String(v.severity ?? 'warning'),
    message: String(v.message ?? v.rule ?? 'alert'),
    evidence: v.evidence,
    retrainPipeline: typeof v.retrain_pipeline === 'string' && v.retrain_pipeline ? v.retrain_pipeline : undefined,
    retrain: v.retrain === 'auto' ? 'auto' : 'manual',
  };
}

const DATASET_SOURCES: Record<string, string> = { 'data.read_csv': 'path', 'data.read_parquet': 'path' };

/** Whether a node type's table output is recorded as a dataset version. */
export const isDatasetSource = (type: string): boolean => type in DATASET_SOURCES;

export function startRunRecord(project: ProjectFile, run: RecordedRun): RunRecorder {
  const summary = project.runs.start({
    id: run.runId,
    pipeline: run.pipeline,
    version: run.version,
    nodes: run.nodes,
    overrides: run.overrides,
    computeBackend: run.computeBackend,
    plumbVersion: run.plumbVersion,
    note: run.note,
    tags: run.tags,
  });
  const runId = summary.id;
  const raised: RaisedAlert[] = [];
  const profiles = new Map<string, DatasetProfile>();

  /**
   * The bytes are the cached Parquet blob, so a dataset version stores nothing twice. Above the blob cap the
   * version keeps its hash, stats and a sample instead: the cache entry holding the whole may be collected.
   */
  function recordDatasets(result: RunResult): void {
    for (const node of result.nodes) {
      const spec = run.nodes.find((n) => n.id === node.id);
      const pathParam = spec ? DATASET_SOURCES[spec.type] : undefined;
      if (!spec || !pathParam || !node.cacheKey || (node.status !== 'done' && node.status !== 'cached')) continue;
      const blob = project.cache.outputHash(node.cacheKey, 'table');
      if (!blob) continue;
      const profile = profiles.get(node.id);
      const source = String(spec.params?.[pathParam] ?? node.id);
      const name = source.split(/[\\/]/).pop()?.replace(/\.(csv|tsv|txt|parquet)$/i, '') || node.id;
      const described = { name, format: 'parquet', source, runId, nodeId: node.id, rowCount: profile?.rowCount, schema: profile?.schema, stats: profile?.stats };
      if (profile?.sample && blob.size > project.blobCapBytes) {
        project.datasets.addVersion({ ...described, external: { hash: blob.hash, sample: profile.sample.bytes, sampleRows: profile.sample.rows } });
        continue;
      }
      const bytes = project.cache.getSync(node.cacheKey)?.table;
      if (bytes) project.datasets.addVersion({ ...described, bytes });
    }
  }

  return {
    runId,
    alerts: raised,
    onEvent(event) {
      if (event.kind === 'node_status' && (event.status === 'running' || event.status === 'failed' || event.status === 'done' || event.status === 'cached')) {
        project.runs.updateNode(runId, event.node, event.status, { seconds: event.seconds, error: event.error, cacheKey: event.cacheKey });
      }
    },
    recordDatasetProfile(nodeId, profile) {
      profiles.set(nodeId, profile);
    },
    recordOutputs(nodeId, declaration, outputs) {
      for (const [port, value] of Object.entries(outputs)) {
        const type = declaration.outputs[port]?.type;
        if (type === 'metrics') project.metrics.put(runId, nodeId, value);
        else if (type === 'explanation') project.explanations.put(runId, nodeId, value);
        else if (type === 'drift') project.drift.put(runId, nodeId, value);
        else if (type === 'series') project.series.put(runId, nodeId, port, value as SeriesPoint[]);
        const fired = declaration.type === alertDeclaration.type ? firedAlert(value) : undefined;
        if (fired) {
          const alert = project.alerts.add({
            level: LEVEL_OF_SEVERITY[fired.severity] ?? 'warning',
            message: fired.message,
            runId,
            nodeId,
            rule: fired.rule,
            evidence: fired.evidence,
            retrainPipeline: fired.retrainPipeline,
          });
          raised.push({ alert, retrain: fired.retrain });
        }
      }
    },
    finish(result) {
      const ran = new Set(result.nodes.map((n) => n.id));
      // Nodes outside the run (e.g. "run to selected node") end as skipped rather than stay queued.
      const untouched = run.nodes.filter((n) => !ran.has(n.id)).map((n) => ({ id: n.id, status: 'skipped' as const }));
      project.runs.finish(runId, {
        status: result.status,
        seconds: result.seconds,
        nodes: [
          ...result.nodes.map((n) => ({ id: n.id, status: n.status, seconds: n.seconds, error: n.error?.message, cacheKey: n.cacheKey })),
          ...untouched,
        ],
      });
      recordDatasets(result);
    },
  };
}
