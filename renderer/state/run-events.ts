// What the editor knows about the current run, folded from run events: per-node status, progress, errors,
// live training series and logs, plus which run holds each node's latest outputs.
import type { AppRunEvent } from '../../shared/api/contract.js';

export type NodeRunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cached' | 'skipped' | 'cancelled';
export type RunPhase = 'idle' | 'starting' | 'running' | 'ok' | 'failed' | 'gate_failed' | 'cancelled';

export interface NodeRunState {
  status: NodeRunStatus;
  /** 0…1 */
  fraction?: number;
  message?: string;
  seconds?: number;
  error?: string;
}

export interface SeriesPoint {
  step: number;
  train_loss?: number;
  valid_loss?: number;
  metric?: number;
  seconds: number;
  /** what the step was (model.automl / model.tune: the candidate that finished) */
  detail?: Record<string, string | number | boolean | null>;
}

export interface LogLine {
  level: 'info' | 'warn';
  message: string;
}

export interface RunView {
  runId: string | null;
  phase: RunPhase;
  seconds?: number;
  nodes: Record<string, NodeRunState>;
  /** node id → the run whose outputs it last produced (kept across runs, so earlier outputs stay viewable) */
  outputRun: Record<string, string>;
  /** node id → port → points */
  series: Record<string, Record<string, SeriesPoint[]>>;
  logs: Record<string, LogLine[]>;
  /** events that arrived before `runs.start` answered with the run id */
  pending: AppRunEvent[];
}

const MAX_PENDING = 5000;
const MAX_LOG_LINES = 500;
const MAX_SERIES_POINTS = 20000;
const FINISHED: ReadonlySet<NodeRunStatus> = new Set(['done', 'failed', 'cached', 'skipped', 'cancelled']);

export const idleRun: RunView = { runId: null, phase: 'idle', nodes: {}, outputRun: {}, series: {}, logs: {}, pending: [] };

export function isRunActive(view: RunView): boolean {
  return view.phase === 'starting' || view.phase === 'running';
}

/** A run was asked for; its id is not known yet. Earlier outputs stay reachable. */
export function startingRun(view: RunView): RunView {
  return { ...view, runId: null, phase: 'starting', seconds: undefined, pending: [] };
}

/** `runs.start` answered: follow that run, replaying its events that came first. */
export function adoptRun(view: RunView, runId: string): RunView {
  const early = view.pending.filter((e) => e.runId === runId);
  let next: RunView = { ...view, runId, phase: view.phase === 'starting' ? 'running' : view.phase, pending: [] };
  for (const event of early) next = applyRunEvent(next, event);
  return next;
}

/** The run could not start. */
export function failedStart(view: RunView): RunView {
  return { ...view, phase: 'idle', pending: [] };
}

function appendSeries(old: SeriesPoint[] | undefined, points: SeriesPoint[]): SeriesPoint[] {
  if (points.length === 0) return old ?? [];
  // A resend from an earlier step replaces what we had from that step on.
  const kept = (old ?? []).filter((p) => p.step < points[0].step);
  const all = kept.concat(points);
  return all.length > MAX_SERIES_POINTS ? all.slice(all.length - MAX_SERIES_POINTS) : all;
}

export function applyRunEvent(view: RunView, event: AppRunEvent): RunView {
  if (view.runId === null) {
    return view.phase === 'starting' && view.pending.length < MAX_PENDING ? { ...view, pending: [...view.pending, event] } : view;
  }
  if (event.runId !== view.runId) return view;
  switch (event.kind) {
    case 'run_started': {
      const nodes = Object.fromEntries(event.nodes.map((id) => [id, { status: 'queued' as const }]));
      const series = { ...view.series };
      const logs = { ...view.logs };
      for (const id of event.nodes) {
        delete series[id];
        delete logs[id];
      }
      return { ...view, phase: 'running', nodes, series, logs };
    }
    case 'node_status': {
      const before = view.nodes[event.node];
      const state: NodeRunState = {
        status: event.status,
        fraction: event.status === 'done' || event.status === 'cached' ? 1 : event.status === 'running' ? (before?.fraction ?? 0) : before?.fraction,
        message: FINISHED.has(event.status) ? undefined : before?.message,
        seconds: event.seconds,
        error: event.error,
      };
      const outputRun = event.status === 'done' || event.status === 'cached' ? { ...view.outputRun, [event.node]: event.runId } : view.outputRun;
      return { ...view, nodes: { ...view.nodes, [event.node]: state }, outputRun };
    }
    case 'node_progress': {
      const before = view.nodes[event.node] ?? { status: 'running' as const };
      const fraction = Math.min(1, Math.max(0, event.fraction));
      return { ...view, nodes: { ...view.nodes, [event.node]: { ...before, fraction, message: event.message ?? before.message } } };
    }
    case 'node_series': {
      const ports = view.series[event.node] ?? {};
      return { ...view, series: { ...view.series, [event.node]: { ...ports, [event.port]: appendSeries(ports[event.port], event.points) } } };
    }
    case 'node_log': {
      const lines = [...(view.logs[event.node] ?? []), { level: event.level, message: event.message }];
      return { ...view, logs: { ...view.logs, [event.node]: lines.slice(-MAX_LOG_LINES) } };
    }
    case 'run_finished': {
      const leftOver: NodeRunStatus = event.status === 'cancelled' ? 'cancelled' : 'skipped';
      const nodes = Object.fromEntries(
        Object.entries(view.nodes).map(([id, s]) => [id, FINISHED.has(s.status) ? s : { ...s, status: leftOver, message: undefined }]),
      );
      return { ...view, phase: event.status, seconds: event.seconds, nodes };
    }
  }
}

/** A finished run as read back from the project (`runs.nodeStates`), e.g. after opening a pipeline. */
export function restoredRun(
  runId: string,
  status: string,
  states: { node: string; status: NodeRunStatus; seconds: number | null; error: string | null }[],
  seconds?: number | null,
): RunView {
  const nodes: Record<string, NodeRunState> = {};
  const outputRun: Record<string, string> = {};
  for (const s of states) {
    nodes[s.node] = { status: s.status, seconds: s.seconds ?? undefined, error: s.error ?? undefined, fraction: s.status === 'done' || s.status === 'cached' ? 1 : undefined };
    if (s.status === 'done' || s.status === 'cached') outputRun[s.node] = runId;
  }
  const phase: RunPhase = status === 'ok' || status === 'failed' || status === 'gate_failed' || status === 'cancelled' ? status : status === 'running' ? 'running' : 'idle';
  return { ...idleRun, runId, phase, nodes, outputRun, seconds: seconds ?? undefined };
}

/** Nodes that failed in `view`, in the order the run reported them, with their error. */
export function failedNodes(view: RunView): { node: string; message: string }[] {
  return Object.entries(view.nodes)
    .filter(([, s]) => s.status === 'failed')
    .map(([node, s]) => ({ node, message: s.error ?? 'failed without a message' }));
}

export function firstFailedNode(view: RunView): { node: string; message: string } | undefined {
  return failedNodes(view)[0];
}
