// The live leaderboard of model.automl / model.tune: rows appear as candidates finish (from the node's history
// points), sortable by any column, with the search's progress, the best metric over time, and "Use" on every row,
// which sets the node's `use_model` and re-runs it (the node answers from its kept search, without refitting), and
// a param-vs-metric scatter of the trials.
import { useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { setParam } from '../../state/document/graph-edits.js';
import { useGraphStore } from '../../state/graph.js';
import { isRunActive, type SeriesPoint } from '../../state/run-events.js';
import { startRun, useRunStore } from '../../state/run.js';
import { leaderboardRows, rankRows, searchStatus, type LeaderboardRow } from './leaderboard-rows.js';
import { TrialScatter } from './TrialScatter.js';

type SortKey = 'rank' | 'model_id' | 'family' | 'mean' | 'std' | 'rung' | 'rows' | 'fit_seconds';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'rank', label: 'Rank' },
  { key: 'model_id', label: 'Model' },
  { key: 'family', label: 'Family' },
  { key: 'mean', label: 'Metric' },
  { key: 'std', label: '± std' },
  { key: 'rung', label: 'Rung' },
  { key: 'rows', label: 'Rows' },
  { key: 'fit_seconds', label: 'Fit s' },
];

const fmt = (v: number | null, digits = 4) => (v === null ? '—' : v.toPrecision(digits));

function pickModel(node: string, modelId: string): void {
  useGraphStore.getState().edit((doc) => setParam(doc, node, 'use_model', modelId));
  void startRun(node);
}

export function LeaderboardPanel({ node, points }: { node: string; points: SeriesPoint[] }) {
  const status = searchStatus(points);
  const metric = status?.metric ?? 'metric';
  const ranked = useMemo(() => rankRows(leaderboardRows(points), metric), [points, metric]);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'rank', descending: false });
  const busy = useRunStore((s) => isRunActive(s.view));
  const chosen = useGraphStore((s) => s.doc.nodes.find((n) => n.id === node)?.params?.use_model);

  const rows = useMemo(() => {
    const withRank = ranked.map((r, i) => ({ ...r, rank: i + 1 }));
    const value = (r: LeaderboardRow & { rank: number }) => r[sort.key];
    return withRank.sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const c = typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb) : ((va as number | null) ?? -Infinity) - ((vb as number | null) ?? -Infinity);
      return sort.descending ? -c : c;
    });
  }, [ranked, sort]);

  const bestOverTime = points.filter((p) => typeof p.metric === 'number').map((p) => ({ seconds: Number(p.seconds.toFixed(2)), best: p.metric }));

  return (
    <section className="leaderboard-panel" aria-label={`Leaderboard of ${node}`}>
      {status && (
        <p role="status" className="muted small">
          {status.evaluated} evaluations · {status.rung >= 0 ? `halving rung ${status.rung + 1} of ${status.rungs}` : 'scoring on all rows'} · {status.seconds.toFixed(1)} s
          {status.budget !== null ? ` of a ${status.budget} s budget (${Math.min(100, (100 * status.seconds) / status.budget).toFixed(0)} % used)` : ''}
          {status.best !== null ? ` · best ${metric} ${fmt(status.best)}` : ''}
          {status.scoredOn === 'valid' ? ' · scored on the valid table' : ' · scored by cross-validation'}
        </p>
      )}
      {bestOverTime.length > 1 && (
        <figure aria-label={`Best ${metric} over time`} style={{ margin: 0 }}>
          <div style={{ width: '100%', height: 160 }}>
            <ResponsiveContainer>
              <LineChart data={bestOverTime} margin={{ top: 8, right: 24, bottom: 16, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
                <XAxis dataKey="seconds" type="number" domain={['dataMin', 'dataMax']} label={{ value: 'seconds since start', position: 'insideBottom', offset: -8 }} />
                <YAxis width={64} domain={['auto', 'auto']} label={{ value: `best ${metric}`, angle: -90, position: 'insideLeft' }} />
                <Tooltip />
                <Line type="stepAfter" dataKey="best" name={`best ${metric}`} stroke="#27ae60" dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
      <TrialScatter rows={ranked} metric={metric} />
      <table aria-label="Leaderboard" className="leaderboard-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : false }))}>
                  {c.key === 'mean' ? metric : c.label}
                </button>
              </th>
            ))}
            <th>Params</th>
            <th>Output</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.model_id} aria-current={chosen === r.model_id ? 'true' : undefined}>
              <td>{r.rank}</td>
              <td>{r.model_id}</td>
              <td>{r.family}</td>
              <td>{fmt(r.mean)}</td>
              <td>{fmt(r.std, 2)}</td>
              <td>{r.rung >= 0 ? r.rung + 1 : 'all'}</td>
              <td>{r.rows}</td>
              <td>{r.fit_seconds.toFixed(2)}</td>
              <td className="small">
                <code>{r.params}</code>
              </td>
              <td>
                <button type="button" disabled={busy} aria-label={`Use model ${r.model_id}`} onClick={() => pickModel(node, r.model_id)}>
                  {chosen === r.model_id ? 'In use' : 'Use'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
