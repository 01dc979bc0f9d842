// One curve on [0, 1] × [0, 1] (ROC, precision–recall, calibration) with an optional reference diagonal.
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Curve } from './metrics-data.js';

interface Props {
  title: string;
  label: string;
  curve: Curve;
  xLabel: string;
  yLabel: string;
  diagonal?: boolean;
  dots?: boolean;
}

export const CurveChart = memo(function CurveChart({ title, label, curve, xLabel, yLabel, diagonal, dots }: Props) {
  const data = useMemo(() => curve.x.map((x, i) => ({ x, y: curve.y[i] })), [curve]);
  return (
    <figure role="figure" aria-label={label} className="chart-card" style={{ margin: 0, width: 300 }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        {title}
      </figcaption>
      <div style={{ width: 300, height: 240 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 18, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="x" type="number" domain={[0, 1]} tickCount={6} label={{ value: xLabel, position: 'insideBottom', offset: -10, fontSize: 11 }} />
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
            <Line type={dots ? 'linear' : 'stepAfter'} dataKey="y" name={yLabel} stroke="#2f6fd8" dot={dots ? { r: 3 } : false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
