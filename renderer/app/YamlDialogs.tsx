// Import a pipeline from YAML (a file or pasted text; problems listed with their line numbers) and export the open
// pipeline as YAML (shown, and downloadable as a file).
import { useEffect, useMemo, useState } from 'react';
import type { ApiResponse } from '../../shared/api/contract.js';
import { errorMessage, getApi } from '../state/api.js';
import { useGraphStore } from '../state/graph.js';
import { openPipeline, refreshPipelines } from '../state/project.js';
import { flushSave } from '../state/save.js';
import { Dialog, DialogForm } from '../ui/Dialog.js';

type ImportIssue = ApiResponse<'pipelines.importYaml'>['issues'][number];

export function issueText(issue: ImportIssue): string {
  const where = issue.line !== undefined ? `line ${issue.line}${issue.column !== undefined ? `, column ${issue.column}` : ''}: ` : '';
  return `${where}${issue.message}`;
}

export function ImportYamlDialog({ onClose }: { onClose(): void }) {
  const [yaml, setYaml] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const [outcome, setOutcome] = useState<string>();

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setYaml(await file.text());
    if (!name) setName(file.name.replace(/\.ya?ml$/i, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-'));
  };

  const submit = async () => {
    if (!yaml.trim()) return setOutcome('Choose a YAML file or paste its text first.');
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await getApi().call('pipelines.importYaml', name.trim() ? { yaml, name: name.trim() } : { yaml });
      setIssues(result.issues);
      if (result.name) {
        await refreshPipelines();
        await openPipeline(result.name);
        if (result.issues.length === 0) return onClose();
        setOutcome(`Imported as ${result.name}, with ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'} to fix:`);
      } else {
        setOutcome('Not imported:');
      }
    } catch (e) {
      setOutcome(`Not imported: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Import YAML" onClose={onClose} wide>
      <DialogForm submitLabel="Import" onSubmit={() => void submit()} onCancel={onClose} busy={busy}>
        <label className="field">
          <span>YAML file</span>
          <input type="file" accept=".yaml,.yml,text/yaml,application/yaml" onChange={(e) => void readFile(e.target.files?.[0])} />
        </label>
        <label className="field">
          <span>YAML text</span>
          <textarea className="code" rows={14} value={yaml} onChange={(e) => setYaml(e.target.value)} spellCheck={false} placeholder={'plumb: 1\nname: my-pipeline\nnodes: []'} />
        </label>
        <label className="field">
          <span>Pipeline name (optional)</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="the name written in the YAML" />
        </label>
        {outcome && <p className={issues.length || outcome.startsWith('Not') ? 'error-text' : undefined}>{outcome}</p>}
        {issues.length > 0 && (
          <ul className="import-issues" aria-label="Import problems">
            {issues.map((issue, i) => (
              <li key={i}>{issueText(issue)}</li>
            ))}
          </ul>
        )}
      </DialogForm>
    </Dialog>
  );
}

export function ExportYamlDialog({ onClose }: { onClose(): void }) {
  const pipeline = useGraphStore((s) => s.pipeline);
  const [yaml, setYaml] = useState<string>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!pipeline) return;
    let live = true;
    (async () => {
      try {
        await flushSave();
        const result = await getApi().call('pipelines.exportYaml', { name: pipeline });
        if (live) setYaml(result.yaml);
      } catch (e) {
        if (live) setProblem(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [pipeline]);

  const href = useMemo(() => (yaml === undefined ? undefined : URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }))), [yaml]);
  useEffect(() => () => (href ? URL.revokeObjectURL(href) : undefined), [href]);

  return (
    <Dialog title="Export YAML" onClose={onClose} wide>
      {problem && <p className="error-text">Could not export: {problem}</p>}
      {yaml === undefined && !problem && <p className="muted">Exporting…</p>}
      {yaml !== undefined && (
        <label className="field">
          <span>Exported YAML</span>
          <textarea className="code" rows={18} readOnly value={yaml} spellCheck={false} />
        </label>
      )}
      <div className="dialog-buttons">
        {href && (
          <a className="button primary" href={href} download={`${pipeline ?? 'pipeline'}.yaml`}>
            Download YAML
          </a>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
