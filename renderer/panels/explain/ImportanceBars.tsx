// Horizontal bars per feature (largest first) with optional ± error bars: mean |SHAP|, permutation importance.
import { memo } from 'react';
import { formatNumber } from '../column-stats.js';

export interface Bar {
  feature: string;
  value: number;
  error?: number;
  /** a summed rest ("Sum of k other features"), drawn grey */
  rest?: boolean;
}

const ROW = 18;
const LABEL_W = 160;
const PLOT_W = 320;

export const ImportanceBars = memo(function ImportanceBars({ bars, label, valueLabel, max = 25 }: { bars: Bar[]; label: string; valueLabel: string; max?: number }) {
  const list = bars.slice(0, max);
  const top = Math.max(1e-12, ...list.map((b) => b.value + (b.error ?? 0)));
  const low = Math.min(0, ...list.map((b) => b.value - (b.error ?? 0)));
  const toX = (v: number) => LABEL_W + ((v - low) / (top - low)) * PLOT_W;
  return (
    <figure role="figure" aria-label={label} style={{ margin: 0 }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        {label}
      </figcaption>
      <svg width={LABEL_W + PLOT_W + 70} height={list.length * ROW + 22} role="img" aria-label={`${label}: ${list.map((b) => `${b.feature} ${formatNumber(b.value)}`).join(', ')}`}>
        {list.map((b, i) => {
          const y = i * ROW;
          const x0 = toX(Math.min(0, b.value));
          const w = Math.max(1, Math.abs(toX(b.value) - toX(0)));
          return (
            <g key={b.feature}>
              <title>{`${b.feature}: ${formatNumber(b.value)}${b.error !== undefined ? ` ± ${formatNumber(b.error)}` : ''}`}</title>
              <text x={LABEL_W - 6} y={y + 13} textAnchor="end" fontSize={11}>
                {b.feature.slice(0, 26)}
              </text>
              <rect x={x0} y={y + 3} width={w} height={ROW - 6} fill={b.rest ? '#aab0b8' : '#2f7ed8'} />
              {b.error !== undefined && b.error > 0 && (
                <g stroke="#1f2328">
                  <line x1={toX(b.value - b.error)} x2={toX(b.value + b.error)} y1={y + ROW / 2} y2={y + ROW / 2} />
                  <line x1={toX(b.value - b.error)} x2={toX(b.value - b.error)} y1={y + 5} y2={y + ROW - 5} />
                  <line x1={toX(b.value + b.error)} x2={toX(b.value + b.error)} y1={y + 5} y2={y + ROW - 5} />
                </g>
              )}
              <text x={Math.max(toX(0), toX(b.value + (b.error ?? 0))) + 4} y={y + 13} fontSize={10} fill="#66707a">
                {formatNumber(b.value)}
              </text>
            </g>
          );
        })}
        <line x1={toX(0)} x2={toX(0)} y1={0} y2={list.length * ROW} stroke="#66707a" />
        <text x={LABEL_W + PLOT_W / 2} y={list.length * ROW + 16} textAnchor="middle" fontSize={11} fill="#66707a">
          {valueLabel}
        </text>
      </svg>
      {bars.length > max && <p className="muted small">Showing the top {max} of {bars.length} features.</p>}
    </figure>
  );
});
