// One status for a component node from the statuses of its inner nodes (runs report them by flat id,
// `<node>/<inner>`): the most pressing state wins, so a failure or a running inner node shows on the component.
import { FLAT_ID_SEPARATOR } from '../../../shared/pipeline/components.js';
import type { NodeRunState, NodeRunStatus } from '../run-events.js';

/** Most pressing first; `done` beats `cached` (something was recomputed), `skipped` only when nothing ran. */
const PRECEDENCE: readonly NodeRunStatus[] = ['failed', 'running', 'queued', 'cancelled', 'skipped', 'done', 'cached'];

/** The component's status, progress (mean of its inner nodes), time (sum) and first error; undefined before any run. */
export function componentRunState(nodes: Readonly<Record<string, NodeRunState>>, nodeId: string): NodeRunState | undefined {
  const prefix = `${nodeId}${FLAT_ID_SEPARATOR}`;
  const inner = Object.entries(nodes)
    .filter(([id]) => id.startsWith(prefix))
    .map(([, state]) => state);
  if (inner.length === 0) return undefined;
  const status = PRECEDENCE.find((s) => inner.some((state) => state.status === s)) ?? inner[0].status;
  const fraction = inner.reduce((sum, s) => sum + (s.fraction ?? 0), 0) / inner.length;
  const timed = inner.filter((s) => s.seconds !== undefined);
  const error = inner.find((s) => s.status === 'failed' && s.error)?.error;
  return {
    status,
    fraction,
    ...(timed.length > 0 ? { seconds: timed.reduce((sum, s) => sum + s.seconds!, 0) } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}
