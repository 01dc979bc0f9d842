// explain.pdp output: the partial dependence line of one feature over thin translucent ICE lines.
import { memo, useMemo, useState } from 'react';
import { formatNumber } from '../column-stats.js';
import { readPdp } from './explain-data.js';

const W = 460;
const H = 240;
const L = 64;
const B = 30;

export const PdpPanel = memo(function PdpPanel({ value }: { value: unknown }) {
  const view = useMemo(() => readPdp(value), [value]);
  const [f, setF] = useState(0);
  const [k, setK] = useState(0);
  if (!view || view.features.length === 0) return null;
  const feat = view.features[Math.min(f, view.features.length - 1)];
  const o = Math.min(k, feat.average.length - 1);
  const avg = feat.average[o];
  const ice = feat.ice[o] ?? [];
  const numeric = feat.grid.every((g) => typeof g === 'number');
  const xs = feat.grid.map((g, i) => (numeric ? (g as number) : i));
  const all = [...avg, ...ice.flat()].filter(Number.isFinite);
  const y0 = Math.min(...all);
  const y1 = Math.max(...all);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const px = (v: number) => L + ((v - x0) / (x1 - x0 || 1)) * (W - L - 12);
  const py = (v: number) => 8 + (1 - (v - y0) / (y1 - y0 || 1)) * (H - B - 8);
  const path = (ys: number[]) => ys.map((y, i) => `${i ? 'L' : 'M'}${px(xs[i]).toFixed(1)},${py(y).toFixed(1)}`).join('');
  const outputName = view.classes.length ? `${view.output} of ${view.classes[o]}` : view.output;
  return (
    <div className="pdp-panel">
      <div style={{ display: 'flex', gap: 12, marginBottom: 6 }}>
        <label className="small">
          Feature{' '}
          <select aria-label="PDP feature" value={f} onChange={(e) => setF(Number(e.target.value))}>
            {view.features.map((x, i) => (
              <option key={x.feature} value={i}>
                {x.feature}
              </option>
            ))}
          </select>
        </label>
        {feat.average.length > 1 && (
          <label className="small">
            Class{' '}
            <select aria-label="Class" value={o} onChange={(e) => setK(Number(e.target.value))}>
              {feat.average.map((_, i) => (
                <option key={i} value={i}>
                  {view.classes[i] ?? `output ${i}`}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <figure role="figure" aria-label={`Partial dependence of ${feat.feature}`} style={{ margin: 0 }}>
        <svg width={W} height={H} role="img" aria-label={`Partial dependence of ${outputName} on ${feat.feature}, with ${ice.length} ICE lines`}>
          {ice.map((line, i) => (
            <path key={i} d={path(line)} fill="none" stroke="#2f7ed8" strokeOpacity={0.18} strokeWidth={1} />
          ))}
          <path d={path(avg)} fill="none" stroke="#c0392b" strokeWidth={2.5} />
          {!numeric && avg.map((y, i) => <circle key={i} cx={px(xs[i])} cy={py(y)} r={3.5} fill="#c0392b" />)}
          <text x={L - 4} y={py(y1) + 4} textAnchor="end" fontSize={10}>
            {formatNumber(Number(y1.toPrecision(4)))}
          </text>
          <text x={L - 4} y={py(y0)} textAnchor="end" fontSize={10}>
            {formatNumber(Number(y0.toPrecision(4)))}
          </text>
          {(numeric ? [x0, (x0 + x1) / 2, x1] : xs).map((v, i) => (
            <text key={i} x={px(v)} y={H - B + 14} textAnchor="middle" fontSize={10}>
              {numeric ? formatNumber(Number(v.toPrecision(4))) : String(feat.grid[i])}
            </text>
          ))}
          <text x={(L + W) / 2} y={H - 3} textAnchor="middle" fontSize={11} fill="#66707a">
            {feat.feature}
          </text>
        </svg>
        <figcaption className="small muted">Red: average ({outputName}); blue: individual rows (ICE).</figcaption>
      </figure>
    </div>
  );
});
