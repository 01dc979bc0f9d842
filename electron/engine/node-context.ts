// The NodeRunContext a node gets while it runs: cancel checks, throttled progress and live series, warnings.
import { resolve } from 'node:path';
import { cancelledError } from '../../shared/errors.js';
import type { NodeRunContext, RunEvent, SeriesPoint } from './types.js';

/** At most one progress event and one series event per port every 100 ms: the UI cannot show more. */
export const UPDATE_INTERVAL_MS = 100;

export interface NodeContextHandle {
  ctx: NodeRunContext;
  /** The node finished: flush buffered series points and stop timers. */
  finish(): void;
  /** The node failed or was abandoned: drop buffered points; later calls from the node are ignored. */
  close(): void;
}

export interface NodeContextOptions {
  nodeId: string;
  nodeType: string;
  signal: AbortSignal;
  baseDir: string;
  emit: (event: RunEvent) => void;
  now?: () => number;
}

export function createNodeContext(options: NodeContextOptions): NodeContextHandle {
  const { nodeId, nodeType, signal, baseDir, emit } = options;
  const now = options.now ?? (() => performance.now());
  let open = true;
  let lastProgressAt = -Infinity;
  const seriesBuffer = new Map<string, SeriesPoint[]>();
  const seriesSentAt = new Map<string, number>();
  const seriesTimers = new Map<string, ReturnType<typeof setTimeout>>();

  const flushSeries = (port: string) => {
    const timer = seriesTimers.get(port);
    if (timer !== undefined) clearTimeout(timer);
    seriesTimers.delete(port);
    const points = seriesBuffer.get(port);
    seriesBuffer.delete(port);
    seriesSentAt.set(port, now());
    if (open && points?.length) emit({ kind: 'node_series', node: nodeId, port, points });
  };

  const stopTimers = () => {
    for (const timer of seriesTimers.values()) clearTimeout(timer);
    seriesTimers.clear();
  };

  const ctx: NodeRunContext = {
    nodeId,
    nodeType,
    signal,
    throwIfCancelled() {
      if (signal.aborted) throw cancelledError({ node: nodeId });
    },
    progress(fraction, message) {
      if (!open || Number.isNaN(fraction)) return;
      const f = Math.min(1, Math.max(0, fraction));
      const t = now();
      // The first and last values always get through so the UI never sticks at 97 %.
      if (f !== 0 && f !== 1 && t - lastProgressAt < UPDATE_INTERVAL_MS) return;
      lastProgressAt = t;
      emit({ kind: 'node_progress', node: nodeId, fraction: f, ...(message !== undefined ? { message } : {}) });
    },
    series(port, points) {
      if (!open || points.length === 0) return;
      seriesBuffer.set(port, [...(seriesBuffer.get(port) ?? []), ...points]);
      const wait = (seriesSentAt.get(port) ?? -Infinity) + UPDATE_INTERVAL_MS - now();
      if (wait <= 0) flushSeries(port);
      else if (!seriesTimers.has(port)) seriesTimers.set(port, setTimeout(() => flushSeries(port), wait));
    },
    warn(message) {
      if (open) emit({ kind: 'node_log', node: nodeId, level: 'warn', message });
    },
    resolvePath(path) {
      return resolve(baseDir, path);
    },
  };

  return {
    ctx,
    finish() {
      stopTimers();
      for (const port of [...seriesBuffer.keys()]) flushSeries(port);
      open = false;
    },
    close() {
      stopTimers();
      seriesBuffer.clear();
      open = false;
    },
  };
}
