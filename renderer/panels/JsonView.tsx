// JSON outputs (metrics, drift, explanations) as readable tables: objects as name/value rows, lists of records
// as tables, matrices as grids (a confusion matrix gets its labels), long lists shortened.
import type { ReactNode } from 'react';
import { formatNumber } from './column-stats.js';

const MAX_ROWS = 200;
const MAX_DEPTH = 4;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is null | boolean | number | string => v === null || ['boolean', 'number', 'string'].includes(typeof v);

function scalar(v: null | boolean | number | string): string {
  if (v === null) return '—';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

function ScalarList({ values }: { values: (null | boolean | number | string)[] }) {
  if (values.length <= 12) return <span className="json-list">[{values.map(scalar).join(', ')}]</span>;
  return (
    <span className="json-list" title={`${values.length} values`}>
      [{values.slice(0, 8).map(scalar).join(', ')}, … {values.length} values]
    </span>
  );
}

function Matrix({ rows, labels, caption }: { rows: Json[][]; labels?: Json[]; caption?: string }) {
  const shown = rows.slice(0, 50);
  return (
    <table className="json-matrix">
      {caption && <caption>{caption}</caption>}
      {labels && (
        <thead>
          <tr>
            <th scope="col">true ↓ / predicted →</th>
            {labels.slice(0, 50).map((l, i) => (
              <th scope="col" key={i}>
                {String(l)}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {shown.map((row, i) => (
          <tr key={i}>
            {labels && <th scope="row">{String(labels[i])}</th>}
            {row.slice(0, 50).map((cell, j) => (
              <td key={j} className="num">
                {isScalar(cell) ? scalar(cell) : JSON.stringify(cell)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecordTable({ rows, depth }: { rows: Record<string, Json>[]; depth: number }) {
  const keys = [...new Set(rows.slice(0, MAX_ROWS).flatMap((r) => Object.keys(r)))];
  return (
    <>
      <table className="json-records">
        <thead>
          <tr>
            {keys.map((k) => (
              <th scope="col" key={k}>
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_ROWS).map((r, i) => (
            <tr key={i}>
              {keys.map((k) => (
                <td key={k} className={typeof r[k] === 'number' ? 'num' : undefined}>
                  {r[k] === undefined ? '' : <JsonValue value={r[k]} depth={depth + 1} />}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && <p className="muted small">Showing {MAX_ROWS} of {rows.length} rows.</p>}
    </>
  );
}

function JsonValue({ value, depth }: { value: Json; depth: number }): ReactNode {
  if (isScalar(value)) return scalar(value);
  if (depth > MAX_DEPTH) return <code className="json-raw">{JSON.stringify(value).slice(0, 200)}</code>;
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return <ScalarList values={value} />;
    if (value.every((r) => Array.isArray(r) && r.every(isScalar))) return <Matrix rows={value as Json[][]} />;
    if (value.every(isRecord)) return <RecordTable rows={value} depth={depth} />;
    return <code className="json-raw">{JSON.stringify(value).slice(0, 400)}</code>;
  }
  if (Array.isArray(value.labels) && Array.isArray(value.matrix) && value.matrix.every((r) => Array.isArray(r))) {
    return <Matrix rows={value.matrix as Json[][]} labels={value.labels} />;
  }
  return <ObjectTable value={value} depth={depth} />;
}

function ObjectTable({ value, depth, label }: { value: Record<string, Json>; depth: number; label?: string }) {
  return (
    <table className="json-object" aria-label={label}>
      <tbody>
        {Object.entries(value).map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className={typeof v === 'number' ? 'num' : undefined}>
              <JsonValue value={v} depth={depth + 1} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function JsonView({ value, label }: { value: unknown; label: string }) {
  const json = value as Json;
  return (
    <div className="json-view">
      {isRecord(json) ? <ObjectTable value={json} depth={0} label={label} /> : <JsonValue value={json} depth={0} />}
      <details className="json-details">
        <summary>Raw JSON</summary>
        <pre>{JSON.stringify(value, null, 2).slice(0, 200_000)}</pre>
      </details>
    </div>
  );
}
