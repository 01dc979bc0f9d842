// The bottom panel: the selected node's outputs (one tab per output port: data table with column stats, metrics,
// training chart), its log and error, and the pipeline's problems list; an output can fill the window or pop out.
import { toggleOutputsMaximized, usePanelSizes } from '../state/panel-sizes.js';
import { lazy, Suspense, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { PORT_TYPES, type PortType } from '../../shared/catalog/ports.js';
import { useGraphStore } from '../state/graph.js';
import { loadPreview, outputKey, useOutputsStore, type OutputPreview } from '../state/outputs.js';
import { useRunStore } from '../state/run.js';
import type { SeriesPoint } from '../state/run-events.js';
import { selectSingleNode, useSelectionStore } from '../state/selection.js';
import { ColumnStats } from './ColumnStats.js';
import { readColumnStats } from './column-stats.js';
import { DataGrid } from './DataGrid.js';
import { JsonView } from './JsonView.js';
import { ProblemsList, useProblemCount } from './ProblemsList.js';
import { isSearchHistory } from './automl/leaderboard-rows.js';
import { modelsOfSelection } from './compare/compare-data.js';
import { ExplainReportButton } from './explain/ExplainReportButton.js';
import { popOutOutput } from './pop-out.js';
import { useNoticesStore } from '../state/notices.js';

const EMPTY_POINTS: SeriesPoint[] = [];

// The charting library is large; it loads the first time a chart is shown.
const LazySeriesChart = lazy(() => import('./SeriesChart.js').then((m) => ({ default: m.SeriesChart })));
const LazyRichOutput = lazy(() => import('./model/RichOutput.js').then((m) => ({ default: m.RichOutput })));
const LazyWhatIf = lazy(() => import('./what-if/WhatIfPanel.js').then((m) => ({ default: m.WhatIfPanel })));
const LazyDriftView = lazy(() => import('./drift/DriftView.js').then((m) => ({ default: m.DriftView })));
const LazyLeaderboard = lazy(() => import('./automl/LeaderboardPanel.js').then((m) => ({ default: m.LeaderboardPanel })));
const LazyCompare = lazy(() => import('./compare/ComparePanel.js').then((m) => ({ default: m.ComparePanel })));

/** Port types with a dedicated view: metrics charts, the model card, explanation panels. */
const RICH_PORT_TYPES: readonly PortType[] = ['metrics', 'model', 'explanation'];

function SeriesChart(props: { points: SeriesPoint[]; label: string; node?: string }) {
  // model.automl / model.tune histories (one point per finished candidate) show as the live leaderboard
  if (props.node && isSearchHistory(props.points)) {
    return (
      <Suspense fallback={<p className="muted">Loading leaderboard…</p>}>
        <LazyLeaderboard node={props.node} points={props.points} />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<p className="muted">Loading chart…</p>}>
      <LazySeriesChart points={props.points} label={props.label} />
    </Suspense>
  );
}

function asSeries(value: unknown): SeriesPoint[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.every((p) => typeof p === 'object' && p !== null && typeof (p as SeriesPoint).step === 'number') ? (value as SeriesPoint[]) : undefined;
}

function PortOutput({ node, port, portType }: { node: string; port: string; portType: PortType }) {
  const runId = useRunStore((s) => s.view.outputRun[node]);
  const live = useRunStore((s) => s.view.series[node]?.[port] ?? EMPTY_POINTS);
  const running = useRunStore((s) => s.view.nodes[node]?.status === 'running');
  const failed = useRunStore((s) => s.view.nodes[node]?.status === 'failed');

  if (live.length > 0 && (running || !runId)) return <SeriesChart points={live} label={`Training history of ${node}`} node={node} />;
  if (!runId) {
    return (
      <p className="muted empty-output">
        {failed ? `No outputs: ${node} failed in the last run.` : `No outputs yet. Run the pipeline (Ctrl+Enter) to see what ${node}.${port} holds.`}
      </p>
    );
  }
  return <OutputView runId={runId} node={node} port={port} portType={portType} />;
}

const asPortType = (type: string): PortType | undefined => (PORT_TYPES as readonly string[]).includes(type) ? (type as PortType) : undefined;

/**
 * One recorded output of a run, shown by its port type (the outputs panel and a popped-out output both use it);
 * without `portType` the type the preview reports is used.
 */
export function OutputView({ runId, node, port, portType: declared }: { runId: string; node: string; port: string; portType?: PortType }) {
  const entry = useOutputsStore((s) => s.previews[outputKey(runId, node, port)]);

  useEffect(() => {
    void loadPreview(runId, node, port);
  }, [runId, node, port]);

  if (!entry || entry.status === 'loading') return <p className="muted empty-output">Loading {node}.{port}…</p>;
  if (entry.status === 'error') {
    return (
      <div className="empty-output">
        <p role="alert" className="error-text">
          Could not load {node}.{port}: {entry.error}
        </p>
        <button type="button" onClick={() => void loadPreview(runId, node, port, true)}>
          Retry
        </button>
      </div>
    );
  }
  const { preview } = entry;
  if (preview.kind === 'missing') return <p className="muted empty-output">{preview.reason}</p>;
  if (preview.kind === 'json') {
    const portType = declared ?? asPortType(preview.portType);
    const series = portType === 'series' ? asSeries(preview.value) : undefined;
    if (series) return <SeriesChart points={series} label={`Training history of ${node}`} node={node} />;
    if (portType === 'drift') {
      return (
        <Suspense fallback={<p className="muted">Loading drift view…</p>}>
          <LazyDriftView value={preview.value} runId={runId} node={node} />
        </Suspense>
      );
    }
    if (portType && RICH_PORT_TYPES.includes(portType)) {
      return (
        <Suspense fallback={<p className="muted">Loading chart…</p>}>
          <LazyRichOutput value={preview.value} portType={portType} node={node} port={port} />
        </Suspense>
      );
    }
    return <JsonView value={preview.value} label={`${port} of ${node}`} />;
  }
  return <TableOutput runId={runId} node={node} port={port} table={preview.table} />;
}

function TableOutput({ runId, node, port, table }: { runId: string; node: string; port: string; table: Extract<OutputPreview, { kind: 'table' }>['table'] }) {
  const showStats = useOutputsStore((s) => s.showStats);
  const stats = readColumnStats(table.stats);
  return (
    <div className="table-output">
      <div className="table-toolbar">
        <p className="table-summary muted small">
          {table.rowCount.toLocaleString()} rows × {table.columns.length} columns
        </p>
        {stats.length > 0 && (
          <label className="small">
            <input type="checkbox" checked={showStats} onChange={(e) => useOutputsStore.setState({ showStats: e.target.checked })} /> Column statistics
          </label>
        )}
      </div>
      {showStats && <ColumnStats stats={stats} />}
      <DataGrid runId={runId} node={node} port={port} columns={table.columns} rowCount={table.rowCount} />
    </div>
  );
}

function NodeLog({ node }: { node: string }) {
  const lines = useRunStore((s) => s.view.logs[node]);
  if (!lines || lines.length === 0) return <p className="muted empty-output">No log lines from {node} in this run.</p>;
  return (
    <ol className="node-log" aria-label={`Log of ${node}`}>
      {lines.map((l, i) => (
        <li key={i} className={`log-${l.level}`}>
          {l.level === 'warn' ? '⚠ ' : ''}
          {l.message}
        </li>
      ))}
    </ol>
  );
}

export function OutputPanel() {
  const node = useSelectionStore(selectSingleNode);
  const type = useGraphStore((s) => (node ? s.doc.nodes.find((n) => n.id === node)?.type : undefined));
  const state = useRunStore((s) => (node ? s.view.nodes[node] : undefined));
  const problemCount = useProblemCount();
  const declaration = type ? nodeCatalog.get(type) : undefined;
  const ports = useMemo(() => (declaration ? Object.entries(declaration.outputs).map(([name, p]) => ({ name, type: p.type })) : []), [declaration]);
  const selected = useSelectionStore((s) => s.nodes);
  const doc = useGraphStore((s) => s.doc);
  // Several selected model nodes (or a single trainer) open the model comparison.
  const compareRefs = useMemo(() => modelsOfSelection(doc, selected), [doc, selected]);
  const canCompare = node ? Boolean(declaration && Object.values(declaration.outputs).some((p) => p.type === 'model')) : compareRefs.length > 1;
  const canWhatIf = Boolean(declaration && (Object.values(declaration.outputs).some((p) => p.type === 'model') || Object.values(declaration.inputs).some((p) => p.type === 'model')));
  const tabs = [
    ...(node ? ports.map((p) => ({ id: `port:${p.name}`, label: p.name })) : []),
    ...(node && canWhatIf ? [{ id: 'what-if', label: 'What-if' }] : []),
    ...(canCompare ? [{ id: 'compare', label: 'Compare models' }] : []),
    ...(node ? [{ id: 'log', label: 'Log' }] : []),
    { id: 'problems', label: `Problems (${problemCount})` },
  ];
  const [chosen, setChosen] = useState('problems');
  const active = tabs.some((t) => t.id === chosen) ? chosen : tabs[0].id;

  // Selecting a node shows its first output (or its log, when that was being read).
  useEffect(() => {
    if (node) setChosen((c) => (c === 'log' ? c : ''));
    else if (compareRefs.length > 1) setChosen('compare');
  }, [node]);

  // Arrow keys move between tabs, as in the WAI-ARIA tabs pattern.
  const onTabKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(tabs.findIndex((t) => t.id === active) + step + tabs.length) % tabs.length];
    setChosen(next.id);
    document.getElementById(`output-tab-${next.id}`)?.focus();
  };

  const activePort = active.startsWith('port:') ? ports.find((p) => `port:${p.name}` === active) : undefined;

  return (
    <section className="output-panel" aria-label="Outputs">
      <div className="output-head">
        <h2 className="panel-title">{node ? `Outputs of ${node}` : 'Outputs'}</h2>
        <div role="tablist" aria-label="Output views" className="tabs" onKeyDown={onTabKey}>
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`output-tab-${t.id}`}
              aria-selected={t.id === active}
              aria-controls="output-tabpanel"
              tabIndex={t.id === active ? 0 : -1}
              className={`tab${t.id === active ? ' is-active' : ''}`}
              onClick={() => setChosen(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {!node && !canCompare && <span className="muted small">Select a node to see its outputs.</span>}
        {node && <ExplainReportButton node={node} />}
        {node && activePort && <PopOutButton node={node} port={activePort.name} />}
        <MaximizeOutputsButton />
      </div>
      {node && state?.status === 'failed' && (
        <div role="alert" className="node-failure">
          <strong>{node} failed:</strong> {state.error ?? 'no message'}
        </div>
      )}
      <div role="tabpanel" id="output-tabpanel" aria-labelledby={`output-tab-${active}`} className="output-body">
        {activePort && node ? (
          <PortOutput key={`${node}.${activePort.name}`} node={node} port={activePort.name} portType={activePort.type} />
        ) : active === 'compare' && canCompare ? (
          <Suspense fallback={<p className="muted">Loading the comparison…</p>}>
            <LazyCompare key={compareRefs.map((r) => `${r.node}.${r.port}`).join(',')} initial={compareRefs} />
          </Suspense>
        ) : active === 'what-if' && node ? (
          <Suspense fallback={<p className="muted">Loading what-if…</p>}>
            <LazyWhatIf key={node} node={node} />
          </Suspense>
        ) : active === 'log' && node ? (
          <NodeLog node={node} />
        ) : (
          <ProblemsList />
        )}
      </div>
    </section>
  );
}

