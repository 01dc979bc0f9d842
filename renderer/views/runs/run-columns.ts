// The columns of the runs table: the run's own fields, then one per metric found (the union the host returns),
// each with its width, the sort key runs.list takes and how a value is written.
import type { RunListing } from '../../state/runs.js';

export interface RunColumn {
  id: string;
  label: string;
  width: number;
  /** what runs.list sorts by for this column; none: not sortable */
  sortKey?: string;
  numeric?: boolean;
  text(run: RunListing): string;
}

/** A number with at most 4 significant digits (integers as they are); absent values as a dash. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** `2026-01-01T12:03:04.567Z` → `2026-01-01 12:03:04` (UTC, as stored; sortable as text). */
export function formatStarted(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z?$|Z$/, '');
}

/** The first 8 characters of a run id, as `plumb runs list` shows them. */
export const shortRunId = (id: string): string => id.slice(0, 8);

export const SELECT_WIDTH = 34;

export const RUN_COLUMNS: readonly RunColumn[] = [
  { id: 'id', label: 'Run', width: 96, text: (r) => shortRunId(r.id) },
  { id: 'pipeline', label: 'Pipeline', width: 140, sortKey: 'pipeline', text: (r) => (r.pipelineVersion === null ? r.pipeline : `${r.pipeline} v${r.pipelineVersion}`) },
  { id: 'status', label: 'Status', width: 96, sortKey: 'status', text: (r) => r.status.replace('_', ' ') },
  { id: 'started', label: 'Started (UTC)', width: 156, sortKey: 'started_at', text: (r) => formatStarted(r.startedAt) },
  { id: 'seconds', label: 'Duration', width: 84, sortKey: 'seconds', numeric: true, text: (r) => formatSeconds(r.seconds) },
  { id: 'tags', label: 'Tags', width: 120, text: (r) => r.tags.join(', ') },
  { id: 'note', label: 'Note', width: 170, text: (r) => r.note ?? '' },
];

export function metricColumn(name: string): RunColumn {
  return { id: `metric:${name}`, label: name, width: Math.min(190, Math.max(104, 16 + name.length * 7)), sortKey: `metric:${name}`, numeric: true, text: (r) => formatMetric(r.metrics[name]) };
}

export function runColumns(metricColumns: readonly string[]): RunColumn[] {
  return [...RUN_COLUMNS, ...metricColumns.map(metricColumn)];
}

/** The CSS grid template of a row: the select box, then every column's width. */
export function gridTemplate(columns: readonly RunColumn[]): string {
  return [SELECT_WIDTH, ...columns.map((c) => c.width)].map((w) => `${w}px`).join(' ');
}

/** `a, b ,, c` → `['a', 'b', 'c']`: tags as typed, trimmed, empty and repeated ones dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter((t) => t.length > 0))];
}
