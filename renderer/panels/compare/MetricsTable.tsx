// One row per compared model, one column per metric: headers sort (ascending, then descending), the best value of
// each column with a direction is marked ★ (higher accuracy, lower log loss).
import { memo, useMemo, useState } from 'react';
import type { ModelComparison } from '../../../shared/api/model-compare.js';
import { formatNumber } from '../column-stats.js';
import { metricsTable, type SortDirection } from './compare-data.js';
import { modelColour } from './palette.js';

export const MetricsTable = memo(function MetricsTable({ models }: { models: ModelComparison['models'] }) {
  const [sort, setSort] = useState<{ key: string; direction: SortDirection } | null>(null);
  const table = useMemo(() => metricsTable(models, sort), [models, sort]);
  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? (s.direction === 'ascending' ? { key, direction: 'descending' } : null) : { key, direction: 'ascending' }));
  return (
    <table className="json-object compare-metrics" aria-label="Model metrics">
      <caption className="small muted">Metrics on the chosen table; ★ marks the best model per metric. Click a header to sort.</caption>
      <thead>
        <tr>
          <th scope="col">model</th>
          {table.columns.map((key) => (
            <th scope="col" key={key} aria-sort={sort?.key === key ? sort.direction : 'none'}>
              <button type="button" className="link-button" style={{ color: 'inherit', textDecoration: 'none', fontWeight: 600 }} onClick={() => toggle(key)}>
                {key}
                {sort?.key === key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.order.map((i) => (
          <tr key={models[i].node}>
            <th scope="row">
              <span aria-hidden="true" style={{ color: modelColour(i) }}>
                ●{' '}
              </span>
              {models[i].node} <span className="muted small">({models[i].type})</span>
            </th>
            {table.columns.map((key) => {
              const value = models[i].metrics[key];
              const best = table.best[key]?.includes(i) ?? false;
              return (
                <td key={key} className="num" style={best ? { fontWeight: 700 } : undefined} aria-label={best ? `${value === null || value === undefined ? '—' : formatNumber(value)}, best` : undefined}>
                  {value === null || value === undefined ? '—' : formatNumber(value)}
                  {best ? ' ★' : ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
});
