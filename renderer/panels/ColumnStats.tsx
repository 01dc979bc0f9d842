// Column statistics of a table output, one small card per column: a histogram (numeric columns) or the most
// frequent values (other columns), missing and distinct counts (≈ when estimated), mean ± std and the range.
import { countsLine, histogramBars, formatNumber, type ColumnStatsView } from './column-stats.js';

const CHART_WIDTH = 134;
const CHART_HEIGHT = 30;

function MiniChart({ stats }: { stats: ColumnStatsView }) {
  const bars = histogramBars(stats);
  if (bars.length === 0) return <svg className="mini-chart" width={CHART_WIDTH} height={CHART_HEIGHT} aria-hidden="true" />;
  const barWidth = CHART_WIDTH / bars.length;
  const label = stats.histogram ? `Histogram of ${stats.name}` : `Most frequent values of ${stats.name}`;
  return (
    <svg className="mini-chart" width={CHART_WIDTH} height={CHART_HEIGHT} role="img" aria-label={label}>
      {bars.map((b, i) => (
        <rect key={i} x={i * barWidth + 0.5} y={CHART_HEIGHT - b.fraction * CHART_HEIGHT} width={Math.max(1, barWidth - 1)} height={Math.max(b.count > 0 ? 1 : 0, b.fraction * CHART_HEIGHT)}>
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
      {stats.map((s) => {
        const centre = s.mean !== undefined ? `mean ${formatNumber(s.mean)}${s.std !== undefined ? ` ± ${formatNumber(s.std)}` : ''}` : s.top?.[0] ? `top ${s.top[0].value} (${s.top[0].count})` : '';
        const range = s.min !== undefined || s.max !== undefined ? `${formatNumber(s.min)} … ${formatNumber(s.max)}` : '';
        const counts = countsLine(s);
        return (
          <div role="listitem" className="stats-card" key={s.name} aria-label={`Statistics of ${s.name}`} title={`${s.name} (${s.type ?? ''})\n${counts}\n${centre}\n${range}`}>
            <div className="stats-name">
              {s.name}
            </div>
            <MiniChart stats={s} />
            <div className="stats-line">{counts}</div>
            {centre && <div className="stats-line">{centre}</div>}
            {range && <div className="stats-line">{range}</div>}
          </div>
        );
      })}
    </div>
  );
}
