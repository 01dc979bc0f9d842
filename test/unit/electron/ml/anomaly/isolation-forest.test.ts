// Isolation Forest: c(n) closed forms, ranks against scikit-learn's score_samples on a fixture (Spearman
// ≥ 0.95, same flagged rows for contamination), determinism per seed, and sklearn's max_samples rules.
import { describe, expect, it } from 'vitest';
import { averagePathLength, fitIsolationForest, resolveMaxSamples, scoreSamples } from '../../../../../electron/ml/anomaly/isolation-forest.js';
import { monitorFixture, sample, type SampleSpec } from '../stats/samples.js';

interface Fixture {
  inlier: SampleSpec[];
  outlier: SampleSpec[];
  score_samples: number[];
  offset_004: number;
  predict_auto: number[];
  predict_004: number[];
}
const fixture = monitorFixture<Fixture>('anomaly.json');
const columns = fixture.inlier.map((spec, j) => Float64Array.from([...sample(spec), ...sample(fixture.outlier[j])]));
const n = columns[0].length;

function ranks(values: ArrayLike<number>): Float64Array {
  const order = Array.from(values, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const r = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (ra.length - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < ra.length; i++) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) ** 2;
    sbb += (rb[i] - mean) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('averagePathLength', () => {
  it('is 0, 1, then 2 H(n−1) − 2(n−1)/n with H(i) ≈ ln i + γ', () => {
    expect([averagePathLength(0), averagePathLength(1), averagePathLength(2)]).toEqual([0, 0, 1]);
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256, 14);
  });
});

describe('resolveMaxSamples', () => {
  it("follows sklearn: 'auto' = min(256, n), integers capped at n, fractions of n", () => {
    expect([resolveMaxSamples('auto', 1000), resolveMaxSamples('auto', 100), resolveMaxSamples(500, 300), resolveMaxSamples(0.5, 300)]).toEqual([256, 100, 300, 150]);
  });
});

describe('fitIsolationForest / scoreSamples', () => {
  const params = { nEstimators: 100, maxSamples: 'auto' as const, contamination: 'auto' as const, seed: 0 };
  const forest = fitIsolationForest(columns, n, params);
  const scores = scoreSamples(forest, columns, n);

  it("ranks rows like scikit-learn's score_samples (Spearman ≥ 0.95) with scores in [−1, 0)", () => {
    const rho = spearman(scores, fixture.score_samples);
    console.log(`Spearman correlation with sklearn: ${rho.toFixed(4)}`);
    expect(rho).toBeGreaterThanOrEqual(0.95);
    expect(Math.max(...scores)).toBeLessThan(0);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(-1);
    // the 20 scattered rows are the 20 lowest scores in both
    const lowest = (s: ArrayLike<number>) => new Set(Array.from(s, (v, i) => [v, i]).sort((a, b) => a[0] - b[0]).slice(0, 20).map(([, i]) => i));
    const ours = lowest(scores);
    const overlap = [...lowest(fixture.score_samples)].filter((i) => ours.has(i)).length;
    expect(overlap).toBeGreaterThanOrEqual(18);
  });

  it('flags about the rows sklearn flags, for contamination auto and 0.04', () => {
    const agree = (flags: boolean[], predict: number[]) => flags.filter((f, i) => f === (predict[i] === -1)).length / flags.length;
    expect(agree(Array.from(scores, (s) => s < forest.offset), fixture.predict_auto)).toBeGreaterThanOrEqual(0.97);
    const shared = fitIsolationForest(columns, n, { ...params, contamination: 0.04 });
    const flagged = Array.from(scoreSamples(shared, columns, n), (s) => s < shared.offset);
    // the offset is the 4th percentile of the training scores: 20 of 500 rows fall below it
    expect(flagged.filter(Boolean)).toHaveLength(20);
    expect(agree(flagged, fixture.predict_004)).toBeGreaterThanOrEqual(0.97);
    expect(shared.offset).toBeCloseTo(fixture.offset_004, 1);
  });

  it('is the same for the same seed and differs for another', () => {
    const again = scoreSamples(fitIsolationForest(columns, n, params), columns, n);
    expect(again).toEqual(scores);
    const other = scoreSamples(fitIsolationForest(columns, n, { ...params, seed: 1 }), columns, n);
    expect(other).not.toEqual(scores);
  });

  it('reads missing values as the training median and ignores constant features', () => {
    const withConstant = [...columns, new Float64Array(n).fill(3)];
    const s = scoreSamples(fitIsolationForest(withConstant, n, params), withConstant, n);
    expect(spearman(s, scores)).toBeGreaterThan(0.95);
    const holes = columns.map((c) => c.map((x, i) => (i === 7 ? Number.NaN : x)));
    const f = fitIsolationForest(holes, n, params);
    const row7 = scoreSamples(f, holes.map((c) => c.subarray(7, 8)), 1)[0];
    const atMedian = scoreSamples(f, Array.from(f.fill, (m) => Float64Array.of(m)), 1)[0];
    expect(row7).toBe(atMedian);
  });

  it('gives one point score −0.5 when every tree has a single row (sklearn divides by c(1) = 0 as 1)', () => {
    const one = [Float64Array.of(4)];
    expect(Array.from(scoreSamples(fitIsolationForest(one, 1, params), one, 1))).toEqual([-0.5]);
  });
});
