// Several models' curves on one [0, 1] chart (ROC, precision–recall, calibration), one colour per model.
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downsample } from '../downsample.js';
import { MAX_CURVE_POINTS } from '../model/metrics-data.js';
import { modelColour } from './palette.js';

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
}

export const OverlayCurves = memo(function OverlayCurves({ title, label, curves, xLabel, yLabel, diagonal, dots }: Props) {
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
    <figure role="figure" aria-label={label} className="chart-card" style={{ margin: 0, width: 320 }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        {title}
      </figcaption>
      <div style={{ width: 320, height: 260 }}>
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
            <Legend verticalAlign="top" height={20} wrapperStyle={{ fontSize: 11 }} />
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
