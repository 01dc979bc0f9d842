// What a recorded Plumb run becomes in MLflow: params `<node>.<param>`, metrics `<node>.<key>` (step 0, at the
// run's end) and training curves `<node>.<port>.<field>` (one step per point, timestamped by its seconds), tags
// (`plumb.run_id` first, for idempotent pushes), status and times, and the artifacts (pipeline YAML, model files).
import { nodeCatalog } from '../../../shared/catalog/index.js';
import type { ProjectFile } from '../../store/project-file.js';
import { scalarMetrics } from '../../store/run-records.js';
import type { RunDetail } from '../../store/runs.js';
import { mlflowKey, paramValue, MAX_TAG_VALUE_LENGTH, type LogBatch, type MlflowMetric, type MlflowTag } from './log-batch.js';

export const RUN_ID_TAG = 'plumb.run_id';

export interface RunArtifact {
  /** path inside the run's artifact folder */
  path: string;
  bytes: Uint8Array;
}

export interface RunPayload {
  runId: string;
  pipeline: string;
  runName: string;
  startTime: number;
  endTime: number | null;
  /** MLflow's RunStatus */
  status: 'FINISHED' | 'FAILED' | 'KILLED' | 'RUNNING';
  log: LogBatch;
  artifacts: RunArtifact[];
  /** node id → artifact path of its model file */
  models: Record<string, string>;
}

const SERIES_FIELDS = ['train_loss', 'valid_loss', 'metric'] as const;

function statusOf(run: RunDetail): RunPayload['status'] {
  switch (run.status) {
    case 'ok':
      return 'FINISHED';
    case 'failed':
    case 'gate_failed':
      return 'FAILED';
    case 'cancelled':
    case 'interrupted':
      return 'KILLED';
    default:
      return 'RUNNING';
  }
}

export function runPayload(project: ProjectFile, run: RunDetail, tags: readonly string[]): RunPayload {
  const startTime = Date.parse(run.startedAt);
  const endTime = run.finishedAt ? Date.parse(run.finishedAt) : null;

  const params = new Map<string, string>();
  for (const node of run.nodes) {
    for (const [key, value] of Object.entries(node.params ?? {})) {
      if (value !== undefined) params.set(mlflowKey(`${node.id}.${key}`), paramValue(value));
    }
  }

  const metrics: MlflowMetric[] = [];
  const at = endTime ?? startTime;
  for (const record of project.metrics.list({ runId: run.id })) {
    for (const [key, value] of scalarMetrics(record.value)) metrics.push({ key: mlflowKey(`${record.nodeId}.${key}`), value, timestamp: at, step: 0 });
  }
  for (const series of project.series.list({ runId: run.id })) {
    for (const point of series.points) {
      for (const field of SERIES_FIELDS) {
        const value = point[field];
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const timestamp = startTime + Math.round((point.seconds ?? 0) * 1000);
        metrics.push({ key: mlflowKey(`${series.nodeId}.${series.port}.${field}`), value, timestamp, step: Math.round(point.step) });
      }
    }
  }

  const tagList: MlflowTag[] = [
    { key: RUN_ID_TAG, value: run.id },
    { key: 'plumb.pipeline', value: run.pipeline },
    ...(run.pipelineVersion !== undefined ? [{ key: 'plumb.pipeline_version', value: String(run.pipelineVersion) }] : []),
    ...(run.pipelineHash ? [{ key: 'plumb.pipeline_hash', value: run.pipelineHash }] : []),
    ...(run.plumbVersion ? [{ key: 'plumb.version', value: run.plumbVersion }] : []),
    ...(run.computeBackend ? [{ key: 'plumb.compute_backend', value: run.computeBackend }] : []),
    ...(run.note ? [{ key: 'mlflow.note.content', value: run.note.slice(0, MAX_TAG_VALUE_LENGTH) }] : []),
    ...(run.error ? [{ key: 'plumb.error', value: run.error.slice(0, MAX_TAG_VALUE_LENGTH) }] : []),
    { key: 'plumb.status', value: run.status },
    ...tags.map((tag) => ({ key: mlflowKey(`plumb.tag.${tag}`), value: 'true' })),
  ];

  const artifacts: RunArtifact[] = [];
  if (run.pipelineVersion !== undefined) {
    try {
      artifacts.push({ path: 'pipeline.yaml', bytes: new TextEncoder().encode(project.pipelines.load(run.pipeline, run.pipelineVersion).yaml) });
    } catch {
      // the pipeline version was deleted: the run is pushed without it
    }
  }
  const models: Record<string, string> = {};
  for (const node of run.nodes) {
    if (nodeCatalog.get(node.type)?.outputs.model?.type !== 'model') continue;
    const bytes = project.runs.outputs(run.id, node.id)?.model;
    if (!bytes) continue;
    models[node.id] = `models/${node.id}`;
    artifacts.push({ path: `models/${node.id}/model.json`, bytes });
  }

  return {
    runId: run.id,
    pipeline: run.pipeline,
    runName: `${run.pipeline} ${run.id.slice(0, 8)}`,
    startTime,
    endTime,
    status: statusOf(run),
    log: { params: [...params].map(([key, value]) => ({ key, value })), metrics, tags: tagList },
    artifacts,
    models,
  };
}
