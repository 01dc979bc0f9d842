// The run of the open pipeline: start (all or up to one node), cancel, follow its events, and bring back the
// latest recorded run when a pipeline is opened so its outputs can be inspected.
import { create } from 'zustand';
import type { AppRunEvent } from '../../shared/api/contract.js';
import { getApi } from './api.js';
import { useGraphStore } from './graph.js';
import { useNoticesStore } from './notices.js';
import { adoptRun, applyRunEvent, failedStart, firstFailedNode, idleRun, isRunActive, restoredRun, startingRun, type RunView } from './run-events.js';
import { flushSave } from './save.js';
import { useSelectionStore } from './selection.js';

export interface RunState {
  view: RunView;
}

export const useRunStore = create<RunState>()(() => ({ view: idleRun }));

const update = (change: (view: RunView) => RunView) => useRunStore.setState((s) => ({ view: change(s.view) }));

export function handleRunEvent(event: AppRunEvent): void {
  update((view) => applyRunEvent(view, event));
}

export async function startRun(targetNode?: string): Promise<void> {
  const pipeline = useGraphStore.getState().pipeline;
  if (!pipeline || isRunActive(useRunStore.getState().view)) return;
  useNoticesStore.getState().reportFailure(null);
  update(startingRun);
  try {
    await flushSave();
    const { runId } = await getApi().call('runs.start', targetNode ? { pipeline, targetNode } : { pipeline });
    update((view) => adoptRun(view, runId));
  } catch (e) {
    update(failedStart);
    useNoticesStore.getState().reportError(e, 'Run');
  }
}

/** A run that ends failed (not one restored from the project) selects, centres and announces its failed node. */
useRunStore.subscribe((s, before) => {
  if (s.view.phase !== 'failed' || !isRunActive(before.view)) return;
  const failed = firstFailedNode(s.view);
  if (!failed) return;
  useSelectionStore.getState().reveal(failed.node);
  useNoticesStore.getState().reportFailure(failed);
});

export async function cancelRun(): Promise<void> {
  const { runId } = useRunStore.getState().view;
  if (!runId) return;
  try {
    await getApi().call('runs.cancel', { runId });
  } catch (e) {
    useNoticesStore.getState().reportError(e, 'Cancel');
  }
}

/**
 * Show the newest recorded run of `pipeline` (statuses, errors, outputs), or nothing when it never ran; `run`
 * (the Runs view's "Open in editor") shows that run instead.
 */
export async function restoreLatestRun(pipeline: string, run?: { id: string; status: string; seconds: number | null }): Promise<void> {
  useRunStore.setState({ view: idleRun });
  try {
    const { runs } = run ? { runs: [{ ...run, pipeline, startedAt: '' }] } : await getApi().call('runs.list', { pipeline });
    const latest = [...runs].filter((r) => r.pipeline === pipeline).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
    if (!latest || useGraphStore.getState().pipeline !== pipeline) return;
    const { nodes } = await getApi().call('runs.nodeStates', { runId: latest.id });
    if (useGraphStore.getState().pipeline !== pipeline || isRunActive(useRunStore.getState().view)) return;
    useRunStore.setState({ view: restoredRun(latest.id, latest.status, nodes, latest.seconds) });
  } catch (e) {
    useNoticesStore.getState().reportError(e, 'Loading the last run');
  }
}
