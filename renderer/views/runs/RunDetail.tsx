// One run in detail: what ran (pipeline version, backend, per-node status and params), its metrics, the datasets
// it read and the models registered from it; its note and tags edited in place; open its outputs in the editor,
// re-run it exactly, register its model, delete it.
import { useEffect, useState } from 'react';
import type { RunDetailView } from '../../../shared/api/lifecycle.js';
import { openModel } from '../../state/models.js';
import { openPipeline, useProjectStore } from '../../state/project.js';
import { annotateRun, closeRunDetail, deleteRuns, rerunRun, showRunDetail, useRunsStore } from '../../state/runs.js';
import { showDataset, showView } from '../../state/views.js';
import { Dialog, DialogForm } from '../../ui/Dialog.js';
import { formatParam } from './compare-data.js';
import { formatMetric, formatSeconds, formatStarted, parseTags, shortRunId } from './run-columns.js';
import { modelNodes, RegisterModelDialog } from './RegisterModelDialog.js';

function Annotations({ run }: { run: RunDetailView }) {
  const [note, setNote] = useState(run.note ?? '');
  const [tags, setTags] = useState(run.tags.join(', '));
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setNote(run.note ?? '');
    setTags(run.tags.join(', '));
  }, [run.id, run.note, run.tags]);
  const changed = note !== (run.note ?? '') || parseTags(tags).join(',') !== run.tags.join(',');
  const save = async () => {
    setBusy(true);
    await annotateRun(run.id, note.trim() ? note : null, parseTags(tags));
    setBusy(false);
  };
  return (
    <form
      className="annotations"
      aria-label="Note and tags"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span>Note</span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </label>
      <label className="field">
        <span>Tags</span>
        <input type="text" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="comma, separated" />
      </label>
      <button type="submit" disabled={!changed || busy}>
        Save note and tags
      </button>
    </form>
  );
}

function RunActions({ run }: { run: RunDetailView }) {
  const pipelines = useProjectStore((s) => s.pipelines);
  const [dialog, setDialog] = useState<'register' | 'delete' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const pipelineExists = pipelines.some((p) => p.name === run.pipeline);
  const canRegister = modelNodes(run).length > 0;
  const openInEditor = async () => {
    await openPipeline(run.pipeline, { id: run.id, status: run.status, seconds: run.seconds });
    showView('editor');
  };
  const rerun = async () => {
    const started = await rerunRun(run.id);
    if (started) setMessage(`Re-run started: ${shortRunId(started)}`);
  };
  return (
    <div className="detail-actions" role="group" aria-label="Run actions">
      <button type="button" onClick={() => void openInEditor()} disabled={!pipelineExists} title={pipelineExists ? 'Open the pipeline with this run’s outputs' : 'The pipeline was deleted'}>
        Open in editor
      </button>
      <button type="button" onClick={() => void rerun()} disabled={run.pipelineVersion === null} title="Run the same pipeline version with the same params again">
        Re-run exactly
      </button>
      <button type="button" onClick={() => setDialog('register')} disabled={!canRegister} title={canRegister ? 'Register a model this run trained' : 'This run trained no model'}>
        Register model…
      </button>
      <button type="button" onClick={() => setDialog('delete')}>
        Delete run
      </button>
      {message && (
        <span role="status" className="muted small">
          {message}
        </span>
      )}
      {dialog === 'register' && (
        <RegisterModelDialog
          run={run}
          onClose={() => setDialog(null)}
          onRegistered={(name) => {
            setDialog(null);
            void showRunDetail(run.id);
            void openModel(name);
            showView('models');
          }}
        />
      )}
      {dialog === 'delete' && (
        <Dialog title="Delete run" onClose={() => setDialog(null)}>
          <DialogForm submitLabel="Delete run" onCancel={() => setDialog(null)} onSubmit={() => void deleteRuns([run.id]).then(() => setDialog(null))}>
            <p>Delete run {shortRunId(run.id)} with its recorded outputs? What another run or a registered model still uses is kept.</p>
          </DialogForm>
        </Dialog>
      )}
    </div>
  );
}

