// Successive halving's rung sizes match scikit-learn's HalvingRandomSearchCV (min_resources 'exhaust', factor 3),
// read from fitted searches by test/fixtures/automl/make_halving_rungs.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { halvingSchedule, topK } from '../../../../../electron/ml/automl/halving.js';

interface Case {
  task: 'classification' | 'regression';
  n: number;
  n_candidates: number;
  folds: number;
  classes: number;
  n_resources: number[];
  n_candidates_per_rung: number[];
}

const cases = JSON.parse(readFileSync(new URL('../../../../fixtures/automl/halving-rungs.json', import.meta.url), 'utf8')) as Case[];

describe('halvingSchedule', () => {
  it.each(cases)('$task, $n rows, $n_candidates candidates, $folds folds: scikit-learn\'s rungs', (c) => {
    const smallest = 2 * c.folds * (c.task === 'classification' ? c.classes : 1);
    const rungs = halvingSchedule({ nCandidates: c.n_candidates, maxResources: c.n, factor: 3, smallest });
    expect(rungs.map((r) => r.resources)).toEqual(c.n_resources);
    expect(rungs.map((r) => r.candidates)).toEqual(c.n_candidates_per_rung);
  });

  it('keeps the best third, earlier candidates winning ties', () => {
    expect(topK([0.5, 0.9, 0.9, NaN, 0.7], 3)).toEqual([1, 2, 4]);
  });
});
