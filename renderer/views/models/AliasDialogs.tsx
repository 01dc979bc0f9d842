// Confirmation dialogs of the registry: point an alias at a version, and roll an alias back to its previous
// version; both take a note that goes into the alias log.
import { useState } from 'react';
import { moveAlias, rollbackAlias } from '../../state/models.js';
import { Dialog, DialogForm } from '../../ui/Dialog.js';

const ALIAS = /^[A-Za-z0-9_-]{1,255}$/;

export function SetAliasDialog({ name, version, current, onClose }: { name: string; version: number; current: Record<string, number>; onClose(): void }) {
  const [alias, setAlias] = useState('champion');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const from = current[alias];
  const problem = !ALIAS.test(alias) ? 'An alias uses letters, digits, "_" or "-".' : from === version ? `${alias} already names version ${version}.` : undefined;
  return (
    <Dialog title={`Set an alias on ${name} v${version}`} onClose={onClose}>
      <DialogForm
        submitLabel="Move alias"
        busy={busy || !!problem}
        onCancel={onClose}
        onSubmit={() => {
          if (problem) return;
          setBusy(true);
          void moveAlias(name, alias, version, note).then((ok) => {
            setBusy(false);
            if (ok) onClose();
          });
        }}
      >
        <label className="field">
          <span>Alias</span>
          <input type="text" value={alias} onChange={(e) => setAlias(e.target.value)} list="alias-names" aria-invalid={!ALIAS.test(alias) || undefined} />
          <datalist id="alias-names">
            {['champion', 'challenger', ...Object.keys(current)].filter((a, i, all) => all.indexOf(a) === i).map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>Note</span>
          <input type="text" value={note} onChange={(e) => setNote(e.target.value)} placeholder="why this version" />
        </label>
        <p>{from === undefined ? `${alias} will name version ${version}.` : `${alias} moves from version ${from} to version ${version}.`}</p>
        {problem && <p className="error-text">{problem}</p>}
      </DialogForm>
    </Dialog>
  );
}

export function RollbackDialog({ name, alias, version, previous, onClose }: { name: string; alias: string; version: number; previous: number | null; onClose(): void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={`Roll back ${name}@${alias}`} onClose={onClose}>
      <DialogForm
        submitLabel="Roll back"
        busy={busy}
        onCancel={onClose}
        onSubmit={() => {
          setBusy(true);
          void rollbackAlias(name, alias, note).then((ok) => {
            setBusy(false);
            if (ok) onClose();
          });
        }}
      >
        <p>
          {alias} names version {version}; rolling back moves it to {previous === null ? 'no version (removing it)' : `version ${previous}`}, as before its last move.
        </p>
        <label className="field">
          <span>Note</span>
          <input type="text" value={note} onChange={(e) => setNote(e.target.value)} placeholder="why roll back" />
        </label>
      </DialogForm>
    </Dialog>
  );
}
