// SHAP panel data: importance order, waterfall arithmetic, beeswarm stacking and the interaction pick, on hand-made values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colourScale, meanAbsShap, numericColumns, readShap, strongestInteraction, swarmLayout, waterfallSteps } from '../../../../../renderer/panels/explain/shap-data.js';
import { explanationKind, readPdp, readPermutation } from '../../../../../renderer/panels/explain/explain-data.js';

describe('readShap', () => {
  it('reads single-output and multiclass layouts', () => {
    const single = readShap({ method: 'tree', output: 'raw', feature_names: ['a', 'b'], base_value: 1, values: [[1, -2]], rows: [4], data: [[3, 'x']] })!;
    expect(single.values).toEqual([[[1, -2]]]);
    expect(single.base).toEqual([1]);
    const multi = readShap({ method: 'tree', output: 'raw', feature_names: ['a'], base_value: [1, 2], values: [[[1]], [[2]]], classes: ['p', 'q'] })!;
    expect(multi.values.length).toBe(2);
    expect(multi.classes).toEqual(['p', 'q']);
    expect(multi.rows).toEqual([0]);
    expect(readShap({ accuracy: 1 })).toBeNull();
  });
});

describe('meanAbsShap', () => {
  it('averages |value| per feature, largest first', () => {
    const out = meanAbsShap(
      [
        [1, -4, 0],
        [-3, 2, 0.5],
      ],
      ['a', 'b', 'c'],
    );
    expect(out.map((o) => o.feature)).toEqual(['b', 'a', 'c']);
    expect(out.map((o) => o.value)).toEqual([3, 2, 0.25]);
  });
});

describe('waterfallSteps', () => {
  it('chains from the base to base + Σ, largest |SHAP| first, the rest folded into one step', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { maxLength: 30 }), (base, shap) => {
        const contributions = shap.map((s, i) => ({ feature: `f${i}`, value: i, shap: s }));
        const { steps, output } = waterfallSteps(base, contributions, 12);
        expect(steps.length).toBe(Math.min(shap.length, 12));
        expect(output).toBeCloseTo(base + shap.reduce((s, v) => s + v, 0), 9);
        let at = base;
        for (const step of steps) {
          expect(step.start).toBeCloseTo(at, 12);
          at = step.end;
        }
        const shown = shap.length > 12 ? steps.slice(0, 11) : steps;
        for (let i = 1; i < shown.length; i++) expect(Math.abs(shown[i].shap)).toBeLessThanOrEqual(Math.abs(shown[i - 1].shap));
      }),
    );
  });
});

describe('beeswarm', () => {
  it('stacks points of one x column alternately and keeps them within the band', () => {
    const pts = swarmLayout([1, 1, 1, 1, 1], [0, 0, 0, 0, 0], 0, (v) => v * 100, 3, 2);
    expect(pts.map((p) => p.dy).sort((a, b) => a - b)).toEqual([-3, -2, 0, 2, 3]);
    expect(pts.every((p) => p.x === 100)).toBe(true);
  });

  it('scales colours to [0, 1] by the 5th–95th percentile, missing stays missing', () => {
    const c = colourScale(Float64Array.from([...Array.from({ length: 100 }, (_, i) => i), NaN]));
    expect(c[0]).toBe(0);
    expect(c[99]).toBe(1);
    expect(c[50]).toBeGreaterThan(0.4);
    expect(c[100]).toBeNaN();
  });

  it('ranks text levels alphabetically', () => {
    const [col] = numericColumns([['b'], ['a'], [null], ['c']], 1);
    expect(Array.from(col.values)).toEqual([1, 0, NaN, 2]);
    expect(col.levels).toEqual(['a', 'b', 'c']);
  });
});

describe('strongestInteraction', () => {
  it('finds the feature that the SHAP residual follows', () => {
    const n = 200;
    const x = Float64Array.from({ length: n }, (_, i) => i % 10);
    const z = Float64Array.from({ length: n }, (_, i) => ((i * 7) % 13) - 6);
    const noise = Float64Array.from({ length: n }, (_, i) => ((i * 31) % 17) - 8);
    // The effect of x depends on z: an interaction.
    const shap = Array.from(x, (v, i) => v * (1 + 0.5 * Math.sign(z[i])));
    const best = strongestInteraction(shap, [{ values: x }, { values: noise }, { values: z }], 0)!;
    expect(best.feature).toBe(2);
    expect(Math.abs(best.r)).toBeGreaterThan(0.5);
  });
});

describe('other explanations', () => {
  it('tells the explainers apart by shape', () => {
    expect(explanationKind({ feature_names: [], base_value: 0, values: [] })).toBe('shap');
    expect(explanationKind({ metric: 'accuracy', features: [] })).toBe('permutation');
    expect(explanationKind({ output: 'prediction', features: [{ feature: 'a', grid: [1], average: [2] }] })).toBe('pdp');
    expect(explanationKind({ rows: [{ row: 0, weights: [] }] })).toBe('lime');
    expect(explanationKind({ anything: 1 })).toBeNull();
  });

  it('sorts permutation importance and lifts single-output PDP to one output', () => {
    expect(readPermutation({ metric: 'r2', features: [{ feature: 'a', mean: 0.1, std: 0 }, { feature: 'b', mean: 0.3, std: 0.1 }] })!.features.map((f) => f.feature)).toEqual(['b', 'a']);
    const pdp = readPdp({ output: 'prediction', features: [{ feature: 'a', kind: 'numeric', grid: [0, 1], average: [1, 2], ice: [[1, 3]] }] })!;
    expect(pdp.features[0].average).toEqual([[1, 2]]);
    expect(pdp.features[0].ice).toEqual([[[1, 3]]]);
  });
});
