// group_encoded: `<column>=<level>` features fold back into `<column>`; sums are exact and keep local accuracy.

import { describe, expect, it } from 'vitest';
import { encodedGroups, singletonGroups, sumGroups } from '../../../../../electron/ml/explain/group-encoded.js';

describe('encodedGroups', () => {
  it('groups one-hot columns by their original column, in order of first appearance', () => {
    const g = encodedGroups(['age', 'color=red', 'color=blue', 'size=S', 'income', 'color=green', 'size=L']);
    expect(g.names).toEqual(['age', 'color', 'size', 'income']);
    expect(g.members).toEqual([[0], [1, 2, 5], [3, 6], [4]]);
    expect(Array.from(g.groupOf)).toEqual([0, 1, 1, 2, 3, 1, 2]);
  });

  it('leaves names alone when the prefix is itself a feature, or there is no prefix', () => {
    const g = encodedGroups(['a', 'a=1', '=x', 'b=2=3', 'b=4']);
    expect(g.names).toEqual(['a', 'a=1', '=x', 'b']);
    expect(g.members).toEqual([[0], [1], [2], [3, 4]]);
    expect(singletonGroups(['p', 'q=1']).names).toEqual(['p', 'q=1']);
  });
});

describe('sumGroups', () => {
  it('sums the members of each group for every output and row', () => {
    const groups = encodedGroups(['c=a', 'x', 'c=b']);
    // 2 outputs × 2 rows × 3 features
    const values = Float64Array.of(1, 2, 3, 4, 5, 6, -1, -2, -3, 0.5, 0, 0.25);
    const summed = sumGroups({ baseValue: Float64Array.of(10, 20), values, nOutputs: 2, nRows: 2, nFeatures: 3 }, groups);
    expect(summed.nFeatures).toBe(2);
    expect(Array.from(summed.values)).toEqual([4, 2, 10, 5, -4, -2, 0.75, 0]);
    expect(Array.from(summed.baseValue)).toEqual([10, 20]);
  });
});
