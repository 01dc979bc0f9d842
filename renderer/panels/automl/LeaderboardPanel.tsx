// The live leaderboard of model.automl / model.tune: rows appear as candidates finish (from the node's history
// points), sortable and searchable by any column, with the search's progress, the best metric over time, and "Use"
// on every row, which sets the node's `use_model` and re-runs it (the node answers from its kept search, without
// refitting), and a param-vs-metric scatter of the trials.
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { setParam } from '../../state/document/graph-edits.js';
import { useGraphStore } from '../../state/graph.js';
import { isRunActive, type SeriesPoint } from '../../state/run-events.js';
import { startRun, useRunStore } from '../../state/run.js';
import { leaderboardRows, rankRows, searchStatus, type LeaderboardRow } from './leaderboard-rows.js';
import { TrialScatter } from './TrialScatter.js';
import { SortableTable, type TableColumn } from '../../ui/SortableTable.js';

const fmt = (v: number | null, digits = 4) => (v === null ? '—' : v.toPrecision(digits));

function pickModel(node: string, modelId: string): void {
  useGraphStore.getState().edit((doc) => setParam(doc, node, 'use_model', modelId));
  void startRun(node);
}

type RankedRow = LeaderboardRow & { rank: number };

function leaderboardColumns(node: string, metric: string, chosen: unknown, busy: boolean): TableColumn<RankedRow>[] {
  return [
    { id: 'rank', label: 'Rank', numeric: true, value: (r) => r.rank },
    { id: 'model_id', label: 'Model', value: (r) => r.model_id },
    { id: 'family', label: 'Family', value: (r) => r.family },
    { id: 'mean', label: metric, numeric: true, value: (r) => r.mean, render: (r) => fmt(r.mean) },
    { id: 'std', label: '± std', numeric: true, value: (r) => r.std, render: (r) => fmt(r.std, 2) },
    { id: 'rung', label: 'Rung', numeric: true, value: (r) => (r.rung >= 0 ? r.rung + 1 : Number.POSITIVE_INFINITY), render: (r) => (r.rung >= 0 ? r.rung + 1 : 'all') },
    { id: 'rows', label: 'Rows', numeric: true, value: (r) => r.rows },
    { id: 'fit_seconds', label: 'Fit s', numeric: true, value: (r) => r.fit_seconds, render: (r) => r.fit_seconds.toFixed(2) },
    { id: 'params', label: 'Params', value: (r) => r.params, render: (r) => <code className="small">{r.params}</code> },
    {
      id: 'use',
      label: 'Output',
      sortable: false,
      value: (r) => (chosen === r.model_id ? 'in use' : ''),
      render: (r) => (
        <button type="button" disabled={busy} aria-label={`Use model ${r.model_id}`} onClick={() => pickModel(node, r.model_id)}>
          {chosen === r.model_id ? 'In use' : 'Use'}
        </button>
      ),
    },
  ];
}

export function LeaderboardPanel({ node, points }: { node: string; points: SeriesPoint[] }) {
  const status = searchStatus(points);
  const metric = status?.metric ?? 'metric';
  const ranked = useMemo(() => rankRows(leaderboardRows(points), metric), [points, metric]);
  const busy = useRunStore((s) => isRunActive(s.view));
  const chosen = useGraphStore((s) => s.doc.nodes.find((n) => n.id === node)?.params?.use_model);

  const rows = useMemo(() => ranked.map((r, i) => ({ ...r, rank: i + 1 })), [ranked]);
  const columns = useMemo(() => leaderboardColumns(node, metric, chosen, busy), [node, metric, chosen, busy]);

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
      <SortableTable label="Leaderboard" className="data-table compact leaderboard-table" columns={columns} rows={rows} rowKey={(r) => r.model_id} rowProps={(r) => ({ 'aria-current': chosen === r.model_id ? 'true' : undefined })} />
    </section>
  );
}
