// The trials scatter's points: every trial of the family that sets the param, at its value and metric, numbers on a
// log axis only when they span a wide positive range, other values as categories; rows come from history points.
import { describe, expect, it } from 'vitest';
import { leaderboardRows, type LeaderboardRow } from '../../../../../renderer/panels/automl/leaderboard-rows.js';
import { trialAxis, trialFamilies, variedParams } from '../../../../../renderer/panels/automl/trial-points.js';

const row = (model_id: string, family: string, params: Record<string, unknown>, mean: number | null, rows = 900): LeaderboardRow => ({
  model_id,
  family,
  params: JSON.stringify(params),
  mean,
  std: 0,
  rung: -1,
  rows,
  fit_seconds: 0,
  step: 0,
});

const ROWS = [
  row('gb_default', 'gradient_boosting', {}, 0.8),
  row('gb_1', 'gradient_boosting', { learning_rate: 0.01, max_bins: 255, loss: 'log' }, 0.7),
  row('gb_2', 'gradient_boosting', { learning_rate: 0.3, max_bins: 255, loss: null }, 0.9, 300),
  row('gb_3', 'gradient_boosting', { learning_rate: 0.05, max_bins: 255, loss: 'log' }, null),
  row('tree_1', 'decision_tree', { max_depth: 3 }, 0.6),
  row('tree_2', 'decision_tree', { max_depth: 4 }, 0.65),
  row('knn_1', 'knn', { n_neighbors: 3 }, 0.5),
  row('stacked_ensemble', 'stacked_ensemble', { gb_1: 1 }, 0.95),
];

describe('trial points', () => {
  it('lists families with two or more scored trials and the params that vary', () => {
    expect(trialFamilies(ROWS)).toEqual(['gradient_boosting', 'decision_tree']);
    expect(variedParams(ROWS, 'gradient_boosting')).toEqual(['learning_rate', 'loss']);
  });

  it('places every scored trial that sets the param at (value, metric)', () => {
    const axis = trialAxis(ROWS, 'gradient_boosting', 'learning_rate', 900);
    expect(axis.categories).toBeNull();
    expect(axis.log).toBe(true); // 0.01..0.3 spans 30×
    expect(axis.points.map((p) => [p.model_id, p.x, p.metric, p.full])).toEqual([
      ['gb_1', 0.01, 0.7, true],
      ['gb_2', 0.3, 0.9, false],
    ]);
    expect(trialAxis(ROWS, 'decision_tree', 'max_depth', 900).log).toBe(false);
  });

  it('turns non-numeric values into sorted categories', () => {
    const axis = trialAxis(ROWS, 'gradient_boosting', 'loss', 900);
    expect(axis.categories).toEqual(['"log"', 'null']);
    expect(axis.points.map((p) => [p.model_id, axis.categories![p.x]])).toEqual([
      ['gb_1', '"log"'],
      ['gb_2', 'null'],
    ]);
  });

  it('reads rows from the node history points (latest evaluation per model wins)', () => {
    const point = (step: number, detail: Record<string, string | number>) => ({ step, seconds: step, detail });
    const rows = leaderboardRows([
      point(1, { model_id: 'knn_1', family: 'knn', params: '{"n_neighbors":3}', mean: 0.5, rows: 100, rung: 0 }),
      point(2, { model_id: 'knn_1', family: 'knn', params: '{"n_neighbors":3}', mean: 0.6, rows: 300, rung: 1 }),
      point(3, { model_id: 'knn_2', family: 'knn', params: '{"n_neighbors":9}', mean: 0.7, rows: 300, rung: 1 }),
    ]);
    expect(trialAxis(rows, 'knn', 'n_neighbors', 300).points.map((p) => [p.x, p.metric, p.full])).toEqual([
      [3, 0.6, true],
      [9, 0.7, true],
    ]);
  });
});
