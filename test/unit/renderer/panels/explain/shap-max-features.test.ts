// The SHAP panels' max-features cut and explained-output wording: the summed "other features" keep every row's
// total (local accuracy survives the cut), the bar of the rest is the sum of the rest's mean |SHAP| (shap's bar
// plot), and the colour legend's range is what the colours span.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseFeatures, colourRange, colourScale, explainedOutput, meanAbsShap } from '../../../../../renderer/panels/explain/shap-data.js';

const matrix = fc.integer({ min: 1, max: 9 }).chain((m) => fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: m, maxLength: m }), { minLength: 1, maxLength: 20 }));

describe('collapseFeatures', () => {
  it('keeps each row total, shows at most max entries, and orders the kept features by importance', () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: 1, max: 12 }), (values, max) => {
        const m = values[0].length;
        const features = Array.from({ length: m }, (_, j) => `f${j}`);
        const order = meanAbsShap(values, features);
        const out = collapseFeatures(values, order, max);
        expect(out.order.length).toBe(Math.min(m, max));
        expect(out.rest).toBe(m > max ? m - max + 1 : 0);
        values.forEach((row, r) => {
          const total = row.reduce((s, v) => s + v, 0);
          expect(out.values[r].reduce((s, v) => s + v, 0)).toBeCloseTo(total, 9);
        });
        const kept = out.rest ? out.order.slice(0, -1) : out.order;
        kept.forEach((f, i) => {
          expect(f).toBe(order[i]);
          expect(out.source[i]).toBe(f.index);
          values.forEach((row, r) => expect(out.values[r][i]).toBe(row[f.index]));
        });
        if (out.rest) {
          const cut = order.slice(max - 1);
          expect(out.order.at(-1)!.feature).toBe(`Sum of ${cut.length} other features`);
          expect(out.order.at(-1)!.value).toBeCloseTo(cut.reduce((s, f) => s + f.value, 0), 12);
          expect(out.source.at(-1)).toBeNull();
        }
      }),
    );
  });
});

describe('colour legend range', () => {
  it('is the 5th–95th percentile the colours span: its ends map to 0 and 1', () => {
    const values = Float64Array.from([...Array.from({ length: 200 }, (_, i) => (i * 37) % 101), NaN]);
    const [lo, hi] = colourRange(values)!;
    const sorted = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
    expect(lo).toBe(sorted[Math.floor(0.05 * (sorted.length - 1))]);
    expect(hi).toBe(sorted[Math.ceil(0.95 * (sorted.length - 1))]);
    const scaled = colourScale(Float64Array.from([lo, hi, (lo + hi) / 2]));
    expect(Array.from(scaled.subarray(0, 2))).toEqual([0, 1]);
    expect(colourRange(Float64Array.from([NaN]))).toBeNull();
  });
});

describe('explainedOutput', () => {
  it('names the class and the space the values add up to', () => {
    expect(explainedOutput({ classes: ['yes'], output: 'probability' }, 0)).toBe('P(yes)');
    expect(explainedOutput({ classes: ['a', 'b', 'c'], output: 'raw' }, 2)).toBe('raw output (margin) for c');
    expect(explainedOutput({ classes: [], output: 'raw' }, 0)).toBe('model output');
  });
});
