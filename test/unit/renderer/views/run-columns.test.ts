// The runs table's columns and value formatting: metric columns sort by `metric:<name>`, values are written
// compactly, tags parse as typed.
import { describe, expect, it } from 'vitest';
import { formatMetric, formatSeconds, formatStarted, gridTemplate, metricColumn, parseTags, runColumns, RUN_COLUMNS, SELECT_WIDTH } from '../../../../renderer/views/runs/run-columns.js';
import type { RunListing } from '../../../../renderer/state/runs.js';

const run: RunListing = {
  id: '0123456789abcdef',
  pipeline: 'churn',
  pipelineVersion: 3,
  pipelineHash: null,
  status: 'gate_failed',
  startedAt: '2026-01-02T03:04:05.678Z',
  finishedAt: null,
  seconds: 75.4,
  note: 'n',
  tags: ['a', 'b'],
  metrics: { 'evaluate.roc_auc': 0.912345, 'evaluate.n': 1000 },
};

describe('run columns', () => {
  it('adds one sortable numeric column per metric after the run fields', () => {
    const columns = runColumns(['evaluate.n', 'evaluate.roc_auc']);
    expect(columns.map((c) => c.id)).toEqual([...RUN_COLUMNS.map((c) => c.id), 'metric:evaluate.n', 'metric:evaluate.roc_auc']);
    const auc = columns.at(-1)!;
    expect(auc.sortKey).toBe('metric:evaluate.roc_auc');
    expect(auc.numeric).toBe(true);
    expect(auc.text(run)).toBe('0.9123');
    expect(metricColumn('evaluate.missing').text(run)).toBe('—');
  });

  it('writes each run field as the table shows it', () => {
    const text = Object.fromEntries(RUN_COLUMNS.map((c) => [c.id, c.text(run)]));
    expect(text).toEqual({ id: '01234567', pipeline: 'churn v3', status: 'gate failed', started: '2026-01-02 03:04:05', seconds: '1 min 15 s', tags: 'a, b', note: 'n' });
    expect(RUN_COLUMNS.find((c) => c.id === 'pipeline')!.text({ ...run, pipelineVersion: null })).toBe('churn');
  });

  it('builds the grid template from the select box and every width', () => {
    const columns = runColumns(['m.x']);
    const widths = gridTemplate(columns).split(' ').map((w) => Number(w.replace('px', '')));
    expect(widths).toEqual([SELECT_WIDTH, ...columns.map((c) => c.width)]);
  });
});

describe('formatting', () => {
  it('formats metrics to 4 significant digits, integers and tiny values exactly enough', () => {
    expect([formatMetric(0.123456), formatMetric(12), formatMetric(0.00001234), formatMetric(null), formatMetric(Number.NaN), formatMetric(1234.5678)]).toEqual([
      '0.1235',
      '12',
      '1.23e-5',
      '—',
      'NaN',
      '1235',
    ]);
  });

  it('formats durations under 10 s, under a minute and longer', () => {
    expect([formatSeconds(2.345), formatSeconds(42.25), formatSeconds(125), formatSeconds(null)]).toEqual(['2.35 s', '42.3 s', '2 min 5 s', '—']);
  });

  it('shows a timestamp without its T, fraction and Z', () => {
    expect(formatStarted('2026-01-01T00:00:00Z')).toBe('2026-01-01 00:00:00');
    expect(formatStarted('2026-01-01T00:00:00.5Z')).toBe('2026-01-01 00:00:00');
  });

  it('parses tags: trimmed, no empty ones, no repeats', () => {
    expect(parseTags(' a, b ,, a ,c ')).toEqual(['a', 'b', 'c']);
    expect(parseTags('   ')).toEqual([]);
  });
});
