// Panels of the monitor metrics: estimated performance (CBPE / DLE) per chunk, monitor.performance per batch with
// its degradation limit, and an A/B test's difference with its confidence interval.
import { memo, useMemo, useState } from 'react';
import { formatNumber } from '../column-stats.js';
import { ChunkChart } from './ChunkChart.js';
import { readAbTest, readBatches, readEstimate } from './monitor-data.js';

export const EstimatePanel = memo(function EstimatePanel({ value }: { value: unknown }) {
  const view = useMemo(() => readEstimate(value), [value]);
  const [chosen, setChosen] = useState<string | null>(null);
  if (!view || view.metrics.length === 0) return null;
  const metric = chosen && view.metrics.includes(chosen) ? chosen : view.metrics[0];
  const s = view.series[metric];
  const limits = [
    ...(s.upper !== null ? [{ value: s.upper, name: 'upper alert threshold' }] : []),
    ...(s.lower !== null ? [{ value: s.lower, name: 'lower alert threshold' }] : []),
  ];
  return (
    <div className="estimate-panel">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 6 }}>
        <label className="small">
          Metric{' '}
          <select aria-label="Estimated metric" value={metric} onChange={(e) => setChosen(e.target.value)}>
            {view.metrics.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small">
          {view.method === 'cbpe'
            ? `Confidence-based performance estimation (NannyML's CBPE)${view.calibrated ? ', scores calibrated on the reference (isotonic)' : ''}.`
            : "Direct loss estimation (NannyML's DLE): models of the error trained on the reference."}{' '}
          Thresholds: reference chunks&apos; mean ± 3 std.
        </span>
      </div>
      <ChunkChart label={`Estimated ${metric} per chunk`} points={s.points} yTitle={metric} xTitle="chunk" valueName={`estimated ${metric}`} limits={limits} />
    </div>
  );
});

export const BatchesPanel = memo(function BatchesPanel({ value }: { value: unknown }) {
  const view = useMemo(() => readBatches(value), [value]);
  if (!view) return null;
  const limits = [
    ...(view.reference !== null ? [{ value: view.reference, name: 'reference' }] : []),
    ...(view.limit !== null ? [{ value: view.limit, name: 'degradation limit' }] : []),
  ];
  const shade: [number, number] | null = view.reference !== null && view.limit !== null ? [view.reference, view.limit] : null;
  return (
    <div className="batches-panel">
      <p className="muted small" style={{ margin: '0 0 4px' }}>
        {view.metric} per batch; the green band is the allowed drop from the reference ({view.higherIsBetter ? 'higher' : 'lower'} is better), degraded batches in red.
      </p>
      <ChunkChart label={`${view.metric} per batch`} points={view.points} yTitle={view.metric} xTitle="batch" valueName={view.metric} limits={limits} shadeBetween={shade} />
    </div>
  );
});

const AW = 420;

export const AbTestPanel = memo(function AbTestPanel({ value }: { value: unknown }) {
  const view = useMemo(() => readAbTest(value), [value]);
  if (!view) return null;
  const rows = [
    { name: 'model a', e: view.a },
    { name: 'model b', e: view.b },
    { name: 'b − a', e: view.difference },
  ];
  const pct = `${Math.round(view.confidence * 100)} %`;
  const chart = (items: typeof rows, zero: boolean, label: string) => {
    const vals = items.flatMap((r) => [r.e.ci[0], r.e.ci[1], r.e.value]).concat(zero ? [0] : []);
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    const px = (v: number) => 90 + ((v - lo) / (hi - lo || 1)) * (AW - 120);
    return (
      <svg width={AW} height={items.length * 26 + 24} role="img" aria-label={label}>
        {zero && <line x1={px(0)} x2={px(0)} y1={0} y2={items.length * 26} stroke="#66707a" strokeDasharray="3 3" />}
        {items.map((r, i) => (
          <g key={r.name}>
            <text x={84} y={i * 26 + 16} textAnchor="end" fontSize={11}>
              {r.name}
            </text>
            <line x1={px(r.e.ci[0])} x2={px(r.e.ci[1])} y1={i * 26 + 12} y2={i * 26 + 12} stroke="#1f2328" strokeWidth={2} />
            <circle cx={px(r.e.value)} cy={i * 26 + 12} r={4.5} fill="#2f6fd8">
              <title>{`${r.name}: ${formatNumber(r.e.value)} (${pct} CI ${formatNumber(r.e.ci[0])} to ${formatNumber(r.e.ci[1])})`}</title>
            </circle>
          </g>
        ))}
        <text x={px(lo)} y={items.length * 26 + 16} fontSize={10}>
          {formatNumber(Number(lo.toPrecision(3)))}
        </text>
        <text x={px(hi)} y={items.length * 26 + 16} fontSize={10} textAnchor="end">
          {formatNumber(Number(hi.toPrecision(3)))}
        </text>
      </svg>
    );
  };
  return (
    <figure role="figure" aria-label="A/B test difference" style={{ margin: 0 }}>
      <figcaption className="small">
        {view.metric}: each model and the difference b − a with {pct} bootstrap confidence intervals
        {view.pValue !== null && `; p = ${formatNumber(Number(view.pValue.toPrecision(3)))}`}; winner: {view.winner ?? 'none'}.
      </figcaption>
      {chart(rows.slice(0, 2), false, `${view.metric} of each model with confidence intervals`)}
      {chart(rows.slice(2), true, `Difference b − a ${formatNumber(view.difference.value)}, ${pct} CI ${formatNumber(view.difference.ci[0])} to ${formatNumber(view.difference.ci[1])}`)}
    </figure>
  );
});
