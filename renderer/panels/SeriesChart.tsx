// Training history as a line chart (train / validation loss, metric on its own axis), live while the node runs.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '../state/run-events.js';
import { downsample } from './downsample.js';

const MAX_POINTS = 400;

export function SeriesChart({ points, label }: { points: SeriesPoint[]; label: string }) {
  const data = downsample(points, MAX_POINTS);
  const has = (key: keyof SeriesPoint) => data.some((p) => typeof p[key] === 'number');
  const last = points[points.length - 1];
  return (
    <figure className="series-chart" aria-label={label}>
      <div style={{ width: '100%', height: 220 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
            <YAxis yAxisId="loss" width={56} />
            {has('metric') && <YAxis yAxisId="metric" orientation="right" width={56} />}
            <Tooltip />
            <Legend />
            {has('train_loss') && <Line yAxisId="loss" type="monotone" dataKey="train_loss" name="train loss" stroke="#2f7ed8" dot={false} isAnimationActive={false} />}
            {has('valid_loss') && <Line yAxisId="loss" type="monotone" dataKey="valid_loss" name="validation loss" stroke="#e67e22" dot={false} isAnimationActive={false} />}
            {has('metric') && <Line yAxisId="metric" type="monotone" dataKey="metric" name="metric" stroke="#27ae60" dot={false} isAnimationActive={false} />}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">
        {points.length} steps{last ? `; last: step ${last.step}${last.train_loss !== undefined ? `, train loss ${last.train_loss.toPrecision(4)}` : ''}${last.valid_loss !== undefined ? `, validation loss ${last.valid_loss.toPrecision(4)}` : ''}` : ''}
      </figcaption>
    </figure>
  );
}
