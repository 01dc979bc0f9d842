// A metric per chunk or batch as an SVG line chart: an optional shaded band per point (± 3 sampling errors),
// dashed horizontal limits (alert thresholds, degradation limit), realized values as a second line, alerts in red.
import { memo } from 'react';
import { formatNumber } from '../column-stats.js';
import type { ChunkPoint } from './monitor-data.js';

export interface ChunkChartProps {
  label: string;
  points: ChunkPoint[];
  yTitle: string;
  xTitle: string;
  valueName: string;
  limits: { value: number; name: string }[];
  /** shade the region between the limits instead of per-point bands */
  shadeBetween?: [number, number] | null;
}

const W = 560;
const H = 260;
const L = 56;
const R = 16;
const T = 12;
const B = 40;

export const ChunkChart = memo(function ChunkChart({ label, points, yTitle, xTitle, valueName, limits, shadeBetween }: ChunkChartProps) {
  const ys: number[] = [];
  for (const p of points) for (const v of [p.value, p.lower, p.upper, p.realized]) if (v !== null) ys.push(v);
  for (const l of limits) ys.push(l.value);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  if (!Number.isFinite(y0)) {
    y0 = 0;
    y1 = 1;
  }
  const pad = (y1 - y0 || 1) * 0.08;
  y0 -= pad;
  y1 += pad;
  const n = points.length;
  const px = (i: number) => L + (n <= 1 ? (W - L - R) / 2 : (i / (n - 1)) * (W - L - R));
  const py = (v: number) => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);
  const path = (get: (p: ChunkPoint) => number | null) => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      const v = get(p);
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${px(i).toFixed(1)},${py(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const banded = points.filter((p) => p.lower !== null && p.upper !== null);
  const bandPath =
    banded.length === points.length && n > 0
      ? `M${points.map((p, i) => `${px(i).toFixed(1)},${py(p.upper as number).toFixed(1)}`).join('L')}L${points
          .map((p, i) => `${px(i).toFixed(1)},${py(p.lower as number).toFixed(1)}`)
          .reverse()
          .join('L')}Z`
      : null;
  const hasRealized = points.some((p) => p.realized !== null);
  const step = Math.max(1, Math.ceil(n / 10));
  const alerts = points.filter((p) => p.alert).length;
  return (
    <figure role="figure" aria-label={label} style={{ margin: 0 }}>
      <svg width={W} height={H} role="img" aria-label={`${label}: ${n} points, ${alerts} flagged`}>
        {shadeBetween && <rect x={L} y={py(Math.max(...shadeBetween))} width={W - L - R} height={Math.abs(py(shadeBetween[0]) - py(shadeBetween[1]))} fill="#e8f3ea" />}
        {bandPath && <path d={bandPath} fill="#cfe0f7" fillOpacity={0.7} stroke="none" />}
        {[y0 + pad, (y0 + y1) / 2, y1 - pad].map((v, k) => (
          <g key={k}>
            <line x1={L} x2={W - R} y1={py(v)} y2={py(v)} stroke="#eef0f3" />
            <text x={L - 4} y={py(v) + 4} textAnchor="end" fontSize={10}>
              {formatNumber(Number(v.toPrecision(3)))}
            </text>
          </g>
        ))}
        {limits.map((l) => (
          <g key={l.name}>
            <line x1={L} x2={W - R} y1={py(l.value)} y2={py(l.value)} stroke="#c23b22" strokeDasharray="5 4" />
            <text x={W - R - 2} y={py(l.value) - 3} textAnchor="end" fontSize={9} fill="#c23b22">
              {l.name}
            </text>
          </g>
        ))}
        <path d={path((p) => p.value)} fill="none" stroke="#2f6fd8" strokeWidth={2} />
        {hasRealized && <path d={path((p) => p.realized)} fill="none" stroke="#1f2328" strokeWidth={1.5} strokeDasharray="4 3" />}
        {points.map((p, i) =>
          p.value === null ? null : (
            <circle key={i} cx={px(i)} cy={py(p.value)} r={p.alert ? 4.5 : 3} fill={p.alert ? '#c23b22' : '#2f6fd8'}>
              <title>{`${p.label}: ${valueName} ${formatNumber(p.value)}${p.realized !== null ? `, realized ${formatNumber(p.realized)}` : ''}${p.alert ? ' (alert)' : ''}`}</title>
            </circle>
          ),
        )}
        {points.map((p, i) =>
          i % step === 0 || i === n - 1 ? (
            <text key={`x${i}`} x={px(i)} y={H - B + 14} textAnchor="middle" fontSize={10}>
              {p.label.slice(0, 12)}
            </text>
          ) : null,
        )}
        <text x={(L + W - R) / 2} y={H - 6} textAnchor="middle" fontSize={11} fill="#66707a">
          {xTitle}
        </text>
        <text x={12} y={(H - B) / 2} fontSize={11} fill="#66707a" transform={`rotate(-90 12 ${(H - B) / 2})`} textAnchor="middle">
          {yTitle}
        </text>
      </svg>
      <figcaption className="small muted">
        <span style={{ color: '#2f6fd8' }}>━</span> {valueName}
        {bandPath && ' (shaded: ± 3 sampling errors)'}
        {hasRealized && (
          <>
            {' · '}
            <span>┅</span> realized
          </>
        )}
        {limits.length > 0 && ` · red dashes: ${limits.map((l) => l.name).join(', ')}`}
        {alerts > 0 && ` · ${alerts} flagged in red`}
      </figcaption>
    </figure>
  );
});
