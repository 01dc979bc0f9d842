// explain.lime output: per explained row, the local model's weights as diverging bars labelled by condition.
import { memo, useMemo, useState } from 'react';
import { formatNumber } from '../column-stats.js';
import { readLime } from './explain-data.js';

const ROW = 20;
const LABEL_W = 220;
const HALF = 170;
/** Below this local R² the surrogate barely follows the model (the issue's threshold for a fidelity warning). */
const LOW_FIDELITY = 0.5;

export const LimePanel = memo(function LimePanel({ value }: { value: unknown }) {
  const rows = useMemo(() => readLime(value), [value]);
  const [chosen, setChosen] = useState(0);
  if (!rows || rows.length === 0) return <p className="muted">No LIME rows.</p>;
  const r = rows[Math.min(chosen, rows.length - 1)];
  const weights = r.weights.slice().sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const top = Math.max(1e-12, ...weights.map((w) => Math.abs(w.weight)));
  const mid = LABEL_W + HALF;
  return (
    <div className="lime-panel">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 6, flexWrap: 'wrap' }}>
        <label className="small">
          Row{' '}
          <select aria-label="LIME row" value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {rows.map((x, i) => (
              <option key={i} value={i}>
                {x.row}
              </option>
            ))}
          </select>
        </label>
        <dl aria-label="LIME fit" className="small" style={{ display: 'flex', gap: 12, margin: 0 }}>
          {(
            [
              ['intercept', r.intercept],
              ['prediction', r.prediction],
              ['local prediction', r.local_prediction],
              ['score (R²)', r.score],
            ] as const
          ).map(([k, v]) => (
            <div key={k}>
              <dt className="muted" style={{ display: 'inline' }}>
                {k}:{' '}
              </dt>
              <dd style={{ display: 'inline', margin: 0 }}>{formatNumber(v)}</dd>
            </div>
          ))}
        </dl>
      </div>
      {r.score < LOW_FIDELITY && (
        <p role="note" aria-label="LIME fidelity warning" className="small warning-text">
          The local model explains only {formatNumber(r.score)} of the model's variation around row {r.row} (R² below {LOW_FIDELITY}): read these weights with care, or raise num_samples / lower num_features.
        </p>
      )}
      <figure role="figure" aria-label={`LIME weights for row ${r.row}`} style={{ margin: 0 }}>
        <svg width={LABEL_W + 2 * HALF + 60} height={weights.length * ROW + 6} role="img" aria-label={weights.map((w) => `${w.condition}: ${formatNumber(w.weight)}`).join('; ')}>
          {weights.map((w, i) => {
            const len = (Math.abs(w.weight) / top) * HALF;
            const x = w.weight >= 0 ? mid : mid - len;
            return (
              <g key={i}>
                <title>{`${w.condition}: ${formatNumber(w.weight)}`}</title>
                <text x={LABEL_W - 6} y={i * ROW + 14} textAnchor="end" fontSize={11}>
                  {w.condition.slice(0, 36)}
                </text>
                <rect x={x} y={i * ROW + 3} width={Math.max(1, len)} height={ROW - 6} fill={w.weight >= 0 ? '#e67e22' : '#2f7ed8'} />
                <text x={w.weight >= 0 ? mid + len + 4 : mid - len - 4} y={i * ROW + 14} textAnchor={w.weight >= 0 ? 'start' : 'end'} fontSize={10} fill="#66707a">
                  {formatNumber(w.weight)}
                </text>
              </g>
            );
          })}
          <line x1={mid} x2={mid} y1={0} y2={weights.length * ROW} stroke="#66707a" />
        </svg>
      </figure>
    </div>
  );
});
