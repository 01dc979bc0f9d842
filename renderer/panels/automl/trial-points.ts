// Param-vs-metric points of a search's trials (the leaderboard rows of one family): which params vary, and each
// trial's value of one param against its metric. Numbers stay numbers (on a log axis when they span a wide positive
// range, as the search samples them); other values (choices, null, lists) become evenly spaced categories.
import type { LeaderboardRow } from './leaderboard-rows.js';

export interface TrialPoint {
  model_id: string;
  x: number;
  /** the value as the params show it */
  value: string;
  metric: number;
  /** scored on all rows (comparable with each other; lower halving rungs are not) */
  full: boolean;
}

export interface TrialAxis {
  param: string;
  points: TrialPoint[];
  log: boolean;
  /** set when the values are not all numbers: tick i shows categories[i] */
  categories: string[] | null;
}

type Params = Record<string, unknown>;

function parsed(row: LeaderboardRow): Params {
  try {
    const value = JSON.parse(row.params) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Params) : {};
  } catch {
    return {};
  }
}

/** Families with at least two scored trials, most trials first (ties by name). */
export function trialFamilies(rows: readonly LeaderboardRow[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.mean !== null && r.family !== 'stacked_ensemble') counts.set(r.family, (counts.get(r.family) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([f]) => f);
}

/** Params that take at least two different values among the family's trials, in first-seen order. */
export function variedParams(rows: readonly LeaderboardRow[], family: string): string[] {
  const seen = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.family !== family || r.mean === null) continue;
    for (const [k, v] of Object.entries(parsed(r))) {
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(JSON.stringify(v));
    }
  }
  return [...seen.entries()].filter(([, values]) => values.size >= 2).map(([k]) => k);
}

/** The family's trials that set `param`, as points; `fullRows` is the row count of a full-resource evaluation. */
export function trialAxis(rows: readonly LeaderboardRow[], family: string, param: string, fullRows: number): TrialAxis {
  const trials = rows
    .filter((r) => r.family === family && r.mean !== null)
    .map((r) => ({ row: r, value: parsed(r)[param] }))
    .filter((t) => t.value !== undefined);
  const numeric = trials.every((t) => typeof t.value === 'number' && Number.isFinite(t.value));
  const numbers = numeric ? trials.map((t) => t.value as number) : [];
  const log = numeric && numbers.length > 0 && Math.min(...numbers) > 0 && Math.max(...numbers) / Math.min(...numbers) >= 20;
  const categories = numeric ? null : [...new Set(trials.map((t) => JSON.stringify(t.value)))].sort();
  const points = trials.map(({ row, value }) => ({
    model_id: row.model_id,
    x: numeric ? (value as number) : categories!.indexOf(JSON.stringify(value)),
    value: JSON.stringify(value),
    metric: row.mean as number,
    full: row.rows === fullRows,
  }));
  return { param, points, log, categories };
}
