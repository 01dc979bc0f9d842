// The what-if Counterfactuals tab: per-column constraints (keep fixed, allowed range, only up / only down), how many
// to generate, then the nearest reference row with another prediction and k generated counterfactuals for the row
// in the form, each as its changed columns, new prediction, validity, sparsity and proximity.
import { useState } from 'react';
import type { ApiResponse } from '../../../shared/api/contract.js';
import type { FormColumn } from '../../../shared/api/what-if.js';
import { errorMessage, getApi } from '../../state/api.js';
import { CounterfactualRow } from '../explain/CounterfactualPanel.js';
import type { CounterfactualChange, CounterfactualRowView } from '../explain/counterfactual-data.js';
import { constraintRequest, type Direction, type Value } from './what-if-data.js';

type Result = ApiResponse<'whatIf.counterfactuals'>;
type Ref = { runId: string; node: string; port: string };
type Setting = { fixed: boolean; low: string; high: string; direction: Direction };
const EMPTY: Setting = { fixed: false, low: '', high: '', direction: '' };

const changeList = (changes: Result['generated'][number]['changes']): CounterfactualChange[] =>
  Object.entries(changes).map(([feature, [from, to]]) => ({ feature, from: typeof from === 'boolean' ? String(from) : from, to: typeof to === 'boolean' ? String(to) : to }));

function asRowView(r: Result): CounterfactualRowView {
  return {
    row: 0,
    prediction: r.prediction,
    nearest: r.nearest ? { ...r.nearest, changes: changeList(r.nearest.changes) } : null,
    generated: r.generated.map((g) => ({ ...g, changes: changeList(g.changes) })),
  };
}

export function CounterfactualTab(props: { model: Ref; reference: Ref; referenceName: string; columns: FormColumn[]; row: Record<string, Value>; regression: boolean }) {
  const { model, reference, referenceName, columns, row, regression } = props;
  const [settings, setSettings] = useState<Record<string, Setting>>({});
  const [k, setK] = useState(3);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (regression) return <p className="muted small">Counterfactuals flip a classifier&apos;s decision; this model is a regressor.</p>;
  const bounds = Object.fromEntries(columns.map((c) => [c.name, { min: c.min, max: c.max }]));
  const request = constraintRequest(settings, bounds);
  const invalid = Object.keys(request.errors).length > 0;
  const set = (name: string, change: Partial<Setting>) => setSettings((s) => ({ ...s, [name]: { ...(s[name] ?? EMPTY), ...change } }));
  const find = async () => {
    setBusy(true);
    setError(null);
    try {
      const { immutable, ranges, directions } = request;
      setResult(await getApi().call('whatIf.counterfactuals', { model, reference, row, k, seed: 0, immutable, ranges, directions }));
    } catch (e) {
      setError(errorMessage(e));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="what-if-counterfactuals">
      <details open={Object.keys(settings).length > 0}>
        <summary className="small">Constraints (what may change, and how)</summary>
        <table className="json-object" aria-label="Counterfactual constraints">
          <thead>
            <tr>
              <th scope="col">column</th>
              <th scope="col">keep fixed</th>
              <th scope="col">allowed range</th>
              <th scope="col">direction</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const s = settings[c.name] ?? EMPTY;
              return (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <input type="checkbox" aria-label={`Keep ${c.name} fixed`} checked={s.fixed} onChange={(e) => set(c.name, { fixed: e.target.checked })} />
                  </td>
                  <td>
                    {c.kind === 'number' ? (
                      <>
                        <input type="text" inputMode="decimal" aria-label={`Lowest ${c.name}`} placeholder={c.min === undefined ? 'any' : String(c.min)} value={s.low} disabled={s.fixed} onChange={(e) => set(c.name, { low: e.target.value })} style={{ width: 70 }} />
                        {' – '}
                        <input type="text" inputMode="decimal" aria-label={`Highest ${c.name}`} placeholder={c.max === undefined ? 'any' : String(c.max)} value={s.high} disabled={s.fixed} onChange={(e) => set(c.name, { high: e.target.value })} style={{ width: 70 }} />
                        {request.errors[c.name] && (
                          <span role="alert" className="field-error small" style={{ display: 'block' }}>
                            {request.errors[c.name]}
                          </span>
                        )}
                      </>
                    ) : (
                      <span className="muted small">any of its categories</span>
                    )}
                  </td>
                  <td>
                    {c.kind === 'number' ? (
                      <select aria-label={`Direction of ${c.name}`} value={s.direction} disabled={s.fixed} onChange={(e) => set(c.name, { direction: e.target.value as Direction })}>
                        <option value="">up or down</option>
                        <option value="up">only up</option>
                        <option value="down">only down</option>
                      </select>
                    ) : (
                      <span className="muted small">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', margin: '6px 0' }}>
        <label className="small">
          How many{' '}
          <input type="number" aria-label="How many counterfactuals" min={1} max={10} value={k} onChange={(e) => setK(Math.max(1, Math.min(10, Math.round(Number(e.target.value) || 1))))} style={{ width: 50 }} />
        </label>
        <button type="button" onClick={() => void find()} disabled={busy || invalid}>
          {busy ? 'Searching…' : 'Find counterfactuals'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {result && (
        <section aria-label="Counterfactual results" aria-live="polite">
          <p className="muted small" style={{ margin: '0 0 4px' }}>
            Searched in the {result.space === 'original' ? 'original columns (before preprocessing)' : "model's features"} against {result.referenceRows} rows of {referenceName}, {(result.seconds * 1000).toFixed(0)} ms. Distance:{' '}
            {result.distance} (lower is closer).
          </p>
          <CounterfactualRow r={asRowView(result)} rowName="the row in the form" referenceName={referenceName} />
        </section>
      )}
    </div>
  );
}