function RunFacts({ run }: { run: RunDetailView }) {
  const metrics = Object.entries(run.metrics).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="detail-columns">
      <section aria-label="Metrics">
        <h3 className="panel-title">Metrics</h3>
        {metrics.length === 0 ? (
          <p className="muted small">No metrics recorded.</p>
        ) : (
          <table className="data-table compact">
            <tbody>
              {metrics.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td className="num">{formatMetric(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label="Nodes">
        <h3 className="panel-title">Nodes</h3>
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Status</th>
              <th scope="col">Time</th>
              <th scope="col">Params</th>
            </tr>
          </thead>
          <tbody>
            {run.nodes.map((n) => (
              <tr key={n.id}>
                <th scope="row" title={n.type}>
                  {n.id}
                </th>
                <td className={`status-${n.status}`} title={n.error ?? undefined}>
                  {n.status}
                </td>
                <td className="num">{formatSeconds(n.seconds)}</td>
                <td className="params-cell">
                  {Object.entries(n.params ?? {})
                    .map(([k, v]) => `${k}=${formatParam(v)}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-label="Lineage of this run">
        <h3 className="panel-title">Datasets read</h3>
        {run.datasets.length === 0 && <p className="muted small">None recorded.</p>}
        <ul className="plain-list">
          {run.datasets.map((d) => (
            <li key={`${d.node}-${d.versionId}`}>
              <button type="button" className="link-button" onClick={() => showDataset(d.name)}>
                {d.name}@{d.version}
              </button>{' '}
              <span className="muted small">
                by {d.node}, {d.rowCount ?? '?'} rows, {d.hash.slice(0, 10)}
              </span>
            </li>
          ))}
        </ul>
        <h3 className="panel-title">Registered models</h3>
        {run.models.length === 0 && <p className="muted small">None.</p>}
        <ul className="plain-list">
          {run.models.map((m) => (
            <li key={`${m.name}@${m.version}`}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  void openModel(m.name);
                  showView('models');
                }}
              >
                {m.name} v{m.version}
              </button>{' '}
              {m.node && <span className="muted small">from {m.node}</span>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function RunDetail() {
  const detail = useRunsStore((s) => s.detail);
  if (!detail) return null;
  const { run } = detail;
  return (
    <section className="run-detail" aria-label={`Run ${shortRunId(detail.runId)}`}>
      <header className="detail-head">
        <h2>Run {shortRunId(detail.runId)}</h2>
        {run.status === 'ready' && (
          <span className="muted">
            {run.value.pipeline}
            {run.value.pipelineVersion !== null ? ` v${run.value.pipelineVersion}` : ' (pipeline deleted)'} · <span className={`status-${run.value.status}`}>{run.value.status.replace('_', ' ')}</span> ·{' '}
            {formatStarted(run.value.startedAt)} · {formatSeconds(run.value.seconds)}
            {run.value.computeBackend ? ` · ${run.value.computeBackend}` : ''}
            {run.value.plumbVersion ? ` · Plumb ${run.value.plumbVersion}` : ''}
            {Object.keys(run.value.overrides).length > 0 ? ` · --set ${Object.entries(run.value.overrides).map(([k, v]) => `${k}=${formatParam(v)}`).join(' ')}` : ''}
          </span>
        )}
        <button type="button" className="icon-button close-panel" onClick={closeRunDetail} aria-label="Close run detail">
          ×
        </button>
      </header>
      {run.status === 'loading' && <p className="muted">Loading…</p>}
      {run.status === 'error' && <p className="error-text">{run.error}</p>}
      {run.status === 'ready' && (
        <>
          {run.value.error && <p className="error-text">{run.value.error}</p>}
          <RunActions run={run.value} />
          <Annotations run={run.value} />
          <RunFacts run={run.value} />
        </>
      )}
    </section>
  );
}
