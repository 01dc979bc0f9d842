// The status bar: where the app runs (Electron or browser), the compute backend, the project file, whether
// edits are saved, and how the last run went.
import { useShallow } from 'zustand/react/shallow';
import { useGraphStore } from '../state/graph.js';
import { useProjectStore } from '../state/project.js';
import { useRunStore } from '../state/run.js';
import type { RunView } from '../state/run-events.js';
import { useSaveStore } from '../state/save.js';

/** The run status line; a run with no nodes (an empty pipeline) says so rather than "finished in 0.0 s". */
export function runText(view: RunView): string {
  const count = Object.values(view.nodes);
  const done = count.filter((n) => n.status === 'done' || n.status === 'cached').length;
  switch (view.phase) {
    case 'idle':
      return 'Not run yet';
    case 'starting':
      return 'Starting run…';
    case 'running':
      return count.length === 0 ? 'Starting run…' : `Running: ${done} of ${count.length} nodes done`;
    case 'ok':
      if (count.length === 0) return 'Nothing to run: the pipeline has no nodes';
      return view.seconds === undefined ? 'Run finished' : `Run finished in ${view.seconds.toFixed(1)} s`;
    case 'failed':
      return 'Run failed';
    case 'gate_failed':
      return 'Run stopped by a gate';
    case 'cancelled':
      return 'Run cancelled';
  }
}

export function StatusBar() {
  const info = useProjectStore((s) => s.info);
  const pipeline = useGraphStore((s) => s.pipeline);
  const save = useSaveStore(useShallow((s) => ({ status: s.status, error: s.error, version: s.version })));
  const view = useRunStore((s) => s.view);
  const saveText =
    save.status === 'saved' ? `Saved${save.version !== undefined ? ` (version ${save.version})` : ''}` : save.status === 'saving' ? 'Saving…' : save.status === 'pending' ? 'Unsaved changes' : `Save failed: ${save.error ?? ''}`;
  return (
    <footer className="status-bar" aria-label="Status bar">
      <span>Host: {info?.host ?? '…'}</span>
      <span>Compute: {info?.computeBackend ?? '…'}</span>
      <span className="status-project" title={info?.path}>
        Project: {info ? info.name : '…'}
        {info?.readonly ? ' (read-only)' : ''}
      </span>
      {pipeline && (
        <span role="status" aria-label="Save status" className={`save-${save.status}`}>
          {saveText}
        </span>
      )}
      <span role="status" aria-label="Run status" className={`run-${view.phase}`}>
        {runText(view)}
      </span>
    </footer>
  );
}
