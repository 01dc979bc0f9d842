// Interventional TreeSHAP in probability space: shap's model_output="probability" (tree_shap.h dense_independent:
// each background row's margin values rescaled by (σ(f(x)) − σ(f(b))) / (f(x) − f(b))), local accuracy against
// σ of the margins, and identity-link (forest) models unchanged.

import { describe, expect, it } from 'vitest';
import { interventionalTreeShap } from '../../../../../electron/ml/explain/tree-shap-interventional.js';
import { ensembleMargin } from '../../../../../electron/ml/xgboost/margin.js';
import type { TreeEnsemble } from '../../../../../electron/ml/tree/types.js';
import { randomColumns, randomEnsemble, seededRandom } from './random-ensemble.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function logisticEnsemble(seed: number): TreeEnsemble {
  const random = seededRandom(seed);
  const ensemble = randomEnsemble(random, { nFeatures: 5, nTrees: 8, maxDepth: 5 });
  return { ...ensemble, link: 'logistic', baseMargin: Float64Array.of(-0.3) };
}

describe('interventionalTreeShap with output: probability', () => {
  it('sums to the predicted probability minus the mean probability over the background (base value)', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const ensemble = logisticEnsemble(seed * 7919);
      const random = seededRandom(seed);
      const columns = randomColumns(random, 5, 12);
      const background = randomColumns(random, 5, 9);
      const res = interventionalTreeShap(ensemble, columns, background, { output: 'probability' });
      const bgMargin = ensembleMargin(ensemble, background);
      const base = Array.from(bgMargin).reduce((s, m) => s + sigmoid(m), 0) / bgMargin.length;
      expect(res.baseValue[0]).toBeCloseTo(base, 12);
      const margin = ensembleMargin(ensemble, columns);
      for (let r = 0; r < 12; r++) {
        let sum = res.baseValue[0];
        for (let j = 0; j < 5; j++) sum += res.values[r * 5 + j];
        expect(Math.abs(sum - sigmoid(margin[r]))).toBeLessThan(1e-12);
      }
    }
  });

  it('with one background row, is the margin values times the secant of σ (shap dense_independent)', () => {
    const ensemble = logisticEnsemble(31);
    const random = seededRandom(5);
    const columns = randomColumns(random, 5, 6, 0);
    const background = randomColumns(random, 5, 1, 0);
    const raw = interventionalTreeShap(ensemble, columns, background);
    const probability = interventionalTreeShap(ensemble, columns, background, { output: 'probability' });
    const fb = ensembleMargin(ensemble, background)[0];
    const fx = ensembleMargin(ensemble, columns);
    for (let r = 0; r < 6; r++) {
      const factor = fx[r] === fb ? 1 : (sigmoid(fx[r]) - sigmoid(fb)) / (fx[r] - fb);
      for (let j = 0; j < 5; j++) expect(probability.values[r * 5 + j]).toBeCloseTo(raw.values[r * 5 + j] * factor, 12);
    }
  });

  it('gives a feature that alone differs from the background the whole change in probability', () => {
    const ensemble = logisticEnsemble(97);
    const random = seededRandom(8);
    const background = randomColumns(random, 5, 1, 0);
    const x = background.map((c) => Float64Array.from(c));
    x[2][0] = x[2][0] + 1.7;
    const res = interventionalTreeShap(ensemble, x, background, { output: 'probability' });
    const change = sigmoid(ensembleMargin(ensemble, x)[0]) - sigmoid(ensembleMargin(ensemble, background)[0]);
    expect(res.values[2]).toBeCloseTo(change, 12);
    for (const j of [0, 1, 3, 4]) expect(res.values[j]).toBe(0);
  });

  it('leaves identity-link (forest) ensembles as they are: their margins are the probabilities', () => {
    const random = seededRandom(13);
    const ensemble = randomEnsemble(random, { nFeatures: 4, nTrees: 6, maxDepth: 4, nValues: 2, aggregation: 'mean' });
    const columns = randomColumns(random, 4, 5);
    const background = randomColumns(random, 4, 7);
    const raw = interventionalTreeShap(ensemble, columns, background);
    const probability = interventionalTreeShap(ensemble, columns, background, { output: 'probability' });
    expect(Array.from(probability.values)).toEqual(Array.from(raw.values));
    expect(Array.from(probability.baseValue)).toEqual(Array.from(raw.baseValue));
  });

  it('refuses a softmax model (its probabilities are not per-output functions of the margins)', () => {
    const random = seededRandom(3);
    const ensemble = { ...randomEnsemble(random, { nFeatures: 3, nTrees: 6, maxDepth: 3, nOutputs: 3 }), link: 'softmax' as const };
    const columns = randomColumns(random, 3, 2);
    expect(() => interventionalTreeShap(ensemble, columns, columns, { output: 'probability' })).toThrow(/softmax/);
  });
});
