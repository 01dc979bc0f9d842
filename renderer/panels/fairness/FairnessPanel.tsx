// evaluate.fairness output: grouped bars of each group's rates (one colour per group) and the disparity table.
import { memo, useMemo } from 'react';
import { formatNumber } from '../column-stats.js';
import { SortableTable, type TableColumn } from '../../ui/SortableTable.js';
import { GROUP_RATES, readFairness, type FairnessGroup, type FairnessView } from './fairness-data.js';

const PALETTE = ['#2f7ed8', '#f28f43', '#5aa469', '#a05195', '#d45087', '#7a5195', '#ffa600', '#66707a'];
const H = 220;
const TOP = 10;
const LEFT = 40;
const BAR = 12;

const GroupedBars = memo(function GroupedBars({ groups }: { groups: FairnessGroup[] }) {
  const shown = groups.slice(0, PALETTE.length);
  const slot = shown.length * BAR + 18;
  const W = LEFT + GROUP_RATES.length * slot + 10;
  const py = (v: number) => TOP + (1 - v) * (H - TOP - 40);
  return (
    <figure role="figure" aria-label="Rates by group" style={{ margin: 0 }}>
      <svg width={W} height={H} role="img" aria-label={`Selection rate, accuracy, TPR, FPR and precision for ${shown.length} groups`}>
        {[0, 0.5, 1].map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={W - 10} y1={py(t)} y2={py(t)} stroke="#e3e6ea" />
            <text x={LEFT - 4} y={py(t) + 4} textAnchor="end" fontSize={10}>
              {t}
            </text>
          </g>
        ))}
        {GROUP_RATES.map(([key, label], m) => (
          <g key={key}>
            {shown.map((g, k) => {
              const v = g[key];
              const x = LEFT + m * slot + 9 + k * BAR;
              return v === null ? (
                <text key={g.group} x={x + BAR / 2} y={py(0) - 2} fontSize={9} textAnchor="middle" fill="#66707a">
                  –
                </text>
              ) : (
                <rect key={g.group} x={x} y={py(v)} width={BAR - 2} height={py(0) - py(v)} fill={PALETTE[k]}>
                  <title>{`${g.group}: ${label} ${formatNumber(v)}`}</title>
                </rect>
              );
            })}
            <text x={LEFT + m * slot + slot / 2} y={H - 24} textAnchor="middle" fontSize={10}>
              {label.replace('true positive rate', 'TPR').replace('false positive rate', 'FPR')}
            </text>
          </g>
        ))}
        <text x={12} y={(H - 30) / 2} fontSize={11} fill="#66707a" transform={`rotate(-90 12 ${(H - 30) / 2})`} textAnchor="middle">
          rate
        </text>
      </svg>
      <figcaption className="small" style={{ display: 'flex', gap: 10, flexWrap: 'wrap' }} aria-label="Group colours">
        {shown.map((g, k) => (
          <span key={g.group}>
            <span style={{ display: 'inline-block', width: 10, height: 10, background: PALETTE[k], marginRight: 4 }} />
            {g.group} (n = {g.n})
          </span>
        ))}
        {groups.length > shown.length && <span className="muted">+{groups.length - shown.length} more groups in the table</span>}
      </figcaption>
    </figure>
  );
});

const rate = (v: number | null) => (v === null ? '—' : formatNumber(Number(v.toFixed(4))));

const DISPARITY_COLUMNS: TableColumn<FairnessView['disparities'][number]>[] = [
  { id: 'measure', label: 'measure', rowHeader: true, value: (d) => d.label },
  { id: 'value', label: 'value', numeric: true, value: (d) => d.value, render: (d) => rate(d.value) },
];

const GROUP_COLUMNS: TableColumn<FairnessGroup>[] = [
  { id: 'group', label: 'group', rowHeader: true, value: (g) => g.group },
  { id: 'n', label: 'n', numeric: true, value: (g) => g.n },
  ...GROUP_RATES.map(([key, label]): TableColumn<FairnessGroup> => ({ id: key, label, numeric: true, value: (g) => g[key], render: (g) => rate(g[key]) })),
];

export const FairnessPanel = memo(function FairnessPanel({ value }: { value: unknown }) {
  const view = useMemo(() => readFairness(value), [value]);
  if (!view) return null;
  return (
    <div className="fairness-panel" style={{ display: 'flex', gap: 20, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <div>
        <p className="small muted" style={{ margin: '0 0 4px' }}>
          Groups by {view.sensitive.join(' × ') || 'the sensitive columns'}; positive class “{view.positive}”. Definitions follow Fairlearn (differences are max − min over groups,
          ratios min / max).
        </p>
        <GroupedBars groups={view.groups} />
      </div>
      <SortableTable label="Fairness disparities" className="data-table compact" columns={DISPARITY_COLUMNS} rows={view.disparities} rowKey={(d) => d.key} />
      <SortableTable label="Rates by group table" className="data-table compact" columns={GROUP_COLUMNS} rows={view.groups} rowKey={(g) => g.group} />
    </div>
  );
});