function PopOutButton({ node, port }: { node: string; port: string }) {
  const run = useRunStore((s) => s.view.outputRun[node]);
  const pipeline = useGraphStore((s) => s.pipeline);
  const popOut = () => {
    if (run && pipeline) popOutOutput({ pipeline, node, port, run }).catch((e: unknown) => useNoticesStore.getState().reportError(e, 'Pop out'));
  };
  return (
    <button type="button" onClick={popOut} disabled={!run || !pipeline} aria-label={`Pop out ${node}.${port}`} title={`Show ${node}.${port} in a window of its own; it follows new runs`}>
      Pop out ↗
    </button>
  );
}

/** The outputs fill the window; Escape (when no dialog or menu takes it) gives the canvas back. */
function MaximizeOutputsButton() {
  const maximized = usePanelSizes((s) => s.outputsMaximized);
  useEffect(() => {
    if (!maximized) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open], [role="menu"]')) return;
      toggleOutputsMaximized();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [maximized]);
  return (
    <button type="button" className="output-maximize" aria-pressed={maximized} onClick={toggleOutputsMaximized} title={maximized ? 'Show the canvas again (Esc)' : 'Let the outputs fill the window (Esc restores)'}>
      {maximized ? 'Restore outputs' : 'Maximize outputs'}
    </button>
  );
}
