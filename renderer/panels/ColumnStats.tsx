// Column statistics of a table output: counts, missing, distinct, mean/std/min/max and a small histogram
// (numeric columns) or top-values chart (other columns).
import { histogramBars, formatNumber, type ColumnStatsView } from './column-stats.js';

function MiniChart({ stats }: { stats: ColumnStatsView }) {
  const bars = histogramBars(stats);
  if (bars.length === 0) return null;
  const width = 160;
  const height = 44;
  const barWidth = width / bars.length;
  const label = stats.histogram ? `Histogram of ${stats.name}` : `Most frequent values of ${stats.name}`;
  return (
    <svg className="mini-chart" width={width} height={height} role="img" aria-label={label}>
      <title>{label}</title>
      {bars.map((b, i) => (
        <rect key={i} x={i * barWidth + 0.5} y={height - b.fraction * height} width={Math.max(1, barWidth - 1)} height={Math.max(b.count > 0 ? 1 : 0, b.fraction * height)}>
          <title>{`${b.label}: ${b.count}`}</title>
        </rect>
      ))}
    </svg>
  );
}

export function ColumnStats({ stats }: { stats: ColumnStatsView[] }) {
  if (stats.length === 0) return null;
  return (
    <div className="column-stats" role="list" aria-label="Column statistics">
      {stats.map((s) => (
        <div role="listitem" className="stats-card" key={s.name} aria-label={`Statistics of ${s.name}`}>
          <div className="stats-name" title={s.name}>
            {s.name} <span className="muted">{s.type}</span>
          </div>
          <MiniChart stats={s} />
          <dl className="stats-list">
            {s.missing !== undefined && (
              <>
                <dt>missing</dt>
                <dd>{s.missing}</dd>
              </>
            )}
            {s.distinct !== undefined && (
              <>
                <dt>distinct</dt>
                <dd>{s.distinct}</dd>
              </>
            )}
            {s.mean !== undefined && (
              <>
                <dt>mean</dt>
                <dd>{formatNumber(s.mean)}</dd>
              </>
            )}
            {s.std !== undefined && (
              <>
                <dt>std</dt>
                <dd>{formatNumber(s.std)}</dd>
              </>
            )}
            {s.min !== undefined && (
              <>
                <dt>min</dt>
                <dd>{formatNumber(s.min)}</dd>
              </>
            )}
            {s.max !== undefined && (
              <>
                <dt>max</dt>
                <dd>{formatNumber(s.max)}</dd>
              </>
            )}
          </dl>
        </div>
      ))}
    </div>
  );
}
