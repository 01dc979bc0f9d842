// Regression diagnostics from the sampled {y, yhat} points: predicted vs actual (with the y = x line) and residuals.
import { memo, useMemo } from 'react';
import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../column-stats.js';
import { residualPoints } from './metrics-data.js';

const tick = (v: number) => formatNumber(v);

export const PredictedVsActual = memo(function PredictedVsActual({ points }: { points: { y: number; yhat: number }[] }) {
  const [lo, hi] = useMemo(() => {
    let a = Infinity;
    let b = -Infinity;
    for (const p of points) {
      a = Math.min(a, p.y, p.yhat);
      b = Math.max(b, p.y, p.yhat);
    }
    return [a, b];
  }, [points]);
  return (
    <figure role="figure" aria-label="Predicted vs actual" className="chart-card" style={{ margin: 0, width: 340 }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        Predicted vs actual ({points.length} points)
      </figcaption>
      <div style={{ width: 340, height: 250 }}>
        <ResponsiveContainer>
          <ScatterChart margin={{ top: 8, right: 12, bottom: 18, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="y" type="number" name="actual" domain={[lo, hi]} tickFormatter={tick} label={{ value: 'actual', position: 'insideBottom', offset: -10, fontSize: 11 }} />
            <YAxis dataKey="yhat" type="number" name="predicted" domain={[lo, hi]} tickFormatter={tick} width={60} />
            {Number.isFinite(lo) && (
              <ReferenceLine
                segment={[
                  { x: lo, y: lo },
                  { x: hi, y: hi },
                ]}
                stroke="#aab"
                strokeDasharray="4 4"
              />
            )}
            <Tooltip formatter={(v) => formatNumber(Number(v))} />
            <Scatter data={points} fill="#2f6fd8" fillOpacity={0.45} isAnimationActive={false} shape="circle" />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});

export const ResidualPlot = memo(function ResidualPlot({ points }: { points: { y: number; yhat: number }[] }) {
  const data = useMemo(() => residualPoints(points), [points]);
  return (
    <figure role="figure" aria-label="Residual plot" className="chart-card" style={{ margin: 0, width: 340 }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        Residuals (actual − predicted) by prediction
      </figcaption>
      <div style={{ width: 340, height: 250 }}>
        <ResponsiveContainer>
          <ScatterChart margin={{ top: 8, right: 12, bottom: 18, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="yhat" type="number" name="predicted" domain={['dataMin', 'dataMax']} tickFormatter={tick} label={{ value: 'predicted', position: 'insideBottom', offset: -10, fontSize: 11 }} />
            <YAxis dataKey="residual" type="number" name="residual" tickFormatter={tick} width={60} />
            <ReferenceLine y={0} stroke="#aab" strokeDasharray="4 4" />
            <Tooltip formatter={(v) => formatNumber(Number(v))} />
            <Scatter data={data} fill="#e67e22" fillOpacity={0.45} isAnimationActive={false} shape="circle" />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
