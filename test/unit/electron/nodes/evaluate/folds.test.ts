// Fold assignment: scikit-learn's exact folds without shuffling (fixtures from generate.py), and for shuffled folds
// the invariants: a partition, KFold sizes, every class spread as evenly as StratifiedKFold spreads it, seeded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignFolds } from '../../../../../electron/nodes/evaluate/folds.js';

interface FoldCase {
  kind: 'kfold' | 'stratified';
  name?: string;
  n?: number;
  k: number;
  y?: number[];
  fold: number[];
}
const { cases } = JSON.parse(readFileSync(new URL('../../../../fixtures/evaluate/folds.json', import.meta.url), 'utf8')) as { cases: FoldCase[] };

function sizes(fold: Int32Array, k: number, rows: (i: number) => boolean = () => true): number[] {
  const out = new Array<number>(k).fill(0);
  fold.forEach((f, i) => {
    if (rows(i)) out[f]++;
  });
  return out;
}

describe('fold assignment', () => {
  it.each(cases.map((c) => [c.name ?? `${c.kind} n=${c.n} k=${c.k}`, c] as const))('matches scikit-learn without shuffling: %s', (_name, c) => {
    const n = c.y ? c.y.length : c.n!;
    const { fold } = assignFolds(n, c.k, { classes: c.y ? Int32Array.from(c.y) : null, shuffle: false, seed: 0 });
    expect(Array.from(fold)).toEqual(c.fold);
  });

  it('shuffled k-fold is a seeded partition with KFold sizes', () => {
    const a = assignFolds(103, 5, { classes: null, shuffle: true, seed: 7 }).fold;
    expect(sizes(a, 5)).toEqual([21, 21, 21, 20, 20]);
    expect(a).toEqual(assignFolds(103, 5, { classes: null, shuffle: true, seed: 7 }).fold);
    expect(a).not.toEqual(assignFolds(103, 5, { classes: null, shuffle: true, seed: 8 }).fold);
    expect(a).not.toEqual(assignFolds(103, 5, { classes: null, shuffle: false, seed: 7 }).fold);
  });

  it('shuffled stratified folds give each class the same per-fold counts as unshuffled ones', () => {
    const classes = Int32Array.from({ length: 97 }, (_, i) => (i * 7) % 3 === 0 ? 0 : i % 5 === 0 ? 2 : 1);
    const plain = assignFolds(97, 4, { classes, shuffle: false, seed: 0 }).fold;
    const shuffled = assignFolds(97, 4, { classes, shuffle: true, seed: 3 }).fold;
    expect(shuffled).not.toEqual(plain);
    for (let c = 0; c < 3; c++) {
      const perFold = sizes(shuffled, 4, (i) => classes[i] === c);
      expect(perFold).toEqual(sizes(plain, 4, (i) => classes[i] === c));
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it('warns about a class smaller than the number of folds and refuses impossible fold counts', () => {
    expect(assignFolds(20, 3, { classes: Int32Array.from({ length: 20 }, (_, i) => (i < 2 ? 1 : 0)), shuffle: false, seed: 0 }).warning).toMatch(/only 2 rows/);
    expect(() => assignFolds(4, 5, { classes: null, shuffle: false, seed: 0 })).toThrow(/more than the 4 rows/);
    expect(() => assignFolds(6, 3, { classes: Int32Array.from([0, 0, 1, 1, 2, 2]), shuffle: false, seed: 0 })).toThrow(/every class/);
  });
});
