// Interactions panel data on hand-made matrices: reading both layouts, the mean |value| heat map, pair order, the
// strongest partner and the dependence plot's y values.
import { describe, expect, it } from 'vitest';
import { explanationKind } from '../../../../../renderer/panels/explain/explain-data.js';
import { dependenceY, meanAbsMatrix, readInteractions, strongestPartner, topPairs } from '../../../../../renderer/panels/explain/interactions-data.js';

// two rows, three features; row sums: row 0 → [1.5, -0.5, 1], row 1 → [-1, 1, 0]
const R0 = [
  [1, 0.25, 0.25],
  [0.25, -1, 0.25],
  [0.25, 0.25, 0.5],
];
const R1 = [
  [-2, 1, 0],
  [1, 0, 0],
  [0, 0, 0],
];

describe('interactions panel data', () => {
  it('reads binary and multiclass outputs and is told apart from plain SHAP', () => {
    const single = { kind: 'shap_interactions', feature_names: ['a', 'b', 'c'], base_value: 0.5, values: [R0, R1], rows: [3, 9], data: [[1, 2, 3], [4, 5, 6]] };
    expect(explanationKind(single)).toBe('interactions');
    expect(explanationKind({ feature_names: ['a'], base_value: 0, values: [[1]] })).toBe('shap');
    const v = readInteractions(single)!;
    expect(v.values).toEqual([[R0, R1]]);
    expect(v.rows).toEqual([3, 9]);
    const multi = readInteractions({ kind: 'shap_interactions', feature_names: ['a', 'b', 'c'], base_value: [0, 1], values: [[R0], [R1]], classes: ['x', 'y'] })!;
    expect(multi.values.length).toBe(2);
    expect(multi.base).toEqual([0, 1]);
    expect(readInteractions({ kind: 'shap_interactions', feature_names: ['a', 'b'], base_value: 0, values: [R0] })).toBeNull();
  });

  it('averages |values|, orders pairs by |φij + φji| and finds partners', () => {
    const mean = meanAbsMatrix([R0, R1], 3);
    expect(mean[0]).toEqual([1.5, 0.625, 0.125]);
    expect(mean[1][1]).toBe(0.5);
    expect(topPairs(mean)).toEqual([
      { i: 0, j: 1, value: 1.25 },
      { i: 0, j: 2, value: 0.25 },
      { i: 1, j: 2, value: 0.25 },
    ]);
    expect(strongestPartner(mean, 0)).toBe(1);
    expect(strongestPartner(mean, 2)).toBe(0);
    expect(strongestPartner([[1]], 0)).toBeNull();
  });

  it('plots SHAP value (row sum), main effect (diagonal) or the pair\'s interaction', () => {
    expect(Array.from(dependenceY([R0, R1], 0, 1, 'shap'))).toEqual([1.5, -1]);
    expect(Array.from(dependenceY([R0, R1], 0, 1, 'main'))).toEqual([1, -2]);
    expect(Array.from(dependenceY([R0, R1], 0, 1, 'pair'))).toEqual([0.5, 2]);
  });
});
