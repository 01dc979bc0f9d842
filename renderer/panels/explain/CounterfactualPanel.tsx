// explain.counterfactual output: for a chosen row, what to change to get another decision — the generated
// counterfactuals (fewest changes first) and the nearest reference row, with validity, sparsity and proximity.
import { memo, useMemo, useState } from 'react';
import { formatNumber } from '../column-stats.js';
import { selectSingleNode, useSelectionStore } from '../../state/selection.js';
import { readCounterfactuals, type CounterfactualChange, type CounterfactualRowView } from './counterfactual-data.js';
import { useReportRowsStore } from './report-rows.js';

/** One empty list: a store selector must return the same value for the same state, or React renders forever. */
const NO_ROWS: readonly number[] = [];

const show = (v: number | string | null) => (v === null ? '(missing)' : typeof v === 'number' ? formatNumber(v) : v);

function Changes({ changes }: { changes: CounterfactualChange[] }) {
  if (changes.length === 0) return <span className="muted">no change</span>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {changes.map((c) => (
        <li key={c.feature}>
          <strong>{c.feature}</strong>: {show(c.from)} → {show(c.to)}
        </li>
      ))}
    </ul>
  );
}

export const CounterfactualPanel = memo(function CounterfactualPanel({ value }: { value: unknown }) {
  const rows = useMemo(() => readCounterfactuals(value), [value]);
  const [chosen, setChosen] = useState(0);
  const node = useSelectionStore(selectSingleNode);
  const inReport = useReportRowsStore((s) => (node ? (s.rows[node] ?? NO_ROWS) : NO_ROWS));
  const toggle = useReportRowsStore((s) => s.toggle);
  if (!rows || rows.length === 0) return null;
  const r = rows[Math.min(chosen, rows.length - 1)];
  return (
    <div className="counterfactual-panel">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 6 }}>
        <label className="small">
          Row{' '}
          <select aria-label="Counterfactual row" value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {rows.map((row, i) => (
              <option key={i} value={i}>
                {row.row} ({row.prediction})
              </option>
            ))}
          </select>
        </label>
        {node && (
          <label className="small">
            <input type="checkbox" checked={inReport.includes(r.row)} onChange={() => toggle(node, r.row)} /> Include row {r.row} in the report
            {inReport.length > 0 ? ` (${inReport.length} picked)` : ' (none picked: the first 5)'}
          </label>
        )}
        <span className="muted small">
          Distance: DiCE proximity — L1 over numeric features scaled by their median absolute deviation in the background, plus 1 per changed category (lower is closer).
        </span>
      </div>
      <CounterfactualRow r={r} rowName={`row ${r.row}`} referenceName="background" />
    </div>
  );
});

/** One explained row: the generated counterfactuals and the nearest reference row with another prediction. */
export function CounterfactualRow({ r, rowName, referenceName }: { r: CounterfactualRowView; rowName: string; referenceName: string }) {
  return (
    <>
      <p className="small" style={{ margin: '0 0 4px' }}>
        The model predicts <strong>{r.prediction}</strong> for {rowName}. To change that:
      </p>
      <table className="json-matrix" aria-label="Generated counterfactuals">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">change</th>
            <th scope="col">new prediction</th>
            <th scope="col">valid</th>
            <th scope="col">features changed</th>
            <th scope="col">proximity</th>
          </tr>
        </thead>
        <tbody>
          {r.generated.map((g, i) => (
            <tr key={i}>
              <th scope="row">{i + 1}</th>
              <td>
                <Changes changes={g.changes} />
              </td>
              <td>{g.prediction}</td>
              <td>{g.valid ? 'yes' : 'no'}</td>
              <td className="num">{g.sparsity}</td>
              <td className="num">{formatNumber(Number(g.proximity.toPrecision(4)))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.generated.length === 0 && <p className="muted small">No counterfactual within the constraints was found.</p>}
      <section aria-label="Nearest counterfactual" style={{ marginTop: 8 }}>
        <h4 className="small" style={{ margin: '0 0 2px' }}>
          Nearest {referenceName} row with another prediction (no constraints)
        </h4>
        {r.nearest ? (
          <div className="small">
            Row {r.nearest.row}, predicted <strong>{r.nearest.prediction}</strong>, distance {formatNumber(Number(r.nearest.distance.toPrecision(4)))}:
            <Changes changes={r.nearest.changes} />
          </div>
        ) : (
          <p className="muted small">Every {referenceName} row gets the same prediction.</p>
        )}
      </section>
    </>
  );
}
