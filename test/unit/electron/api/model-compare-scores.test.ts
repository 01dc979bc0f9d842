// models.compare's scoring against brute force: accuracy and confusion counts, AUC as the share of (positive,
// negative) pairs ranked right (Mann–Whitney), the ROC curve's area equal to it, disagreements counted row by row,
// RMSE by its formula, and the class the curves are drawn for.
import { describe, expect, it } from 'vitest';
import { compareScores, type ScoredModel, type ScoredRows } from '../../../../electron/api/model-compare-scores.js';
import { seededRandom } from '../ml/explain/random-ensemble.js';

const CLASSES = ['no', 'yes'];

function binaryCase(n: number, seed: number) {
  const random = seededRandom(seed);
  const codes = Int32Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
  const model = (noise: number, node: string): ScoredModel => {
    const proba = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const p = Math.min(0.99, Math.max(0.01, codes[i] * 0.5 + 0.25 + (random() - 0.5) * noise));
      proba[2 * i] = 1 - p;
      proba[2 * i + 1] = p;
    }
    return { node, runId: 'r', file: { type: 'knn', task: 'classification', classes: CLASSES, decision_threshold: undefined }, out: { proba, prediction: new Float64Array(n) } };
  };
  const rows: ScoredRows = {
    target: 'label',
    y: { task: 'classification', codes, classes: CLASSES },
    index: Int32Array.from({ length: n }, (_, i) => i * 2),
    dropped: 3,
    columns: ['row'],
    cellsOf: (r) => [r],
  };
  return { codes, models: [model(0.6, 'a'), model(1.4, 'b')], rows };
}

function pairwiseAuc(codes: Int32Array, score: (i: number) => number): number {
  let right = 0;
  let pairs = 0;
  for (let i = 0; i < codes.length; i++) {
    for (let j = 0; j < codes.length; j++) {
      if (codes[i] !== 1 || codes[j] !== 0) continue;
      pairs++;
      right += score(i) > score(j) ? 1 : score(i) === score(j) ? 0.5 : 0;
    }
  }
  return right / pairs;
}

function trapezoid(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

describe('compareScores', () => {
  it('scores each binary classifier like brute force and counts the rows where they disagree', () => {
    const { codes, models, rows } = binaryCase(120, 7);
    const result = compareScores(models, rows, { maxRows: 50 });
    expect(result).toMatchObject({ task: 'classification', target: 'label', classes: CLASSES, positive: 'yes', n: 120, dropped: 3 });
    const predicted = models.map((m) => Array.from({ length: 120 }, (_, i) => (m.out.proba![2 * i + 1] > m.out.proba![2 * i] ? 1 : 0)));
    models.forEach((m, k) => {
      const entry = result.models[k];
      expect(entry.node).toBe(m.node);
      const correct = predicted[k].filter((p, i) => p === codes[i]).length;
      expect(entry.metrics.accuracy).toBeCloseTo(correct / 120, 12);
      const matrix = [0, 1].map((t) => [0, 1].map((p) => predicted[k].filter((q, i) => codes[i] === t && q === p).length));
      expect(entry.confusion!.matrix).toEqual(matrix);
      const auc = pairwiseAuc(codes, (i) => m.out.proba![2 * i + 1]);
      expect(entry.metrics.roc_auc).toBeCloseTo(auc, 12);
      expect(trapezoid(entry.roc!.x, entry.roc!.y)).toBeCloseTo(auc, 12);
      expect([entry.roc!.x[0], entry.roc!.y[0]]).toEqual([0, 0]);
      expect(entry.roc!.x.at(-1)).toBe(1);
      expect(entry.calibration!.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    });
    const disagree = predicted[0].filter((p, i) => p !== predicted[1][i]).length;
    expect(disagree).toBeGreaterThan(0);
    expect(result.disagreements).toBe(disagree);
    // The first 50 rows come back with their table positions, labels and both models' predictions.
    expect(result.rows.truncated).toBe(true);
    expect(result.rows.index).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(result.rows.cells[3]).toEqual([6]);
    expect(result.rows.actual.slice(0, 5)).toEqual(Array.from(codes.slice(0, 5), (c) => CLASSES[c]));
    expect(result.rows.predicted[1].slice(0, 5)).toEqual(predicted[1].slice(0, 5).map((c) => CLASSES[c]));
  });

  it('draws the curves for the chosen class: choosing "no" mirrors the ROC of "yes"', () => {
    const { models, rows } = binaryCase(80, 11);
    const yes = compareScores(models, rows, { maxRows: 10 });
    const no = compareScores(models, rows, { maxRows: 10, positive: 'no' });
    expect(no.positive).toBe('no');
    expect(trapezoid(no.models[0].roc!.x, no.models[0].roc!.y)).toBeCloseTo(yes.models[0].metrics.roc_auc!, 12);
    expect(no.rows.score![0][0]).toBeCloseTo(1 - yes.rows.score![0][0], 12);
    expect(() => compareScores(models, rows, { maxRows: 10, positive: 'maybe' })).toThrow(/'maybe' is not one of/);
  });

  it('regression: RMSE and MAE by their formulas, no disagreement count', () => {
    const y = Float64Array.from([1, 2, 3, 4, 5]);
    const a = Float64Array.from([1.5, 2, 2.5, 4, 6]);
    const b = Float64Array.from([1, 1, 3, 5, 5]);
    const file = { type: 'knn' as const, task: 'regression' as const, classes: [], decision_threshold: undefined };
    const result = compareScores(
      [
        { node: 'a', runId: 'r', file, out: { prediction: a } },
        { node: 'b', runId: 'r', file, out: { prediction: b } },
      ],
      { target: 'y', y: { task: 'regression', values: y }, index: Int32Array.from([0, 1, 2, 3, 4]), dropped: 0, columns: [], cellsOf: () => [] },
      { maxRows: 100 },
    );
    expect(result.disagreements).toBeNull();
    const rmse = (p: Float64Array) => Math.sqrt(p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / 5);
    expect(result.models[0].metrics.rmse).toBeCloseTo(rmse(a), 12);
    expect(result.models[1].metrics.rmse).toBeCloseTo(rmse(b), 12);
    expect(result.models[1].metrics.mae).toBeCloseTo(2 / 5, 12);
    expect(result.rows.predicted).toEqual([Array.from(a), Array.from(b)]);
    expect(result.models[0].residuals).toHaveLength(5);
  });
});
