// Param-vs-metric scatter of a search's trials: pick a family (model.tune has one) and one of its varied params;
// each trial is a dot at (its value, its metric), full-resource trials apart from those a halving rung stopped.
import { memo, useMemo, useState } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { LeaderboardRow } from './leaderboard-rows.js';
import { trialAxis, trialFamilies, variedParams } from './trial-points.js';

const short = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(3))));

export const TrialScatter = memo(function TrialScatter({ rows, metric }: { rows: readonly LeaderboardRow[]; metric: string }) {
  const families = useMemo(() => trialFamilies(rows), [rows]);
  const [familyChoice, setFamily] = useState<string | null>(null);
  const family = familyChoice !== null && families.includes(familyChoice) ? familyChoice : (families[0] ?? null);
  const params = useMemo(() => (family ? variedParams(rows, family) : []), [rows, family]);
  const [paramChoice, setParam] = useState<string | null>(null);
  const param = paramChoice !== null && params.includes(paramChoice) ? paramChoice : (params[0] ?? null);
  const fullRows = useMemo(() => Math.max(0, ...rows.map((r) => r.rows)), [rows]);
  const axis = useMemo(() => (family && param ? trialAxis(rows, family, param, fullRows) : null), [rows, family, param, fullRows]);
  if (!family || !param || !axis) return null;

  const tick = (v: number) => (axis.categories ? (axis.categories[v] ?? '') : short(v));
  const full = axis.points.filter((p) => p.full);
  const partial = axis.points.filter((p) => !p.full);
  return (
    <figure aria-label={`${metric} by ${param}`} className="chart-card" style={{ margin: 0 }}>
      <figcaption className="small" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <strong>Trials:</strong>
        {families.length > 1 && (
          <label>
            family{' '}
            <select aria-label="Trial family" value={family} onChange={(e) => setFamily(e.target.value)}>
              {families.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {metric} by{' '}
          <select aria-label="Trial param" value={param} onChange={(e) => setParam(e.target.value)}>
            {params.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <span className="muted">{axis.log ? '(log scale)' : ''}</span>
      </figcaption>
      <div style={{ width: '100%', height: 200 }}>
        <ResponsiveContainer>
          <ScatterChart margin={{ top: 8, right: 24, bottom: 18, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis
              dataKey="x"
              type="number"
              name={param}
              scale={axis.log ? 'log' : 'auto'}
              domain={axis.categories ? [-0.5, axis.categories.length - 0.5] : ['auto', 'auto']}
              ticks={axis.categories ? axis.categories.map((_, i) => i) : undefined}
              tickFormatter={tick}
              label={{ value: param, position: 'insideBottom', offset: -10, fontSize: 11 }}
            />
            <YAxis dataKey="metric" type="number" name={metric} domain={['auto', 'auto']} width={64} tickFormatter={(v: number) => short(v)} />
            <Tooltip formatter={(v, name) => (name === param ? tick(Number(v)) : Number(v).toPrecision(4))} />
            <Legend verticalAlign="top" height={20} />
            <Scatter name="all rows" data={full} fill="#27ae60" isAnimationActive={false} />
            {partial.length > 0 && <Scatter name="stopped at a halving rung" data={partial} fill="#95a5a6" fillOpacity={0.6} isAnimationActive={false} />}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
