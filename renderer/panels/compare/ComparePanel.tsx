// Model comparison (Orange's Test & Score): the chosen trained models scored on one table — a sortable metrics
// table with the best marked, overlaid ROC / precision–recall / calibration curves (classification) or predicted vs
// actual and residuals (regression), each model's confusion matrix (a count lists its rows) and the rows where the
// models disagree.
import { memo, useMemo, useState } from 'react';
import type { ModelComparison } from '../../../shared/api/model-compare.js';
import { useGraphStore } from '../../state/graph.js';
import { useRunStore } from '../../state/run.js';
import { ConfusionMatrix } from '../model/ConfusionMatrix.js';
import { modelOutputs, tableChoices, type PortRef, type RowFilter } from './compare-data.js';
import { MetricsTable } from './MetricsTable.js';
import { UnitCurves } from '../UnitCurves.js';
import { OverlayScatter } from './OverlayScatter.js';
import { PredictionRows } from './PredictionRows.js';
import { useComparison, type OutputRef } from './use-comparison.js';

const keyOf = (r: PortRef) => `${r.node}.${r.port}`;
const row = { display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' } as const;

export const ComparePanel = memo(function ComparePanel({ initial }: { initial: readonly PortRef[] }) {
  const doc = useGraphStore((s) => s.doc);
  const outputRun = useRunStore((s) => s.view.outputRun);
  const candidates = useMemo(() => modelOutputs(doc).filter((m) => outputRun[m.node]), [doc, outputRun]);
  const [chosen, setChosen] = useState<string[]>(() => initial.map(keyOf));
  const [tableKey, setTableKey] = useState<string | null>(null);
  const [positive, setPositive] = useState<string | undefined>(undefined);
  const [cell, setCell] = useState<RowFilter['cell']>(null);

  const models: OutputRef[] = useMemo(
    () => candidates.filter((m) => chosen.includes(keyOf(m))).map((m) => ({ ...m, runId: outputRun[m.node] })),
    [candidates, chosen, outputRun],
  );
  const tables = useMemo(() => tableChoices(doc, models).filter((t) => outputRun[t.node]), [doc, models, outputRun]);
  const table = tables.find((t) => keyOf(t) === tableKey) ?? tables[0] ?? null;
  const data = table ? { ...table, runId: outputRun[table.node] } : null;
  const state = useComparison(models, data, positive);

  const toggle = (key: string, on: boolean) => {
    setCell(null);
    setChosen((c) => (on ? [...c, key] : c.filter((k) => k !== key)));
  };

  return (
    <section className="compare-panel" aria-label="Model comparison">
      <div className="compare-controls" style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center', marginBottom: 8 }}>
        <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', gap: 10, flexWrap: 'wrap' }}>
          <legend className="small" style={{ float: 'left', marginRight: 6, fontWeight: 600 }}>
            Models
          </legend>
          {candidates.map((m) => (
            <label key={keyOf(m)} className="small">
              <input type="checkbox" aria-label={`Compare ${m.node}`} checked={chosen.includes(keyOf(m))} onChange={(e) => toggle(keyOf(m), e.target.checked)} /> {m.node}
            </label>
          ))}
        </fieldset>
        {tables.length > 0 && (
          <label className="small">
            Score on{' '}
            <select aria-label="Table to score on" value={table ? keyOf(table) : ''} onChange={(e) => {
                setCell(null);
                setTableKey(e.target.value);
              }}>
              {tables.map((t) => (
                <option key={keyOf(t)} value={keyOf(t)}>
                  {keyOf(t)}
                </option>
              ))}
            </select>
          </label>
        )}
        {state.status === 'ready' && state.result.task === 'classification' && (
          <label className="small">
            Curves for class{' '}
            <select aria-label="Class for the curves" value={state.result.positive ?? ''} onChange={(e) => setPositive(e.target.value)}>
              {state.result.classes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {candidates.length === 0 ? (
        <p className="muted">No trained models yet: run the pipeline, then select two model nodes (Ctrl+click) to compare them.</p>
      ) : models.length === 0 ? (
        <p className="muted">Tick the models to compare.</p>
      ) : !data ? (
        <p className="muted">No table output to score the models on yet: run the pipeline first.</p>
      ) : state.status === 'loading' || state.status === 'idle' ? (
        <p className="muted">Scoring {models.map((m) => m.node).join(', ')} on {keyOf(data)}…</p>
      ) : state.status === 'error' ? (
        <p role="alert" className="error-text">
          Could not compare: {state.error}
        </p>
      ) : (
        <ComparisonView result={state.result} cell={cell} setCell={setCell} table={keyOf(data)} />
      )}
    </section>
  );
});

function ComparisonView({ result, cell, setCell, table }: { result: ModelComparison; cell: RowFilter['cell']; setCell: (c: RowFilter['cell']) => void; table: string }) {
  const { models } = result;
  const curve = (pick: (m: ModelComparison['models'][number]) => { x: number[]; y: number[] } | undefined) =>
    models.map((m) => {
      const c = pick(m);
      return c ? { name: m.node, ...c } : null;
    });
  const classification = result.task === 'classification';
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <p className="small muted" style={{ margin: 0 }}>
        {result.n.toLocaleString()} rows of {table} with a known {result.target}
        {result.dropped ? ` (${result.dropped} left out)` : ''}
        {result.disagreements !== null && models.length > 1 ? `; the models disagree on ${result.disagreements.toLocaleString()}` : ''}.
      </p>
      <MetricsTable models={models} />
      <div style={row}>
        {classification ? (
          <>
            <UnitCurves title={`ROC curves (${result.positive} vs rest)`} label="ROC curves" curves={curve((m) => m.roc)} xLabel="false positive rate" yLabel="true positive rate" diagonal />
            <UnitCurves title="Precision–recall curves" label="Precision-recall curves" curves={curve((m) => m.pr)} xLabel="recall" yLabel="precision" />
            <UnitCurves title="Calibration (10 bins)" label="Calibration curves" curves={curve((m) => m.calibration)} xLabel="mean predicted probability" yLabel="fraction positive" diagonal dots />
          </>
        ) : (
          <>
            <OverlayScatter models={models} kind="predicted" />
            <OverlayScatter models={models} kind="residual" />
          </>
        )}
      </div>
      {classification && (
        <div style={row}>
          {models.map((m, i) =>
            m.confusion ? (
              <ConfusionMatrix
                key={m.node}
                label={`Confusion matrix of ${m.node}`}
                labels={m.confusion.labels}
                matrix={m.confusion.matrix}
                picked={cell?.model === i ? [m.confusion.labels.indexOf(cell.actual), m.confusion.labels.indexOf(cell.predicted)] : null}
                onPickCell={(t, p) => setCell({ model: i, actual: m.confusion!.labels[t], predicted: m.confusion!.labels[p] })}
              />
            ) : null,
          )}
        </div>
      )}
      <PredictionRows comparison={result} cell={cell} onClearCell={() => setCell(null)} />
    </div>
  );
}
