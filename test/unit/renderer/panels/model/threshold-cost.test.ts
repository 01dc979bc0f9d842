// Threshold and cost from ROC data against a brute-force scan of every threshold on the raw scores: the counts at
// each ROC point, and the minimum cost and where it is reached, for random scores, labels and costs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocCurve } from '../../../../../electron/ml/metrics/roc.js';
import { costOptimalIndex, pointAt, readThresholdData, thresholdPoints, type ThresholdData } from '../../../../../renderer/panels/model/threshold-cost.js';

function dataOf(labels: number[], scores: number[]): ThresholdData | null {
  const roc = rocCurve(Uint8Array.from(labels), scores);
  if (!roc) return null;
  const P = labels.filter((y) => y === 1).length;
  const N = labels.length - P;
  return readThresholdData({ roc, confusion_matrix: { labels: ['no', 'yes'], matrix: [[N, 0], [0, P]] } });
}

/** Counts of predicting positive when score ≥ t, by looking at every row. */
function brute(labels: number[], scores: number[], t: number) {
  let tp = 0;
  let fp = 0;
  labels.forEach((y, i) => {
    if (scores[i] >= t) {
      if (y) tp++;
      else fp++;
    }
  });
  const P = labels.filter((y) => y === 1).length;
  return { tp, fp, fn: P - tp, tn: labels.length - P - fp };
}

describe('threshold and cost', () => {
  it('counts at every ROC threshold and the cost-optimal threshold equal a brute-force scan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 20 })), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (rows, costFp, costFn) => {
          const labels = rows.map((r) => r[0]);
          const scores = rows.map((r) => r[1] / 20);
          const data = dataOf(labels, scores);
          if (!data) return;
          const points = thresholdPoints(data, costFp, costFn);
          points.forEach((p) => expect({ tp: p.tp, fp: p.fp, fn: p.fn, tn: p.tn }).toEqual(brute(labels, scores, p.threshold)));
          // every distinct score, and above the highest (nothing positive)
          const candidates = [...new Set(scores), Math.max(...scores) + 1];
          const costs = candidates.map((t) => {
            const c = brute(labels, scores, t);
            return costFp * c.fp + costFn * c.fn;
          });
          const best = points[costOptimalIndex(points)];
          expect(best.cost).toBe(Math.min(...costs));
          const c = brute(labels, scores, best.threshold);
          expect(costFp * c.fp + costFn * c.fn).toBe(best.cost);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('precision, recall, F1 by hand; the point used for a slider value; non-binary metrics are refused', () => {
    const data = dataOf([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.1, 0.8])!;
    const points = thresholdPoints(data, 1, 5);
    const at = points[pointAt(data, 0.5)];
    // score ≥ 0.6: rows 0.9 (yes), 0.8 (yes), 0.6 (no) → TP 2, FP 1, FN 1
    expect([at.tp, at.fp, at.fn, at.tn]).toEqual([2, 1, 1, 1]);
    expect(at.precision).toBeCloseTo(2 / 3, 14);
    expect(at.recall).toBeCloseTo(2 / 3, 14);
    expect(at.f1).toBeCloseTo(4 / 6, 14);
    expect(at.cost).toBe(1 + 5);
    expect(points[0].precision).toBeNull();
    expect(readThresholdData({ accuracy: 1, confusion_matrix: { labels: ['a', 'b', 'c'], matrix: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] } })).toBeNull();
  });
});
