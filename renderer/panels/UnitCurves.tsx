// Curves on the unit square (ROC, precision–recall, calibration): one model's, or several models' overlaid with one
// colour per model and a legend.
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { modelColour } from './compare/palette.js';
import { downsample } from './downsample.js';
import { MAX_CURVE_POINTS } from './model/metrics-data.js';

export interface NamedCurve {
  name: string;
  x: number[];
  y: number[];
}

interface Props {
  title: string;
  label: string;
  curves: (NamedCurve | null)[];
  xLabel: string;
  yLabel: string;
  diagonal?: boolean;
  dots?: boolean;
  /** chart width in px (height follows) */
  width?: number;
  /** names the curves above the chart (off for a single curve) */
  legend?: boolean;
}

export const UnitCurves = memo(function UnitCurves({ title, label, curves, xLabel, yLabel, diagonal, dots, width = 320, legend = true }: Props) {
  const series = useMemo(
    () =>
      curves.map((c) => {
        if (!c) return null;
        const idx = downsample(
          c.x.map((_, i) => i),
          MAX_CURVE_POINTS,
        );
        return { name: c.name, points: idx.map((i) => ({ x: c.x[i], y: c.y[i] })) };
      }),
    [curves],
  );
  return (
    <figure role="figure" aria-label={label} className="chart-card" style={{ margin: 0, width }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        {title}
      </figcaption>
      <div style={{ width, height: Math.round(width * 0.8) }}>
        <ResponsiveContainer>
          <LineChart margin={{ top: 8, right: 12, bottom: 18, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="x" type="number" domain={[0, 1]} tickCount={6} allowDuplicatedCategory={false} label={{ value: xLabel, position: 'insideBottom', offset: -10, fontSize: 11 }} />
            <YAxis type="number" domain={[0, 1]} tickCount={6} width={40} label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize: 11 }} />
            {diagonal && (
              <ReferenceLine
                segment={[
                  { x: 0, y: 0 },
                  { x: 1, y: 1 },
                ]}
                stroke="#aab"
                strokeDasharray="4 4"
              />
            )}
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(v) => `${xLabel} ${Number(v).toFixed(3)}`} />
            {legend && <Legend verticalAlign="top" height={20} wrapperStyle={{ fontSize: 11 }} />}
            {series.map((s, i) =>
              s ? (
                <Line
                  key={s.name}
                  data={s.points}
                  dataKey="y"
                  name={s.name}
                  type={dots ? 'linear' : 'stepAfter'}
                  stroke={modelColour(i)}
                  dot={dots ? { r: 3 } : false}
                  isAnimationActive={false}
                />
              ) : null,
            )}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
