// The project's pipelines as tabs, with New / Rename / Delete pipeline.
import { useState, type KeyboardEvent } from 'react';
import { useGraphStore } from '../state/graph.js';
import { createPipeline, deletePipeline, openPipeline, renamePipeline, useProjectStore } from '../state/project.js';
import { Dialog, DialogForm } from '../ui/Dialog.js';
import { StarterDialog } from './StarterDialog.js';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_. -]{0,199}$/;

/** Asks for a pipeline name; `current` is the name being renamed (keeping it is then no change). */
function NameDialog({ title, submitLabel, initial, current, taken, onSubmit, onClose }: { title: string; submitLabel: string; initial: string; current?: string; taken: string[]; onSubmit(name: string): Promise<boolean>; onClose(): void }) {
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();
  const problem = !trimmed ? 'Type a name.' : !NAME_PATTERN.test(trimmed) ? 'Use letters, digits, spaces, ".", "_" or "-".' : trimmed !== current && taken.includes(trimmed) ? `There is already a pipeline ${trimmed}.` : undefined;
  const submit = async () => {
    if (problem) return;
    if (trimmed === current) return onClose();
    setBusy(true);
    const ok = await onSubmit(trimmed);
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <DialogForm submitLabel={submitLabel} onSubmit={() => void submit()} onCancel={onClose} busy={busy || !!problem}>
        <label className="field">
          <span>Pipeline name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus aria-invalid={problem && name ? true : undefined} />
        </label>
        {problem && name && <p className="error-text">{problem}</p>}
      </DialogForm>
    </Dialog>
  );
}

function nextFreeName(taken: string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`pipeline-${i}`)) return `pipeline-${i}`;
}

export function PipelineTabs() {
  const pipelines = useProjectStore((s) => s.pipelines);
  const open = useGraphStore((s) => s.pipeline);
  const [dialog, setDialog] = useState<'new' | 'starter' | 'rename' | 'delete' | null>(null);
  const names = pipelines.map((p) => p.name);
  const close = () => setDialog(null);

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step || names.length === 0) return;
    const next = names[(names.indexOf(open ?? '') + step + names.length) % names.length];
    void openPipeline(next).then(() => document.getElementById(`pipeline-tab-${next}`)?.focus());
  };

  return (
    <nav className="pipeline-bar" aria-label="Pipelines bar">
      <div role="tablist" aria-label="Pipelines" className="tabs" onKeyDown={onKeyDown}>
        {pipelines.map((p) => (
          <button
            key={p.name}
            id={`pipeline-tab-${p.name}`}
            type="button"
            role="tab"
            aria-selected={p.name === open}
            aria-controls="workspace"
            tabIndex={p.name === open || (!open && p === pipelines[0]) ? 0 : -1}
            className={`tab${p.name === open ? ' is-active' : ''}`}
            title={`version ${p.version}, saved ${p.savedAt}`}
            onClick={() => p.name !== open && void openPipeline(p.name)}
          >
            {p.name}
          </button>
        ))}
        {pipelines.length === 0 && <span className="muted small">No pipelines yet.</span>}
      </div>
      <div className="pipeline-actions">
        <button type="button" onClick={() => setDialog('new')}>
          New pipeline
        </button>
        <button type="button" onClick={() => setDialog('starter')}>
          New from CSV
        </button>
        <button type="button" onClick={() => setDialog('rename')} disabled={!open}>
          Rename pipeline
        </button>
        <button type="button" onClick={() => setDialog('delete')} disabled={!open}>
          Delete pipeline
        </button>
      </div>
      {dialog === 'new' && <NameDialog title="New pipeline" submitLabel="Create" initial={nextFreeName(names)} taken={names} onSubmit={createPipeline} onClose={close} />}
      {dialog === 'starter' && <StarterDialog taken={names} onClose={close} />}
      {dialog === 'rename' && open && <NameDialog title="Rename pipeline" submitLabel="Rename" initial={open} current={open} taken={names} onSubmit={(to) => renamePipeline(open, to)} onClose={close} />}
      {dialog === 'delete' && open && (
        <Dialog title="Delete pipeline" onClose={close}>
          <DialogForm submitLabel="Delete" onSubmit={() => void deletePipeline(open).then((ok) => ok && close())} onCancel={close}>
            <p>
              Delete pipeline <strong>{open}</strong> and its saved versions from the project?
            </p>
          </DialogForm>
        </Dialog>
      )}
    </nav>
  );
}
