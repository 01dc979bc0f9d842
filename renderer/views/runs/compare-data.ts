// Comparison data shaped for display: training curves of several runs merged into one chart's rows (one line per
// run), param values as text, and the short labels runs go by in the comparison.
import { downsample } from '../../panels/downsample.js';
import { shortRunId } from './run-columns.js';

export const SERIES_MEASURES = ['train_loss', 'valid_loss', 'metric'] as const;
export type SeriesMeasure = (typeof SERIES_MEASURES)[number];
export const MEASURE_LABELS: Record<SeriesMeasure, string> = { train_loss: 'train loss', valid_loss: 'validation loss', metric: 'metric' };

export interface RunSeries {
  runId: string;
  points: Record<string, number>[];
}

/** The measures at least one run recorded a number for, in a fixed order. */
export function measuresOf(runs: readonly RunSeries[]): SeriesMeasure[] {
  return SERIES_MEASURES.filter((m) => runs.some((r) => r.points.some((p) => typeof p[m] === 'number')));
}

export interface Overlay {
  /** one row per step any run has: `step` and `run<i>` for each run with a value there */
  data: Record<string, number>[];
  /** the data key of each run's line, in the order of `runs` (runs with no points of the measure left out) */
  lines: { key: string; runId: string; index: number }[];
}

/**
 * Merges the runs' points of one measure on their steps. Each run is downsampled to `maxPoints` first, so ten
 * runs of 10,000 iterations still draw quickly.
 */
export function overlaySeries(runs: readonly RunSeries[], measure: SeriesMeasure, maxPoints = 300): Overlay {
  const byStep = new Map<number, Record<string, number>>();
  const lines: Overlay['lines'] = [];
  runs.forEach((run, index) => {
    const points = run.points.filter((p) => typeof p.step === 'number' && typeof p[measure] === 'number' && Number.isFinite(p[measure]));
    if (points.length === 0) return;
    const key = `run${index}`;
    lines.push({ key, runId: run.runId, index });
    for (const p of downsample(points, maxPoints)) {
      let row = byStep.get(p.step);
      if (!row) byStep.set(p.step, (row = { step: p.step }));
      row[key] = p[measure];
    }
  });
  return { data: [...byStep.values()].sort((a, b) => a.step - b.step), lines };
}

/** `#2 1a2b3c4d`: a run's place in the comparison and its short id. */
export const runLabel = (index: number, runId: string): string => `#${index + 1} ${shortRunId(runId)}`;

/** A param value as one line of text: strings as they are, everything else as JSON; absent as a dash. */
export function formatParam(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Distinct colours for up to ten runs (the comparison's limit). */
export const RUN_COLOURS = ['#2f6fd8', '#e67e22', '#1e8e4f', '#c0392b', '#8e44ad', '#16a085', '#b7791f', '#d35400', '#34495e', '#e84393'];
