// "Register model…" from a run: pick the node whose model output to register, a model name and optionally an
// alias; models.register stores it as the model's next version (the same file again keeps its version).
import { useEffect, useState } from 'react';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import type { RunDetailView } from '../../../shared/api/lifecycle.js';
import { refreshModels, registerModel, useModelsStore } from '../../state/models.js';
import { Dialog, DialogForm } from '../../ui/Dialog.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
const ALIAS = /^[A-Za-z0-9_-]{1,255}$/;

/** The run's nodes that finished with a model output. */
export function modelNodes(run: Pick<RunDetailView, 'nodes'>): string[] {
  return run.nodes.filter((n) => (n.status === 'done' || n.status === 'cached') && nodeCatalog.get(n.type)?.outputs.model?.type === 'model').map((n) => n.id);
}

export function RegisterModelDialog({ run, onClose, onRegistered }: { run: RunDetailView; onClose(): void; onRegistered(name: string, version: number): void }) {
  const nodes = modelNodes(run);
  const list = useModelsStore((s) => s.list);
  const models = list?.status === 'ready' ? list.value : [];
  const [node, setNode] = useState(nodes[0] ?? '');
  const [name, setName] = useState(run.pipeline.replace(/[^A-Za-z0-9_.-]/g, '-'));
  const [alias, setAlias] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void refreshModels();
  }, []);
  const problem = !node ? 'This run has no model output.' : !NAME.test(name) ? 'Name the model with letters, digits, ".", "_" or "-".' : alias && !ALIAS.test(alias) ? 'An alias uses letters, digits, "_" or "-".' : undefined;
  const submit = async () => {
    if (problem) return;
    setBusy(true);
    const registered = await registerModel({ runId: run.id, node, name, ...(alias ? { alias } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (registered) onRegistered(name, registered.version.version);
  };
  return (
    <Dialog title="Register model" onClose={onClose}>
      <DialogForm submitLabel="Register" onSubmit={() => void submit()} onCancel={onClose} busy={busy || !!problem}>
        <label className="field">
          <span>Model node</span>
          <select value={node} onChange={(e) => setNode(e.target.value)}>
            {nodes.map((n) => (
              <option key={n} value={n}>
                {n} ({run.nodes.find((x) => x.id === n)?.type})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Model name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} list="registered-model-names" aria-invalid={!NAME.test(name) || undefined} />
          <datalist id="registered-model-names">
            {models.map((m) => (
              <option key={m.name} value={m.name} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>Alias (optional)</span>
          <input type="text" value={alias} onChange={(e) => setAlias(e.target.value)} placeholder="e.g. challenger" />
        </label>
        <label className="field">
          <span>Note (optional)</span>
          <input type="text" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {problem && <p className="error-text">{problem}</p>}
      </DialogForm>
    </Dialog>
  );
}
