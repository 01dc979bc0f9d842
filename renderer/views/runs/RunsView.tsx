// The Runs view: filters (pipeline, status, tag), the runs table, and below it the selected run's detail or the
// comparison of the selected runs; selected runs can be compared (2 to 10) or deleted (after a confirmation).
import { useEffect, useState } from 'react';
import { storedRunStatusSchema } from '../../../shared/api/lifecycle.js';
import { getApi } from '../../state/api.js';
import { useProjectStore } from '../../state/project.js';
import { clearRunSelection, compareSelectedRuns, deleteRuns, MAX_COMPARE, refreshRuns, setRunFilters, useRunsStore, type StoredRunStatus } from '../../state/runs.js';
import { Dialog, DialogForm } from '../../ui/Dialog.js';
import { RunCompare } from './RunCompare.js';
import { RunDetail } from './RunDetail.js';
import { RunsTable } from './RunsTable.js';
import { shortRunId } from './run-columns.js';

const STATUSES = storedRunStatusSchema.options;

function TagFilter() {
  const tag = useRunsStore((s) => s.filters.tag);
  const [text, setText] = useState(tag ?? '');
  // Filter once typing pauses, not on every key.
  useEffect(() => {
    const trimmed = text.trim() || null;
    if (trimmed === useRunsStore.getState().filters.tag) return;
    const timer = setTimeout(() => void setRunFilters({ tag: trimmed }), 300);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <label className="inline-field">
      <span>Tag</span>
      <input type="search" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter by tag" placeholder="any" />
    </label>
  );
}

function RunFilters() {
  const pipelines = useProjectStore((s) => s.pipelines);
  const filters = useRunsStore((s) => s.filters);
  const total = useRunsStore((s) => s.total);
  const error = useRunsStore((s) => s.error);
  return (
    <div className="view-bar" role="group" aria-label="Run filters">
      <label className="inline-field">
        <span>Pipeline</span>
        <select value={filters.pipeline ?? ''} onChange={(e) => void setRunFilters({ pipeline: e.target.value || null })} aria-label="Filter by pipeline">
          <option value="">All pipelines</option>
          {pipelines.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Status</span>
        <select value={filters.status ?? ''} onChange={(e) => void setRunFilters({ status: (e.target.value || null) as StoredRunStatus | null })} aria-label="Filter by status">
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <TagFilter />
      <button type="button" onClick={() => void refreshRuns()}>
        Refresh
      </button>
      <span role="status" aria-label="Runs count" className="muted">
        {error ? <span className="error-text">{error}</span> : total === null ? 'Loading runs…' : `${total} run${total === 1 ? '' : 's'}`}
      </span>
    </div>
  );
}

function SelectionBar() {
  const selected = useRunsStore((s) => s.selected);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  if (selected.length === 0) return null;
  const canCompare = selected.length >= 2 && selected.length <= MAX_COMPARE;
  return (
    <div className="view-bar selection-bar" role="group" aria-label="Selected runs">
      <span>{selected.length} selected</span>
      <button type="button" className="primary" disabled={!canCompare} onClick={() => void compareSelectedRuns()} title={canCompare ? 'Compare the selected runs side by side' : `Select 2 to ${MAX_COMPARE} runs to compare`}>
        Compare
      </button>
      <button type="button" onClick={() => setConfirm(true)}>
        Delete selected
      </button>
      <button type="button" onClick={clearRunSelection}>
        Clear selection
      </button>
      {confirm && (
        <Dialog title="Delete runs" onClose={() => setConfirm(false)}>
          <DialogForm
            submitLabel={`Delete ${selected.length} run${selected.length === 1 ? '' : 's'}`}
            busy={busy}
            onCancel={() => setConfirm(false)}
            onSubmit={() => {
              setBusy(true);
              void deleteRuns(selected).then(() => {
                setBusy(false);
                setConfirm(false);
              });
            }}
          >
            <p>
              Delete {selected.map(shortRunId).join(', ')} with their recorded outputs? Outputs, dataset versions and files that another run or a registered model
              still uses are kept.
            </p>
          </DialogForm>
        </Dialog>
      )}
    </div>
  );
}

export function RunsView() {
  const hasPanel = useRunsStore((s) => s.detail !== null || s.comparison !== null);
  useEffect(() => {
    void refreshRuns();
    // A run started or ended elsewhere (the editor, a re-run, a retraining): refresh once things settle.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = getApi().onRunEvent((event) => {
      if (event.kind !== 'run_started' && event.kind !== 'run_finished') return;
      clearTimeout(timer);
      timer = setTimeout(() => void refreshRuns(), 250);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);
  return (
    <section className={`runs-view${hasPanel ? ' has-panel' : ''}`} aria-label="Runs view">
      <div className="runs-top">
        <RunFilters />
        <SelectionBar />
      </div>
      <RunsTable />
      {hasPanel && (
        <div className="runs-panel">
          <RunDetail />
          <RunCompare />
        </div>
      )}
    </section>
  );
}
