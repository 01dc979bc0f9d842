// The diff of two dataset versions: schema changes, the row-count change, and per-column drift (the same report
// monitor.drift makes), most drifted columns first.
import { readDriftReport, sortDriftColumns, formatNumber } from '../../../shared/drift/report-view.js';
import type { DatasetDiffView } from '../../../shared/api/lifecycle.js';
import { closeDatasetDiff, useDatasetsStore } from '../../state/datasets.js';

function SchemaChanges({ schema }: { schema: DatasetDiffView['schema'] }) {
  const none = schema.added.length + schema.removed.length + schema.changed.length === 0;
  return (
    <section aria-label="Schema changes">
      <h3 className="panel-title">Schema</h3>
      {none ? (
        <p className="small">Same columns with the same types.</p>
      ) : (
        <ul className="plain-list small">
          {schema.added.map((c) => (
            <li key={`+${c.name}`} className="added">
              + {c.name} <span className="muted">{c.type}</span>
            </li>
          ))}
          {schema.removed.map((c) => (
            <li key={`-${c.name}`} className="removed">
              − {c.name} <span className="muted">{c.type}</span>
            </li>
          ))}
          {schema.changed.map((c) => (
            <li key={`~${c.name}`}>
              ~ {c.name} <span className="muted">{c.from} → {c.to}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DriftTable({ drift }: { drift: unknown }) {
  const report = readDriftReport(drift);
  if (!report) return <p className="muted small">No columns in common to compare.</p>;
  return (
    <section aria-label="Column drift">
      <h3 className="panel-title">
        Drift: {report.dataset_drift ? 'dataset drifted' : 'no dataset drift'} ({Math.round(report.share_drifted * 100)}% of columns)
      </h3>
      <table className="data-table compact" aria-label="Drift per column">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Test</th>
            <th scope="col">Statistic</th>
            <th scope="col">p-value</th>
            <th scope="col">Threshold</th>
            <th scope="col">Drifted</th>
          </tr>
        </thead>
        <tbody>
          {sortDriftColumns(report.columns).map((c) => (
            <tr key={c.name} className={c.drifted ? 'drifted' : undefined}>
              <th scope="row">{c.name}</th>
              <td>{c.test}</td>
              <td className="num">{formatNumber(c.statistic)}</td>
              <td className="num">{formatNumber(c.p_value)}</td>
              <td className="num">{formatNumber(c.threshold)}</td>
              <td>{c.drifted ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function DatasetDiff() {
  const diff = useDatasetsStore((s) => s.diff);
  if (!diff) return null;
  const { result } = diff;
  return (
    <section className="dataset-diff" aria-label="Dataset diff">
      <header className="detail-head">
        <h2>
          {diff.a} → {diff.b}
        </h2>
        <button type="button" className="icon-button close-panel" onClick={closeDatasetDiff} aria-label="Close diff">
          ×
        </button>
      </header>
      {result.status === 'loading' && <p className="muted">Comparing…</p>}
      {result.status === 'error' && <p className="error-text">{result.error}</p>}
      {result.status === 'ready' && (
        <>
          <p>
            Rows: {result.value.a.rows} → {result.value.b.rows} ({result.value.rowChange >= 0 ? '+' : ''}
            {result.value.rowChange})
          </p>
          {(result.value.a.sampleRows !== null || result.value.b.sampleRows !== null) && (
            <p className="muted small">
              Drift is computed on the stored samples ({[result.value.a, result.value.b].map((s) => (s.sampleRows === null ? `all ${s.rows} rows` : `${s.sampleRows} rows`)).join(' and ')}): the versions are above the project&apos;s blob cap.
            </p>
          )}
          <SchemaChanges schema={result.value.schema} />
          <DriftTable drift={result.value.drift} />
        </>
      )}
    </section>
  );
}
