// What-if: load a row of a table the model sees (the test rows by default), edit it in the model's original
// columns (before its preprocessing chain: categories as selects, numbers checked as typed), and watch the
// prediction and its SHAP waterfall follow (debounced); the Counterfactuals tab asks what to change to flip it.
import { memo, useEffect, useMemo, useState } from 'react';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import type { ApiResponse } from '../../../shared/api/contract.js';
import { errorMessage, getApi } from '../../state/api.js';
import { useGraphStore } from '../../state/graph.js';
import { useRunStore } from '../../state/run.js';
import { formatNumber } from '../column-stats.js';
import { Waterfall } from '../explain/Waterfall.js';
import { CounterfactualTab } from './CounterfactualTab.js';
import { FormField } from './FormField.js';
import { rowSources, whatIfSources, type Value } from './what-if-data.js';

const DEBOUNCE_MS = 100;
type Result = ApiResponse<'whatIf.explain'>;
type Form = ApiResponse<'whatIf.rows'>;

const show = (v: Value | undefined) => (v === null || v === undefined ? '—' : typeof v === 'number' ? formatNumber(v) : String(v));

export const WhatIfPanel = memo(function WhatIfPanel({ node }: { node: string }) {
  const doc = useGraphStore((s) => s.doc);
  const sources = useMemo(() => whatIfSources(doc, node, (t) => nodeCatalog.get(t)), [doc, node]);
  const tables = useMemo(() => (sources.model ? rowSources(doc, sources.model, sources.data, (t) => nodeCatalog.get(t)) : []), [doc, sources]);
  const outputRun = useRunStore((s) => s.view.outputRun);
  const modelRun = sources.model ? outputRun[sources.model.node] : undefined;
  const ready = useMemo(() => tables.filter((t) => outputRun[t.node]), [tables, outputRun]);
  const [tableIndex, setTableIndex] = useState(0);
  const table = ready[Math.min(tableIndex, ready.length - 1)];
  const tableRun = table ? outputRun[table.node] : undefined;

  const [form, setForm] = useState<Form | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (!modelRun || !sources.model || !table || !tableRun) return;
    let stale = false;
    getApi()
      .call('whatIf.rows', { model: { runId: modelRun, ...sources.model }, data: { runId: tableRun, node: table.node, port: table.port } })
      .then((f) => {
        if (stale) return;
        setForm(f);
        setFormError(null);
      })
      .catch((e: unknown) => {
        if (!stale) setFormError(errorMessage(e));
      });
    return () => {
      stale = true;
    };
  }, [modelRun, sources.model, table, tableRun]);

  const [rowIndex, setRowIndex] = useState(0);
  const [edits, setEdits] = useState<Record<string, Value>>({});
  const [view, setView] = useState<'explain' | 'counterfactuals'>('explain');
  const [classIndex, setClassIndex] = useState<number | undefined>(undefined);
  const original = useMemo(() => (form && form.rows[rowIndex] ? Object.fromEntries(form.columns.map((c, j) => [c.name, form.rows[rowIndex][j]])) : null), [form, rowIndex]);
  const row = useMemo(() => (original ? { ...original, ...edits } : null), [original, edits]);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!row || !modelRun || !sources.model) return;
    let stale = false;
    setPending(true);
    const timer = setTimeout(() => {
      getApi()
        .call('whatIf.explain', { runId: modelRun, node: sources.model!.node, port: sources.model!.port, row, ...(classIndex !== undefined ? { classIndex } : {}) })
        .then((r) => {
          if (stale) return;
          setResult(r);
          setError(null);
          setPending(false);
        })
        .catch((e: unknown) => {
          if (stale) return;
          setError(errorMessage(e));
          setPending(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [row, modelRun, sources.model, classIndex]);

  if (!sources.model) return <p className="muted empty-output">{node} has no model to ask.</p>;
  if (!modelRun) return <p className="muted empty-output">Run the pipeline to train {sources.model.node} first.</p>;
  if (!table) return <p className="muted empty-output">No table of rows for {sources.model.node} has been computed yet: run the pipeline.</p>;
  if (formError) return <p role="alert" className="error-text">{formError}</p>;
  if (!form || !row) return <p className="muted empty-output">Loading rows of {table.node}.{table.port}…</p>;

  const classes = result?.classes ?? [];
  return (
    <section aria-label="What-if" className="what-if" style={{ display: 'flex', gap: 20, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <div>
        <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 6 }}>
          <label className="small">
            Rows from{' '}
            <select aria-label="Rows from" value={Math.min(tableIndex, ready.length - 1)} onChange={(e) => { setTableIndex(Number(e.target.value)); setRowIndex(0); setEdits({}); setForm(null); }}>
              {ready.map((t, i) => (
                <option key={`${t.node}.${t.port}`} value={i}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label className="small">
            Row{' '}
            <input
              type="number"
              aria-label="Row"
              min={0}
              max={form.rows.length - 1}
              value={rowIndex}
              style={{ width: 70 }}
              onChange={(e) => {
                setRowIndex(Math.max(0, Math.min(form.rows.length - 1, Number(e.target.value) || 0)));
                setEdits({});
              }}
            />
          </label>
          <button type="button" onClick={() => setEdits({})} disabled={Object.keys(edits).length === 0}>
            Reset edits
          </button>
        </div>
        <table className="json-object" aria-label="What-if inputs">
          <thead>
            <tr>
              <th scope="col">{form.original ? 'column (before preprocessing)' : 'feature'}</th>
              <th scope="col">loaded row</th>
              <th scope="col">what if</th>
            </tr>
          </thead>
          <tbody>
            {form.columns.map((c) => (
              <tr key={c.name} className={c.name in edits ? 'is-edited' : undefined} style={c.name in edits ? { background: '#fff6e0' } : undefined}>
                <th scope="row">{c.name}</th>
                <td className="num muted">{show(original?.[c.name])}</td>
                <td>
                  <FormField column={c} value={row[c.name] ?? null} onChange={(v) => setEdits((e) => ({ ...e, [c.name]: v }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Row {rowIndex} of the first {form.rows.length} of {form.rowCount.toLocaleString()} in {table.node}.{table.port}
          {form.original ? '; the model reads these columns through its preprocessing chain.' : '.'}
        </p>
      </div>
      <div style={{ minWidth: 360, flex: 1 }}>
        <div role="tablist" aria-label="What-if views" className="tabs" style={{ marginBottom: 6 }}>
          {(
            [
              ['explain', 'Prediction and SHAP'],
              ['counterfactuals', 'Counterfactuals'],
            ] as const
          ).map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={view === id} className={`tab${view === id ? ' is-active' : ''}`} onClick={() => setView(id)}>
              {label}
            </button>
          ))}
        </div>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {view === 'explain' ? (
          <>
            {classes.length > 2 && (
              <label className="small">
                Explain class{' '}
                <select aria-label="Explained class" value={classIndex ?? ''} onChange={(e) => setClassIndex(e.target.value === '' ? undefined : Number(e.target.value))}>
                  <option value="">the predicted one</option>
                  {classes.map((c, i) => (
                    <option key={c} value={i}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {result && <WhatIfResult result={result} pending={pending} />}
          </>
        ) : (
          <CounterfactualTab
            model={{ runId: modelRun, ...sources.model }}
            reference={{ runId: tableRun!, node: table.node, port: table.port }}
            referenceName={`${table.node}.${table.port}`}
            columns={form.columns}
            row={row}
            regression={result !== null && result.classes === undefined}
          />
        )}
      </div>
    </section>
  );
});

const WhatIfResult = memo(function WhatIfResult({ result, pending }: { result: Result; pending: boolean }) {
  const proba = result.proba ? Object.entries(result.proba) : [];
  return (
    <div aria-live="polite" aria-busy={pending} aria-label="Prediction of the edited row" role="region" style={pending ? { opacity: 0.6 } : undefined}>
      <p style={{ margin: '4px 0' }}>
        <strong>Prediction: {typeof result.prediction === 'number' ? formatNumber(result.prediction) : result.prediction}</strong>
        {proba.length > 0 && <span className="muted small"> ({proba.map(([c, p]) => `${c} ${(p * 100).toFixed(1)}%`).join(', ')})</span>}
      </p>
      <p className="muted small" style={{ margin: '0 0 4px' }}>
        {result.method} SHAP of the {result.output} output{result.explainedClass ? ` for ${result.explainedClass}` : ''}, {(result.seconds * 1000).toFixed(0)} ms
      </p>
      <Waterfall label="What-if SHAP waterfall" base={result.base_value} contributions={result.contributions} outputName={result.explainedClass ? `${result.explainedClass} (${result.output})` : result.output} />
    </div>
  );
});
