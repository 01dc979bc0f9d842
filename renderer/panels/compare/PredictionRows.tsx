// The scored rows with every model's prediction beside the true value: by default only the rows where the models
// disagree (classification) or largest disagreement first (regression); a search box and a confusion-cell filter.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { ModelComparison } from '../../../shared/api/model-compare.js';
import { formatNumber } from '../column-stats.js';
import { filterRows, type RowFilter } from './compare-data.js';
import { modelColour } from './palette.js';

const MAX_SHOWN = 200;

interface Props {
  comparison: ModelComparison;
  cell: RowFilter['cell'];
  onClearCell?: () => void;
  clearLabel?: string;
  /** start with every row rather than the disagreements (a single model, a confusion cell) */
  allRows?: boolean;
}

const show = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : String(v));

export const PredictionRows = memo(function PredictionRows({ comparison, cell, onClearCell, clearLabel = 'Show all rows', allRows = false }: Props) {
  const [disagreeOnly, setDisagreeOnly] = useState(!allRows && comparison.models.length > 1);
  const [search, setSearch] = useState('');
  const { rows, models, task, target } = comparison;
  const section = useRef<HTMLElement>(null);
  // A picked confusion cell lists its rows below the matrices: bring them into view.
  useEffect(() => {
    if (cell) section.current?.scrollIntoView({ block: 'nearest' });
  }, [cell]);
  const kept = useMemo(() => filterRows(comparison, { disagreeOnly: disagreeOnly && !cell, search, cell }), [comparison, disagreeOnly, search, cell]);
  const shown = kept.slice(0, MAX_SHOWN);
  const classification = task === 'classification';
  return (
    <section ref={section} className="prediction-rows" aria-label="Prediction rows">
      <div className="table-toolbar" style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        {models.length > 1 && !cell && (
          <label className="small">
            <input type="checkbox" checked={disagreeOnly} onChange={(e) => setDisagreeOnly(e.target.checked)} />{' '}
            {classification ? 'Only rows where the models disagree' : 'Largest disagreement first'}
          </label>
        )}
        {cell && (
          <span className="small" role="status">
            Rows of {models[cell.model].node} with true {target} = {cell.actual}, predicted {cell.predicted}{' '}
            {onClearCell && (
              <button type="button" className="link-button" onClick={onClearCell}>
                {clearLabel}
              </button>
            )}
          </span>
        )}
        <input type="search" aria-label="Search rows" placeholder="Search rows" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="muted small" aria-live="polite">
          {kept.length.toLocaleString()} matching row{kept.length === 1 ? '' : 's'}
          {kept.length > MAX_SHOWN ? `, first ${MAX_SHOWN} shown` : ''}
          {rows.truncated ? ` (of the first ${rows.index.length.toLocaleString()} of ${comparison.n.toLocaleString()} rows)` : ''}
        </span>
      </div>
      <div style={{ overflow: 'auto', maxHeight: 320 }}>
        <table className="json-object" aria-label="Rows and predictions">
          <thead>
            <tr>
              <th scope="col">row</th>
              <th scope="col">{target} (true)</th>
              {models.map((m, i) => (
                <th scope="col" key={m.node} style={{ color: modelColour(i) }}>
                  {m.node}
                </th>
              ))}
              {rows.columns.map((c) => (
                <th scope="col" key={c} className="muted">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r}>
                <td className="num">{rows.index[r]}</td>
                <td>{show(rows.actual[r])}</td>
                {rows.predicted.map((p, i) => {
                  const wrong = classification && p[r] !== rows.actual[r];
                  return (
                    <td key={i} className={classification ? undefined : 'num'} style={wrong ? { color: '#c0283f', fontWeight: 600 } : undefined}>
                      {show(p[r])}
                      {rows.score ? <span className="muted small"> ({rows.score[i][r].toFixed(2)})</span> : null}
                    </td>
                  );
                })}
                {rows.cells[r].map((v, j) => (
                  <td key={j} className={typeof v === 'number' ? 'num' : undefined}>
                    {show(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {classification && comparison.positive && <p className="muted small">In brackets: each model's P({comparison.positive}). Red: a wrong prediction.</p>}
    </section>
  );
});
