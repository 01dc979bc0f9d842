// The training curves of the compared runs overlaid in one chart: one line per run, for one series (node and
// port) and one measure (train loss, validation loss or metric) at a time.
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunComparison } from '../../../shared/api/lifecycle.js';
import { MEASURE_LABELS, measuresOf, overlaySeries, RUN_COLOURS, runLabel, type SeriesMeasure } from './compare-data.js';

function longestSeries(series: RunComparison['series']): number {
  let best = 0;
  let most = -1;
  series.forEach((s, i) => {
    const points = s.runs.reduce((n, r) => n + r.points.length, 0);
    if (points > most) [best, most] = [i, points];
  });
  return best;
}

export function CompareChart({ comparison }: { comparison: RunComparison }) {
  const { series, runs } = comparison;
  // Start on the curve with the most points: an iterative model's, not a one-point history.
  const [chosen, setChosen] = useState(() => longestSeries(series));
  const [measureChoice, setMeasure] = useState<SeriesMeasure | null>(null);
  if (series.length === 0) return <p className="muted small">None of these runs recorded a training curve.</p>;
  const current = series[Math.min(chosen, series.length - 1)];
  const measures = measuresOf(current.runs);
  const measure = measureChoice && measures.includes(measureChoice) ? measureChoice : (measures[0] ?? 'train_loss');
  const overlay = overlaySeries(current.runs, measure);
  const indexOf = (runId: string) => runs.findIndex((r) => r.id === runId);
  const title = `${current.node}.${current.port}: ${MEASURE_LABELS[measure]} of ${overlay.lines.length} runs`;
  return (
    <div className="compare-chart">
      <div className="view-bar">
        <label className="inline-field">
          <span>Curve</span>
          <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))} aria-label="Training curve">
            {series.map((s, i) => (
              <option key={`${s.node}.${s.port}`} value={i}>
                {s.node}.{s.port}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Measure</span>
          <select value={measure} onChange={(e) => setMeasure(e.target.value as SeriesMeasure)} aria-label="Curve measure">
            {measures.map((m) => (
              <option key={m} value={m}>
                {MEASURE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <figure className="series-chart" aria-label={`Training curves overlaid: ${title}`}>
        <div style={{ width: '100%', height: 240 }}>
          <ResponsiveContainer>
            <LineChart data={overlay.data} margin={{ top: 8, right: 24, bottom: 22, left: 12 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
              <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} label={{ value: 'step', position: 'insideBottom', offset: -12 }} />
              <YAxis width={64} label={{ value: MEASURE_LABELS[measure], angle: -90, position: 'insideLeft', offset: 0, style: { textAnchor: 'middle' } }} />
              <Tooltip />
              <Legend verticalAlign="top" height={24} />
              {overlay.lines.map((line) => {
                const index = indexOf(line.runId);
                return (
                  <Line
                    key={line.key}
                    type="monotone"
                    dataKey={line.key}
                    name={runLabel(index, line.runId)}
                    stroke={RUN_COLOURS[index % RUN_COLOURS.length]}
                    dot={overlay.data.length < 3}
                    connectNulls
                    isAnimationActive={false}
                  />
                );
              })}
            </LineChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="muted small">{title}</figcaption>
      </figure>
    </div>
  );
}
