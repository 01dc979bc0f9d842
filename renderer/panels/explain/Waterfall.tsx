// A SHAP waterfall: from the base value, one bar per contribution (red pushes up, blue pushes down) to the output.
import { memo, useMemo } from 'react';
import { formatNumber } from '../column-stats.js';
import { waterfallSteps, type Cell } from './shap-data.js';

interface Props {
  label: string;
  base: number;
  contributions: { feature: string; value: Cell; shap: number }[];
  outputName?: string;
  /** at most this many bars; beyond it the smallest contributions are summed into one */
  maxShown?: number;
}

const ROW = 20;
const LABEL_W = 250;
const PLOT_W = 360;

const shown = (v: Cell) => (v === null ? '' : typeof v === 'number' ? ` = ${formatNumber(v)}` : ` = ${String(v)}`);

export const Waterfall = memo(function Waterfall({ label, base, contributions, outputName = 'f(x)', maxShown = 12 }: Props) {
  const { steps, output } = useMemo(() => waterfallSteps(base, contributions, maxShown), [base, contributions, maxShown]);
  const ends = [base, output, ...steps.flatMap((s) => [s.start, s.end])];
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const pad = (hi - lo) * 0.05 || 1;
  const toX = (v: number) => LABEL_W + ((v - lo + pad) / (hi - lo + 2 * pad)) * PLOT_W;
  const height = (steps.length + 2) * ROW + 8;
  return (
    <figure role="figure" aria-label={label} style={{ margin: 0 }}>
      <svg width={LABEL_W + PLOT_W + 80} height={height} role="img" aria-label={`${label}: base ${formatNumber(base)}, ${outputName} ${formatNumber(output)}`}>
        <text x={LABEL_W - 6} y={ROW - 6} textAnchor="end" fontSize={11} fill="#66707a">
          base value
        </text>
        <line x1={toX(base)} x2={toX(base)} y1={4} y2={height - 4} stroke="#aab" strokeDasharray="3 3" />
        <text x={toX(base) + 4} y={ROW - 6} fontSize={11}>
          {formatNumber(base)}
        </text>
        {steps.map((s, i) => {
          const y = (i + 1) * ROW + 2;
          const x0 = toX(Math.min(s.start, s.end));
          const w = Math.max(1, Math.abs(toX(s.end) - toX(s.start)));
          const up = s.shap >= 0;
          return (
            <g key={s.feature}>
              <title>{`${s.feature}${shown(s.value)}: ${up ? '+' : ''}${formatNumber(s.shap)}`}</title>
              <text x={LABEL_W - 6} y={y + 12} textAnchor="end" fontSize={11}>
                {(s.feature + shown(s.value)).slice(0, 34)}
              </text>
              <rect x={x0} y={y + 2} width={w} height={ROW - 6} fill={up ? '#e0435b' : '#2f7ed8'} />
              <text x={x0 + w + 4} y={y + 12} fontSize={10} fill="#66707a">
                {up ? '+' : ''}
                {formatNumber(s.shap)}
              </text>
            </g>
          );
        })}
        <text x={LABEL_W - 6} y={(steps.length + 1) * ROW + 14} textAnchor="end" fontSize={11} fontWeight={600}>
          {outputName}
        </text>
        <line x1={toX(output)} x2={toX(output)} y1={ROW} y2={height - 4} stroke="#1f2328" />
        <text x={toX(output) + 4} y={(steps.length + 1) * ROW + 14} fontSize={11} fontWeight={600}>
          {formatNumber(output)}
        </text>
      </svg>
    </figure>
  );
});
