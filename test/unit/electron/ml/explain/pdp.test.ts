// PDP / ICE: grids equal scikit-learn's _grid_from_X (reference file), a known function gives its closed-form
// partial dependence, ICE curves are per-row predictions, categorical and one-hot axes set the right columns.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoricalAxis, mquantile, numericAxis, oneHotAxis, partialDependence } from '../../../../../electron/ml/explain/pdp.js';
import { matrixOf, normalColumns, rowModel } from '../../../../fixtures/ml/explain/models.js';

interface Reference {
  grids: { values: number[]; resolution: number; percentiles: [number, number]; grid: number[] }[];
  mquantiles: { values: number[]; p: number; q: number }[];
}
const reference = JSON.parse(readFileSync(new URL('../../../../fixtures/ml/explain/reference.json', import.meta.url), 'utf8')) as Reference;

describe('pdp grid', () => {
  it('mquantile equals scipy mquantiles (alphap = betap = 0.4)', () => {
    for (const c of reference.mquantiles) expect(mquantile(c.values, c.p)).toBeCloseTo(c.q, 12);
  });

  it('numeric axes equal scikit-learn grids', () => {
    for (const c of reference.grids) {
      const axis = numericAxis(Float64Array.from(c.values), 0, c.resolution, c.percentiles);
      expect(axis.labels.length).toBe(c.grid.length);
      axis.labels.forEach((v, i) => expect(v as number).toBeCloseTo(c.grid[i], 12));
    }
  });

  it('spans min..max where the percentiles coincide, and ignores missing values', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => (i < 195 ? 0 : i === 199 ? NaN : i));
    const axis = numericAxis(values, 0, 3, [0.05, 0.95]);
    expect(axis.labels).toEqual([0, 99, 198]);
  });
});

describe('partialDependence', () => {
  const columns = normalColumns(4, 3, 150);
  const X = matrixOf(columns);
  const f = (x: Float64Array) => [2 * x[0] + x[1] * x[1] + x[2], x[0] * x[1]];
  const model = rowModel(2, f);

  it('PDP of f = 2·x0 + x1² + x2 is linear in x0 with slope 2 and equals the closed form', () => {
    const axis = numericAxis(columns[0], 0, 100, [0.05, 0.95]);
    const pd = partialDependence(model, X, axis, [3, 7]);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const rest = mean(Float64Array.from(columns[1], (v) => v * v)) + mean(columns[2]);
    const meanX1 = mean(columns[1]);
    axis.labels.forEach((v, g) => {
      expect(pd.average[g]).toBeCloseTo(2 * (v as number) + rest, 10);
      expect(pd.average[pd.nPoints + g]).toBeCloseTo((v as number) * meanX1, 10);
      // ICE: the rows' own predictions with x0 set to the grid value.
      [3, 7].forEach((row, i) => {
        const x = Float64Array.of(v as number, columns[1][row], columns[2][row]);
        expect(pd.ice[i * pd.nPoints + g]).toBeCloseTo(f(x)[0], 12);
        expect(pd.ice[(2 + i) * pd.nPoints + g]).toBeCloseTo(f(x)[1], 12);
      });
    });
    const slope = (pd.average[99] - pd.average[0]) / ((axis.labels[99] as number) - (axis.labels[0] as number));
    expect(slope).toBeCloseTo(2, 10);
  });

  it('PDP of x1 is the parabola x1² plus a constant', () => {
    const axis = numericAxis(columns[1], 1, 20, [0.05, 0.95]);
    const pd = partialDependence(model, X, axis);
    const offset = pd.average[0] - (axis.labels[0] as number) ** 2;
    axis.labels.forEach((v, g) => expect(pd.average[g] - (v as number) ** 2).toBeCloseTo(offset, 10));
    expect(pd.ice.length).toBe(0);
  });

  it('categorical and one-hot axes set codes, or one column to 1 and the rest of the group to 0', () => {
    const cat = categoricalAxis(2, ['a', 'b', 'c']);
    expect(cat.labels).toEqual(['a', 'b', 'c']);
    const pdCat = partialDependence(rowModel(1, (x) => [10 * x[2]]), X, cat);
    expect(Array.from(pdCat.average)).toEqual([0, 10, 20]);
    const hot = oneHotAxis([0, 2], ['red', 'blue'], 'other');
    expect(hot.labels).toEqual(['red', 'blue', 'other']);
    const pdHot = partialDependence(rowModel(1, (x) => [x[0] + 2 * x[2] + 0 * x[1]]), X, hot);
    expect(Array.from(pdHot.average)).toEqual([1, 2, 0]);
  });
});
