// What-if: pick a row of the data the model sees, edit its features, and watch the prediction and its SHAP
// waterfall follow (debounced), with the original row beside the edited one.
import { memo, useEffect, useId, useMemo, useState } from 'react';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import type { ApiResponse } from '../../../shared/api/contract.js';
import type { PortRef } from '../../../shared/pipeline/graph.js';
import { errorMessage, getApi } from '../../state/api.js';
import { useGraphStore } from '../../state/graph.js';
import { loadPreview, outputKey, useOutputsStore } from '../../state/outputs.js';
import { useRunStore } from '../../state/run.js';
import { formatNumber } from '../column-stats.js';
import { Waterfall } from '../explain/Waterfall.js';
import { readModelSummary } from '../model/model-summary.js';
import { featureRow, numberFromText, parseNumberField, whatIfSources, type Value } from './what-if-data.js';

const DEBOUNCE_MS = 100;
type Result = ApiResponse<'whatIf.explain'>;

function usePreview(runId: string | undefined, ref: PortRef | null) {
  const entry = useOutputsStore((s) => (runId && ref ? s.previews[outputKey(runId, ref.node, ref.port)] : undefined));
  useEffect(() => {
    if (runId && ref) void loadPreview(runId, ref.node, ref.port);
  }, [runId, ref]);
  return entry?.status === 'ready' ? entry.preview : undefined;
}

export const WhatIfPanel = memo(function WhatIfPanel({ node }: { node: string }) {
  const doc = useGraphStore((s) => s.doc);
  const sources = useMemo(() => whatIfSources(doc, node, (t) => nodeCatalog.get(t)), [doc, node]);
  const modelRun = useRunStore((s) => (sources.model ? s.view.outputRun[sources.model.node] : undefined));
  const dataRun = useRunStore((s) => (sources.data ? s.view.outputRun[sources.data.node] : undefined));
  const modelPreview = usePreview(modelRun, sources.model);
  const dataPreview = usePreview(dataRun, sources.data);
  const model = useMemo(() => (modelPreview?.kind === 'json' ? readModelSummary(modelPreview.value) : null), [modelPreview]);
  const table = dataPreview?.kind === 'table' ? dataPreview.table : null;

  const [rowIndex, setRowIndex] = useState(0);
  const [edits, setEdits] = useState<Record<string, Value>>({});
  const [classIndex, setClassIndex] = useState<number | undefined>(undefined);
  const original = useMemo(() => (model && table && table.rows[rowIndex] ? featureRow(table.columns, table.rows[rowIndex], model.features) : null), [model, table, rowIndex]);
  const row = useMemo(() => (original ? { ...original, ...edits } : null), [original, edits]);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!row || !modelRun || !sources.model) return;
    let stale = false;
    const timer = setTimeout(() => {
      getApi()
        .call('whatIf.explain', { runId: modelRun, node: sources.model!.node, port: sources.model!.port, row, ...(classIndex !== undefined ? { classIndex } : {}) })
        .then((r) => {
          if (stale) return;
          setResult(r);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!stale) setError(errorMessage(e));
        });
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [row, modelRun, sources.model, classIndex]);

  if (!sources.model) return <p className="muted empty-output">{node} has no model to ask.</p>;
  if (!modelRun) return <p className="muted empty-output">Run the pipeline to train {sources.model.node} first.</p>;
  if (!model) return <p className="muted empty-output">Loading the model of {sources.model.node}…</p>;
  if (!table) return <p className="muted empty-output">{sources.data ? `Loading rows of ${sources.data.node}.${sources.data.port}…` : 'No table of rows is wired into this node.'}</p>;

  const multiclass = model.classes.length > 2;
  return (
    <section aria-label="What-if" className="what-if" style={{ display: 'flex', gap: 20, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <div>
        <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 6 }}>
          <label className="small">
            Row of {sources.data!.node}.{sources.data!.port}{' '}
            <input
              type="number"
              aria-label="Row"
              min={0}
              max={table.rows.length - 1}
              value={rowIndex}
              style={{ width: 70 }}
              onChange={(e) => {
                setRowIndex(Math.max(0, Math.min(table.rows.length - 1, Number(e.target.value) || 0)));
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
              <th scope="col">feature</th>
              <th scope="col">original</th>
              <th scope="col">what if</th>
            </tr>
          </thead>
          <tbody>
            {model.features.map((f) => (
              <tr key={f} className={f in edits ? 'is-edited' : undefined} style={f in edits ? { background: '#fff6e0' } : undefined}>
                <th scope="row">{f}</th>
                <td className="num muted">{original?.[f] === null || original?.[f] === undefined ? '—' : typeof original[f] === 'number' ? formatNumber(original[f]) : String(original[f])}</td>
                <td>
                  <FeatureInput name={f} levels={model.featureLevels[f]} value={row?.[f] ?? null} onChange={(v) => setEdits((e) => ({ ...e, [f]: v }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">Rows from the first {table.rows.length} of {table.rowCount.toLocaleString()}.</p>
      </div>
      <div>
        {multiclass && (
          <label className="small">
            Explain class{' '}
            <select aria-label="Explained class" value={classIndex ?? ''} onChange={(e) => setClassIndex(e.target.value === '' ? undefined : Number(e.target.value))}>
              <option value="">the predicted one</option>
              {model.classes.map((c, i) => (
                <option key={c} value={i}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {result && <WhatIfResult result={result} />}
      </div>
    </section>
  );
});

function FeatureInput({ name, levels, value, onChange }: { name: string; levels?: string[]; value: Value; onChange: (v: Value) => void }) {
  if (levels) {
    return (
      <select aria-label={name} value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">(missing)</option>
        {levels.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>
    );
  }
  return <NumberField name={name} value={typeof value === 'number' ? value : null} onChange={onChange} />;
}

// The text is kept while typing ("1." or "-"); a value is sent only once the text parses, and text that is not a
// number is marked invalid with a message saying what is expected.
function NumberField({ name, value, onChange }: { name: string; value: number | null; onChange: (v: number | null) => void }) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const messageId = useId();
  useEffect(() => {
    setText((t) => (numberFromText(t) === value && !('error' in parseNumberField(t)) ? t : value === null ? '' : String(value)));
  }, [value]);
  const parsed = parseNumberField(text);
  const error = 'error' in parsed ? parsed.error : undefined;
  return (
    <>
      <input
        type="text"
        inputMode="decimal"
        aria-label={name}
        aria-invalid={error !== undefined}
        aria-describedby={error ? messageId : undefined}
        value={text}
        style={{ width: 110 }}
        onChange={(e) => {
          setText(e.target.value);
          const next = parseNumberField(e.target.value);
          if ('value' in next) onChange(next.value);
        }}
      />
      {error && (
        <span id={messageId} role="alert" className="field-error small">
          {error}
        </span>
      )}
    </>
  );
}

const WhatIfResult = memo(function WhatIfResult({ result }: { result: Result }) {
  const proba = result.proba ? Object.entries(result.proba) : [];
  return (
    <div aria-live="polite">
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
