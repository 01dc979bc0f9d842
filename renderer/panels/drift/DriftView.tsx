// The drift view: the dataset verdict, columns sorted by drift with their test, statistic, p-value / distance,
// threshold and verdict, a reference-vs-current overlay of the chosen column, and a standalone HTML export.
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { distributionRows, formatNumber, readDriftReport, sortDriftColumns, type DriftColumnView } from '../../../shared/drift/report-view.js';
import { errorMessage, getApi } from '../../state/api.js';
import { SortableTable, type TableColumn } from '../../ui/SortableTable.js';
import { JsonView } from '../JsonView.js';
import { downloadHtml, exportReportPdf, savesPdfFile } from '../explain/report-export.js';

const REFERENCE_COLOR = '#2f7ed8';
const CURRENT_COLOR = '#c0392b';

function OverlayChart({ column }: { column: DriftColumnView }) {
  const rows = useMemo(() => (column.distribution ? distributionRows(column.distribution).map((r) => ({ ...r, reference: 100 * r.reference, current: 100 * r.current })) : []), [column]);
  const label = `Distribution of ${column.name}: reference vs current`;
  if (rows.length === 0) return <p className="muted small">No distribution stored for {column.name}.</p>;
  return (
    <figure role="figure" aria-label={label} style={{ margin: 0, flex: 1, minWidth: 320 }}>
      <figcaption className="small" style={{ fontWeight: 600 }}>
        {column.name} — {column.drifted ? 'drifted' : 'stable'} ({column.distribution?.type === 'bins' ? 'shared bins' : 'categories'}, % of rows)
      </figcaption>
      <div style={{ width: '100%', height: 220 }}>
        <ResponsiveContainer>
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} barGap={0}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
            <YAxis width={40} unit="%" />
            <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} />
            <Legend />
            <Bar dataKey="reference" name="reference" fill={REFERENCE_COLOR} isAnimationActive={false} />
            <Bar dataKey="current" name="current" fill={CURRENT_COLOR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {column.missing && (column.missing.reference > 0 || column.missing.current > 0) && (
        <p className="muted small">
          Missing: {(100 * column.missing.reference).toFixed(1)}% of reference, {(100 * column.missing.current).toFixed(1)}% of current
        </p>
      )}
      {column.note && <p className="muted small">{column.note}</p>}
    </figure>
  );
}

/** The drift table's columns; the column name picks the column whose overlay is shown. */
function driftTableColumns(choose: (name: string) => void): TableColumn<DriftColumnView>[] {
  return [
    {
      id: 'column',
      label: 'column',
      value: (c) => c.name,
      render: (c) => (
        <button type="button" className="link-button" aria-label={`Show distribution of ${c.name}`} onClick={() => choose(c.name)} style={{ fontWeight: c.drifted ? 600 : 400 }}>
          {c.name}
        </button>
      ),
    },
    { id: 'kind', label: 'kind', value: (c) => c.kind },
    { id: 'test', label: 'test', value: (c) => c.test },
    { id: 'statistic', label: 'statistic', numeric: true, value: (c) => c.statistic, render: (c) => formatNumber(c.statistic) },
    { id: 'p_value', label: 'p-value', numeric: true, value: (c) => c.p_value, render: (c) => formatNumber(c.p_value) },
    { id: 'threshold', label: 'threshold', numeric: true, value: (c) => c.threshold, render: (c) => formatNumber(c.threshold) },
    { id: 'verdict', label: 'verdict', value: (c) => (c.drifted ? 'drifted' : 'stable'), render: (c) => <span className={c.drifted ? 'error-text' : 'ok-text'}>{c.drifted ? 'drifted' : 'stable'}</span> },
  ];
}

async function exportHtml(runId: string, node: string): Promise<void> {
  const { html } = await getApi().call('drift.exportHtml', { runId, node });
  downloadHtml(html, `drift-${node}-${runId.slice(0, 8)}.html`);
}

export function DriftView({ value, runId, node }: { value: unknown; runId: string; node: string }) {
  const report = useMemo(() => readDriftReport(value), [value]);
  const columns = useMemo(() => (report ? sortDriftColumns(report.columns) : []), [report]);
  const [chosen, setChosen] = useState<string | undefined>();
  const tableColumns = useMemo(() => driftTableColumns(setChosen), []);
  const [exportError, setExportError] = useState<string | undefined>();
  const [savedPdf, setSavedPdf] = useState<string | undefined>();
  if (!report) return <JsonView value={value} label={`drift of ${node}`} />;
  const selected = columns.find((c) => c.name === chosen) ?? columns[0];
  const drifted = columns.filter((c) => c.drifted).length;
  const onExport = () => {
    setExportError(undefined);
    setSavedPdf(undefined);
    exportHtml(runId, node).catch((e: unknown) => setExportError(errorMessage(e)));
  };
  const onExportPdf = () => {
    setExportError(undefined);
    setSavedPdf(undefined);
    exportReportPdf({ report: 'drift', source: { runId, node } })
      .then((outcome) => setSavedPdf(outcome.kind === 'saved' ? outcome.path : undefined))
      .catch((e: unknown) => setExportError(errorMessage(e)));
  };
  return (
    <section aria-label="Drift report" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <strong
          role="status"
          aria-label="Dataset verdict"
          style={{ padding: '4px 10px', borderRadius: 4, background: report.dataset_drift ? '#fdecea' : '#e8f5e9', color: report.dataset_drift ? '#a61b1b' : '#1b5e20' }}
        >
          {report.dataset_drift ? 'Dataset drift detected' : 'No dataset drift'}
        </strong>
        <span className="small muted">
          {drifted} of {columns.length} columns drifted (share {formatNumber(report.share_drifted, 3)}, threshold {formatNumber(report.drift_share_threshold, 3)})
          {report.rows ? `; ${report.rows.reference} reference rows, ${report.rows.current} current rows` : ''}
        </span>
        <button type="button" onClick={onExport}>
          Export HTML
        </button>
        <button type="button" onClick={onExportPdf} title={savesPdfFile() ? 'Saves the report as an A4 PDF file' : 'Opens the report in a new tab: print it there and choose Save as PDF'}>
          Report as PDF…
        </button>
        {savedPdf && (
          <span role="status" className="small muted">
            Saved {savedPdf}
          </span>
        )}
        {exportError && (
          <span role="alert" className="error-text small">
            Export failed: {exportError}
          </span>
        )}
      </div>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <SortableTable label="Drift by column" className="data-table compact" columns={tableColumns} rows={columns} rowKey={(c) => c.name} rowProps={(c) => ({ 'aria-selected': c === selected, className: c === selected ? 'is-chosen' : c.drifted ? 'drifted' : undefined })} />
        {selected && <OverlayChart column={selected} />}
      </div>
    </section>
  );
}
