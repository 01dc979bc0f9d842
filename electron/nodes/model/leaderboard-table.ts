// The `leaderboard` table of model.automl and model.tune: one row per candidate, best first.
import type { Frame } from '../../data/types.js';
import type { LeaderboardEntry } from '../../ml/automl/search.js';
import type { SearchMetric } from '../../ml/automl/scoring.js';

/** `scoredOn`: cross-validation folds of `train`, or the `valid` table (one value for every row). */
export function leaderboardFrame(entries: readonly LeaderboardEntry[], metric: SearchMetric, scoredOn: 'cv' | 'valid' = 'cv'): Frame {
  const n = entries.length;
  const num = (f: (e: LeaderboardEntry, i: number) => number) => Float64Array.from(entries, (e, i) => f(e, i));
  const text = (f: (e: LeaderboardEntry) => string) => {
    const values = entries.map(f);
    const levels = [...new Set(values)].sort();
    return { codes: Int32Array.from(values, (v) => levels.indexOf(v)), levels };
  };
  const finite = (v: number) => (Number.isFinite(v) ? v : NaN);
  return {
    nrows: n,
    columns: [
      { name: 'rank', kind: 'numeric', values: num((_, i) => i + 1) },
      { name: 'model_id', kind: 'categorical', ...text((e) => e.model_id) },
      { name: 'family', kind: 'categorical', ...text((e) => e.family) },
      { name: 'params', kind: 'categorical', ...text((e) => JSON.stringify(e.params)) },
      { name: 'metric', kind: 'categorical', ...text(() => metric) },
      { name: 'metric_mean', kind: 'numeric', values: num((e) => finite(e.mean)) },
      { name: 'metric_std', kind: 'numeric', values: num((e) => finite(e.std)) },
      { name: 'rung', kind: 'numeric', values: num((e) => e.rung) },
      { name: 'rows', kind: 'numeric', values: num((e) => e.rows) },
      { name: 'fit_seconds', kind: 'numeric', values: num((e) => e.fit_seconds) },
      { name: 'predict_ms_per_row', kind: 'numeric', values: num((e) => e.predict_ms_per_row) },
      { name: 'cut_by_time', kind: 'boolean', codes: Int32Array.from(entries, (e) => (e.cut_by_time ? 1 : 0)), levels: ['false', 'true'] },
      { name: 'scored_on', kind: 'categorical', ...text(() => scoredOn) },
    ],
  };
}
