// The live leaderboard's rows, folded from model.automl / model.tune history points (one per finished
// evaluation, its candidate in `detail`): the latest evaluation of each model, ranked like the node ranks them
// (scored on all rows first, then by rung, then by metric).
import { lowerIsBetter } from '../../../shared/catalog/model/search-space.js';
import type { SeriesPoint } from '../../state/run-events.js';

export interface LeaderboardRow {
  model_id: string;
  family: string;
  params: string;
  mean: number | null;
  std: number | null;
  rung: number;
  rows: number;
  fit_seconds: number;
  /** finish order (1 = first) */
  step: number;
}

export interface SearchStatus {
  metric: string;
  evaluated: number;
  rung: number;
  rungs: number;
  seconds: number;
  budget: number | null;
  best: number | null;
  /** how candidates are scored: cross-validation folds of `train`, or the `valid` table */
  scoredOn: 'cv' | 'valid';
}

const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function isSearchHistory(points: readonly SeriesPoint[]): boolean {
  return points.length > 0 && points[0].detail !== undefined && typeof points[0].detail.model_id === 'string';
}

export function leaderboardRows(points: readonly SeriesPoint[]): LeaderboardRow[] {
  const byId = new Map<string, LeaderboardRow>();
  for (const p of points) {
    const d = p.detail;
    if (!d || typeof d.model_id !== 'string') continue;
    byId.set(d.model_id, {
      model_id: d.model_id,
      family: text(d.family),
      params: text(d.params, '{}'),
      mean: num(d.mean),
      std: num(d.std),
      rung: num(d.rung) ?? -1,
      rows: num(d.rows) ?? 0,
      fit_seconds: num(d.fit_seconds) ?? 0,
      step: p.step,
    });
  }
  return [...byId.values()];
}

export function searchStatus(points: readonly SeriesPoint[]): SearchStatus | null {
  const last = points[points.length - 1];
  if (!last?.detail) return null;
  const d = last.detail;
  const rung = Math.max(...points.map((p) => num(p.detail?.rung) ?? -1));
  return {
    metric: text(d.metric_name, 'metric'),
    evaluated: points.length,
    rung,
    rungs: num(d.rungs) ?? 0,
    seconds: last.seconds,
    budget: num(d.budget_s),
    best: num(last.metric),
    scoredOn: d.scored_on === 'valid' ? 'valid' : 'cv',
  };
}

/** Best first: rows scored on all rows, then higher rungs, then the better metric; ties by id. */
export function rankRows(rows: readonly LeaderboardRow[], metric: string): LeaderboardRow[] {
  const maxRows = Math.max(0, ...rows.map((r) => r.rows));
  const sign = lowerIsBetter(metric) ? -1 : 1;
  const full = (r: LeaderboardRow) => r.rows === maxRows;
  return [...rows].sort((a, b) => {
    if (full(a) !== full(b)) return full(a) ? -1 : 1;
    if (!full(a) && a.rung !== b.rung) return b.rung - a.rung;
    const sa = a.mean === null ? -Infinity : sign * a.mean;
    const sb = b.mean === null ? -Infinity : sign * b.mean;
    return sb - sa || a.model_id.localeCompare(b.model_id);
  });
}
