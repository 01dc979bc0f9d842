// The Models view: registered models; the open model's versions (metrics, created, run link, signature) with alias
// badges, moving an alias or rolling it back after a confirmation, the alias log, and a version's lineage graph.
import { useEffect, useState } from 'react';
import { modelSignatureSchema } from '../../../shared/api/lifecycle.js';
import { closeLineage, downloadOnnx, openModel, refreshModels, showLineage, useModelsStore, type ModelDetail, type ModelVersion } from '../../state/models.js';
import { openPipeline } from '../../state/project.js';
import { showRunDetail } from '../../state/runs.js';
import { showDataset, showView } from '../../state/views.js';
import { Dialog } from '../../ui/Dialog.js';
import { formatMetric, formatStarted, shortRunId } from '../runs/run-columns.js';
import { RollbackDialog, SetAliasDialog } from './AliasDialogs.js';
import { LineageGraph } from './LineageGraph.js';
import type { PlacedNode } from './lineage-layout.js';

function ModelList() {
  const list = useModelsStore((s) => s.list);
  const open = useModelsStore((s) => s.open);
  if (!list || list.status === 'loading') return <p className="muted">Loading models…</p>;
  if (list.status === 'error') return <p className="error-text">{list.error}</p>;
  if (list.value.length === 0) return <p className="muted small">No registered models yet. Register one from a run in the Runs view.</p>;
  return (
    <ul className="plain-list model-list" aria-label="Models">
      {list.value.map((m) => (
        <li key={m.name}>
          <button type="button" className={`list-item${m.name === open ? ' is-active' : ''}`} aria-current={m.name === open || undefined} onClick={() => void openModel(m.name)}>
            <strong>{m.name}</strong>
            <span className="muted small">
              {m.latestVersion} version{m.latestVersion === 1 ? '' : 's'}
              {Object.keys(m.aliases).length > 0 ? ` · ${Object.entries(m.aliases).map(([a, v]) => `${a}→v${v}`).join(', ')}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** `12 columns → churn (classification: no, yes)` */
function signatureText(signature: unknown): string {
  const parsed = modelSignatureSchema.safeParse(signature);
  if (!parsed.success) return '—';
  const s = parsed.data;
  return `${s.columns.length} columns → ${s.target ?? '?'} (${s.task}${s.classes.length ? `: ${s.classes.slice(0, 4).join(', ')}${s.classes.length > 4 ? ', …' : ''}` : ''})`;
}

const TELLING = ['roc_auc', 'accuracy', 'r2', 'rmse', 'f1_macro', 'log_loss', 'mae'];

/** The version's two most telling metrics (ROC AUC and accuracy, or R² and RMSE, …) as `key value`. */
function metricsText(metrics: unknown): string {
  if (!metrics || typeof metrics !== 'object') return '—';
  const entries = Object.entries(metrics as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');
  const rank = ([k]: [string, number]) => {
    const i = TELLING.indexOf(k.slice(k.lastIndexOf('.') + 1));
    return i < 0 ? TELLING.length : i;
  };
  const shown = [...entries].sort((a, b) => rank(a) - rank(b)).slice(0, 2);
  return shown.length ? shown.map(([k, v]) => `${k.slice(k.lastIndexOf('.') + 1)} ${formatMetric(v)}`).join(' · ') : '—';
}

type Confirm = { kind: 'alias'; version: number } | { kind: 'rollback'; alias: string; version: number; previous: number | null } | null;

function VersionsTable({ detail, onConfirm }: { detail: ModelDetail; onConfirm(c: Confirm): void }) {
  const previousOf = (alias: string) => detail.aliasLog.filter((m) => m.alias === alias).at(-1)?.from ?? null;
  const openRun = (runId: string) => {
    showView('runs');
    void showRunDetail(runId);
  };
  return (
    <table className="data-table" aria-label={`Versions of ${detail.name}`}>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Aliases</th>
          <th scope="col">Created (UTC)</th>
          <th scope="col">Type</th>
          <th scope="col">Metrics</th>
          <th scope="col">Signature</th>
          <th scope="col">Run</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {[...detail.versions].reverse().map((v: ModelVersion) => (
          <tr key={v.version} aria-label={`${detail.name} version ${v.version}`}>
            <th scope="row">v{v.version}</th>
            <td>
              {v.aliases.map((a) => (
                <span key={a} className={`badge alias-badge alias-${a}`}>
                  {a}
                  <button type="button" className="badge-action" onClick={() => onConfirm({ kind: 'rollback', alias: a, version: v.version, previous: previousOf(a) })} aria-label={`Roll back ${a}`} title={`Roll ${a} back`}>
                    ↶
                  </button>
                </span>
              ))}
            </td>
            <td className="nowrap">{formatStarted(v.createdAt)}</td>
            <td>{v.type}</td>
            <td className="small" title={JSON.stringify(v.metrics)}>{metricsText(v.metrics)}</td>
            <td className="small">{signatureText(v.signature)}</td>
            <td>
              {v.runId ? (
                <button type="button" className="link-button" onClick={() => openRun(v.runId!)} aria-label={`Open run ${shortRunId(v.runId)}`}>
                  {shortRunId(v.runId)}
                </button>
              ) : (
                '—'
              )}
              {v.nodeId && <span className="muted small"> ({v.nodeId})</span>}
            </td>
            <td className="row-actions">
              <button type="button" onClick={() => onConfirm({ kind: 'alias', version: v.version })} aria-label={`Set alias on version ${v.version}`}>
                Set alias…
              </button>
              <button type="button" onClick={() => void showLineage(detail.name, v.version)} aria-label={`Lineage of version ${v.version}`}>
                Lineage
              </button>
              <button type="button" onClick={() => void downloadOnnx(detail.name, v.version)} aria-label={`Export version ${v.version} as ONNX`}>
                ONNX
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AliasLog({ detail }: { detail: ModelDetail }) {
  if (detail.aliasLog.length === 0) return null;
  return (
    <section aria-label="Alias log">
      <h3 className="panel-title">Alias log</h3>
      <table className="data-table compact" aria-label="Alias moves">
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Alias</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {[...detail.aliasLog].reverse().map((m, i) => (
            <tr key={i}>
              <td>{formatStarted(m.movedAt)}</td>
              <td>{m.alias}</td>
              <td>{m.from === null ? '—' : `v${m.from}`}</td>
              <td>{m.to === null ? 'removed' : `v${m.to}`}</td>
              <td>{m.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function LineageDialog() {
  const lineage = useModelsStore((s) => s.lineage);
  if (!lineage) return null;
  const { graph } = lineage;
  const canOpen = (n: PlacedNode) => {
    if (graph.status !== 'ready') return false;
    if (n.kind === 'run') return graph.value.run !== null;
    if (n.kind === 'pipeline') return graph.value.pipeline?.available ?? false;
    return n.kind === 'dataset';
  };
  const onOpen = (n: PlacedNode) => {
    if (graph.status !== 'ready') return;
    closeLineage();
    if (n.kind === 'run' && graph.value.run) {
      showView('runs');
      void showRunDetail(graph.value.run.id);
    } else if (n.kind === 'dataset') {
      const d = graph.value.datasets.find((x) => `dataset:${x.versionId}` === n.id);
      if (d) showDataset(d.name);
    } else if (n.kind === 'pipeline' && graph.value.pipeline) {
      void openPipeline(graph.value.pipeline.name).then(() => showView('editor'));
    }
  };
  return (
    <Dialog title={`Lineage of ${lineage.ref}`} onClose={closeLineage} wide>
      <div className="dialog-scroll">
        {graph.status === 'loading' && <p className="muted">Loading…</p>}
        {graph.status === 'error' && <p className="error-text">{graph.error}</p>}
        {graph.status === 'ready' && (
          <>
            <LineageGraph lineage={graph.value} onOpen={onOpen} canOpen={canOpen} />
            <p className="muted small">Arrows point from inputs to what was made from them. Click a run, pipeline or dataset to open it.</p>
          </>
        )}
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={closeLineage}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

export function ModelsView() {
  const detail = useModelsStore((s) => s.detail);
  const open = useModelsStore((s) => s.open);
  const [confirm, setConfirm] = useState<Confirm>(null);
  useEffect(() => {
    void refreshModels();
  }, []);
  const ready = detail?.status === 'ready' ? detail.value : null;
  const aliases = ready ? Object.fromEntries(ready.versions.flatMap((v) => v.aliases.map((a) => [a, v.version] as const))) : {};
  return (
    <section className="split-view" aria-label="Models view">
      <aside className="split-list">
        <h2 className="panel-title">Registered models</h2>
        <ModelList />
      </aside>
      <div className="split-main">
        {open && <h2 className="view-title">{open}</h2>}
        {detail?.status === 'loading' && <p className="muted">Loading…</p>}
        {detail?.status === 'error' && <p className="error-text">{detail.error}</p>}
        {ready && (
          <>
            <VersionsTable detail={ready} onConfirm={setConfirm} />
            <AliasLog detail={ready} />
          </>
        )}
      </div>
      {ready && confirm?.kind === 'alias' && <SetAliasDialog name={ready.name} version={confirm.version} current={aliases} onClose={() => setConfirm(null)} />}
      {ready && confirm?.kind === 'rollback' && (
        <RollbackDialog name={ready.name} alias={confirm.alias} version={confirm.version} previous={confirm.previous} onClose={() => setConfirm(null)} />
      )}
      <LineageDialog />
    </section>
  );
}
