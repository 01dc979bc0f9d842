// Regression models side by side: predicted vs actual (with y = x) and residual vs predicted, one colour per model.
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ModelComparison } from '../../../shared/api/model-compare.js';
import { formatNumber } from '../column-stats.js';
import { downsample } from '../downsample.js';
import { MAX_SCATTER_POINTS } from '../model/metrics-data.js';
import { modelColour } from './palette.js';

const tick = (v: number) => formatNumber(v);

export const OverlayScatter = memo(function OverlayScatter({ models, kind }: { models: ModelComparison['models']; kind: 'predicted' | 'residual' }) {
  const series = useMemo(
    () =>
      models.map((m) =>
        downsample(m.residuals ?? [], Math.floor(MAX_SCATTER_POINTS / Math.max(1, models.length))).map((p) =>
          kind === 'predicted' ? { x: p.y, y: p.yhat } : { x: p.yhat, y: p.y - p.yhat },
        ),
      ),
    [models, kind],
  );
  const [lo, hi] = useMemo(() => {
    const all = series.flat().flatMap((p) => (kind === 'predicted' ? [p.x, p.y] : [p.x]));
    return all.length ? [Math.min(...all), Math.max(...all)] : [0, 1];
  }, [series, kind]);
  const label = kind === 'predicted' ? 'Predicted vs actual, all models' : 'Residuals, all models';
  return (
    <figure role="figure" aria-label={label} className="chart-card" style={{ margin: 0, width: 360 }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        {kind === 'predicted' ? 'Predicted vs actual' : 'Residual (actual − predicted) vs predicted'}
      </figcaption>
      <div style={{ width: 360, height: 270 }}>
        <ResponsiveContainer>
          <ScatterChart margin={{ top: 8, right: 12, bottom: 18, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="x" type="number" domain={[lo, hi]} tickFormatter={tick} label={{ value: kind === 'predicted' ? 'actual' : 'predicted', position: 'insideBottom', offset: -10, fontSize: 11 }} />
            <YAxis dataKey="y" type="number" domain={kind === 'predicted' ? [lo, hi] : ['auto', 'auto']} tickFormatter={tick} width={60} label={{ value: kind === 'predicted' ? 'predicted' : 'residual', angle: -90, position: 'insideLeft', fontSize: 11 }} />
            {kind === 'predicted' ? (
              <ReferenceLine
                segment={[
                  { x: lo, y: lo },
                  { x: hi, y: hi },
                ]}
                stroke="#aab"
                strokeDasharray="4 4"
              />
            ) : (
              <ReferenceLine y={0} stroke="#aab" strokeDasharray="4 4" />
            )}
            <Tooltip formatter={(v) => formatNumber(Number(v))} />
            <Legend verticalAlign="top" height={20} wrapperStyle={{ fontSize: 11 }} />
            {series.map((points, i) => (
              <Scatter key={models[i].node} name={models[i].node} data={points} fill={modelColour(i)} fillOpacity={0.45} isAnimationActive={false} shape="circle" />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
