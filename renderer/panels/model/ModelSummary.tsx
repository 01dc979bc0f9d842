// The card for a `model` output: what kind of model, what it reads and predicts, how it was trained.
import { memo } from 'react';
import { SortableTable, type TableColumn } from '../../ui/SortableTable.js';
import { formatNumber } from '../column-stats.js';
import { readModelSummary } from './model-summary.js';

type ParamRow = [string, string];

/** Parameter values arrive as text; numeric ones sort as numbers. */
const asNumberWhenNumeric = (v: string): string | number => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

const PARAM_COLUMNS: TableColumn<ParamRow>[] = [
  { id: 'param', label: 'parameter', rowHeader: true, value: ([k]) => k },
  { id: 'value', label: 'value', value: ([, v]) => asNumberWhenNumeric(v), render: ([, v]) => v },
];

export const ModelSummary = memo(function ModelSummary({ value, node }: { value: unknown; node: string }) {
  const m = readModelSummary(value);
  if (!m) return null;
  return (
    <section aria-label={`Model summary of ${node}`} className="model-summary" style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <table className="json-object" aria-label="Model facts">
        <tbody>
          <tr>
            <th scope="row">type</th>
            <td>{m.type}</td>
          </tr>
          <tr>
            <th scope="row">task</th>
            <td>{m.task}</td>
          </tr>
          <tr>
            <th scope="row">target</th>
            <td>{m.target ?? '—'}</td>
          </tr>
          <tr>
            <th scope="row">features</th>
            <td title={m.features.join(', ')}>
              {m.features.length}: {m.features.slice(0, 8).join(', ')}
              {m.features.length > 8 ? ', …' : ''}
            </td>
          </tr>
          {m.classes.length > 0 && (
            <tr>
              <th scope="row">classes</th>
              <td>{m.classes.join(', ')}</td>
            </tr>
          )}
          <tr>
            <th scope="row">trained on</th>
            <td>
              {m.trained.rows.toLocaleString()} rows in {formatNumber(m.trained.seconds)} s{m.trained.backend ? ` (${m.trained.backend})` : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <div>
        <p className="small muted" style={{ margin: '0 0 2px' }}>
          Parameters
        </p>
        <SortableTable label="Model parameters" className="data-table compact" columns={PARAM_COLUMNS} rows={m.params} rowKey={([k]) => k} />
      </div>
    </section>
  );
});
