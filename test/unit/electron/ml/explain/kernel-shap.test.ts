// KernelSHAP against brute-force interventional Shapley values (exact when every coalition fits the budget,
// close when sampled), against closed forms for M = 20, and shap's coalition budget and weights.

import { describe, expect, it } from 'vitest';
import { coalitionBudget, shapleyCoalitions } from '../../../../../electron/ml/explain/kernel-shap-coalitions.js';
import { kernelShap, type KernelShapResult } from '../../../../../electron/ml/explain/kernel-shap.js';
import { Random } from '../../../../../electron/ml/random.js';
import { bruteForceShapley, interacting, matrixOf, normalColumns, rowModel, type RowFunction } from '../../../../fixtures/ml/explain/models.js';

const at = (res: KernelShapResult, k: number, r: number, j: number) => res.values[(k * res.nRows + r) * res.nFeatures + j];
const rowOf = (columns: Float64Array[], i: number) => Float64Array.from(columns, (c) => c[i]);

function expectLocalAccuracy(f: RowFunction, res: KernelShapResult, columns: Float64Array[]) {
  for (let r = 0; r < res.nRows; r++) {
    const fx = f(rowOf(columns, r));
    for (let k = 0; k < res.nOutputs; k++) {
      let sum = res.baseValue[k];
      for (let j = 0; j < res.nFeatures; j++) sum += at(res, k, r, j);
      expect(Math.abs(sum - fx[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(fx[k])));
    }
  }
}

describe('shap coalition budget', () => {
  it('auto is 2M + 2048 capped at 2^M − 2', () => {
    expect(coalitionBudget(3, 'auto')).toBe(6);
    expect(coalitionBudget(11, 'auto')).toBe(2046);
    expect(coalitionBudget(12, 'auto')).toBe(2072);
    expect(coalitionBudget(40, 'auto')).toBe(2128);
    expect(coalitionBudget(10, 300)).toBe(300);
  });

  it('enumerates every proper coalition once, with Shapley kernel weights, when the budget allows', () => {
    for (const m of [2, 3, 4, 7, 10]) {
      const c = shapleyCoalitions(m, 2 ** m - 2, new Random(1));
      expect(c.complete).toBe(true);
      expect(c.count).toBe(2 ** m - 2);
      const seen = new Set<string>();
      const choose = (n: number, s: number) => {
        let r = 1;
        for (let i = 1; i <= s; i++) r = (r * (n - s + i)) / i;
        return r;
      };
      let norm = 0;
      for (let s = 1; s < m; s++) norm += choose(m, s) * ((m - 1) / (choose(m, s) * s * (m - s)));
      let total = 0;
      for (let i = 0; i < c.count; i++) {
        const mask = c.masks.subarray(i * m, (i + 1) * m);
        const s = mask.reduce((a, b) => a + b, 0);
        expect(s).toBeGreaterThan(0);
        expect(s).toBeLessThan(m);
        seen.add(mask.join(''));
        // The Shapley kernel (M − 1) / (C(M, s) s (M − s)), normalized over all proper coalitions.
        expect(c.weights[i]).toBeCloseTo((m - 1) / (choose(m, s) * s * (m - s)) / norm, 12);
        total += c.weights[i];
      }
      expect(seen.size).toBe(c.count);
      expect(total).toBeCloseTo(1, 12);
    }
  });

  it('samples pairs (a coalition and its complement) beyond the enumerated sizes', () => {
    const m = 10;
    const c = shapleyCoalitions(m, 500, new Random(3));
    expect(c.complete).toBe(false);
    expect(c.count).toBe(500);
    // Kernel shares of sizes 1..5 (paired sizes doubled) are .393 .221 .168 .147 .071. Sizes 1 and 2 with their
    // complements (110 coalitions) fit the budget; size 3 would need 240 of the 390 left at share .436 (0.71 per
    // subset < 1), so the rest are drawn from sizes 3..5, each paired draw followed by its complement.
    const sizes = Array.from({ length: c.count }, (_, i) => c.masks.subarray(i * m, (i + 1) * m).reduce((a, b) => a + b, 0));
    expect(sizes.slice(0, 110).every((s) => s <= 2 || s >= 8)).toBe(true);
    expect(sizes.slice(110).every((s) => s >= 3 && s <= 7)).toBe(true);
    for (let i = 110; i < c.count - 1; ) {
      expect(sizes[i]).toBeLessThanOrEqual(5);
      if (sizes[i] === 5) {
        i += 1;
        continue;
      }
      for (let j = 0; j < m; j++) expect(c.masks[(i + 1) * m + j]).toBe(1 - c.masks[i * m + j]);
      i += 2;
    }
    expect(c.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('kernelShap', () => {
  it('equals the brute-force oracle within 1e-6 when all coalitions are enumerated (M = 2..12, weighted background)', () => {
    for (const m of [2, 3, 5, 8, 11, 12]) {
      const columns = normalColumns(m, m, 4);
      const background = normalColumns(100 + m, m, 5);
      const weights = Float64Array.of(1, 3, 0.5, 2, 1);
      const model = rowModel(2, interacting);
      // auto (2M + 2048) covers all 2^M − 2 coalitions up to M = 11; M = 12 needs 4094.
      const res = kernelShap(model, matrixOf(columns), { columns: background, weights }, { seed: 1, nsamples: m === 12 ? 4094 : 'auto' });
      expect(res.exact.every(Boolean)).toBe(true);
      for (let r = 0; r < res.nRows; r++) {
        for (let k = 0; k < 2; k++) {
          const oracle = bruteForceShapley(interacting, rowOf(columns, r), background, k, weights);
          expect(Math.abs(res.baseValue[k] - oracle.base)).toBeLessThan(1e-9);
          for (let j = 0; j < m; j++) expect(Math.abs(at(res, k, r, j) - oracle.phi[j])).toBeLessThan(1e-6);
        }
      }
      expectLocalAccuracy(interacting, res, columns);
    }
  });

  it('sampled mode (M = 12, auto = 2072 of 4094 coalitions) stays within 1% of the largest oracle value', () => {
    const m = 12;
    // Additive plus a few interactions, and a logistic output of the whole sum (interactions of every order).
    const f: RowFunction = (x) => {
      let a = 0;
      for (let j = 0; j < m; j++) a += ((j % 5) - 2 + 0.1 * j) * x[j];
      return [a + 0.5 * Math.sin(x[0]) * x[1] + 0.3 * x[2] * x[3] * x[4], 1 / (1 + Math.exp(-0.3 * a))];
    };
    for (const seed of [1, 2]) {
      const columns = normalColumns(seed, m, 5);
      const background = normalColumns(seed + 50, m, 8);
      const res = kernelShap(rowModel(2, f), matrixOf(columns), { columns: background }, { seed: 2 });
      expect(res.exact.some(Boolean)).toBe(false);
      for (let r = 0; r < res.nRows; r++) {
        for (let k = 0; k < 2; k++) {
          const oracle = bruteForceShapley(f, rowOf(columns, r), background, k);
          const scale = Math.max(...Array.from(oracle.phi, Math.abs));
          for (let j = 0; j < m; j++) expect(Math.abs(at(res, k, r, j) - oracle.phi[j])).toBeLessThan(0.01 * scale);
        }
      }
      expectLocalAccuracy(f, res, columns);
    }
  });

  it('sampling error shrinks when estimates from independent seeds are averaged (no bias)', () => {
    const m = 10;
    const columns = normalColumns(5, m, 1);
    const background = normalColumns(6, m, 8);
    const oracle = bruteForceShapley(interacting, rowOf(columns, 0), background, 0);
    const scale = Math.max(...Array.from(oracle.phi, Math.abs));
    const mean = new Float64Array(m);
    const seeds = 40;
    let worstSingle = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const res = kernelShap(rowModel(2, interacting), matrixOf(columns), { columns: background }, { nsamples: 600, seed });
      for (let j = 0; j < m; j++) {
        mean[j] += res.values[j] / seeds;
        worstSingle = Math.max(worstSingle, Math.abs(res.values[j] - oracle.phi[j]) / scale);
      }
    }
    const worstMean = Math.max(...Array.from(mean, (v, j) => Math.abs(v - oracle.phi[j]) / scale));
    expect(worstSingle).toBeGreaterThan(0);
    expect(worstMean).toBeLessThan(0.002);
    expect(worstMean).toBeLessThan(worstSingle / 3);
  });

  it('matches closed-form Shapley values of an additive model with pairwise products for M = 20 (sampled)', () => {
    const m = 20;
    const a = Array.from({ length: m }, (_, j) => ((j * 7) % 5) - 2 + 0.25 * j);
    // f = Σ a_j x_j + x0 x1 − 0.5 x2 x3: for a product x_p x_q the interventional game has the closed form
    // φ_p = ½(x_p E[b_q] − E[b_p b_q]) + ½(x_p x_q − E[b_p] x_q), likewise for q.
    const f: RowFunction = (x) => {
      let s = 0;
      for (let j = 0; j < m; j++) s += a[j] * x[j];
      return [s + x[0] * x[1] - 0.5 * x[2] * x[3]];
    };
    const columns = normalColumns(11, m, 3);
    const background = normalColumns(12, m, 10);
    const res = kernelShap(rowModel(1, f), matrixOf(columns), { columns: background }, { seed: 5 });
    const mean = (j: number) => background[j].reduce((s, v) => s + v, 0) / 10;
    const meanProduct = (p: number, q: number) => background[p].reduce((s, v, i) => s + v * background[q][i], 0) / 10;
    for (let r = 0; r < 3; r++) {
      const x = rowOf(columns, r);
      const phi = Array.from({ length: m }, (_, j) => a[j] * (x[j] - mean(j)));
      const product = (p: number, q: number, c: number) => {
        phi[p] += c * 0.5 * (x[p] * mean(q) - meanProduct(p, q) + x[p] * x[q] - mean(p) * x[q]);
        phi[q] += c * 0.5 * (x[q] * mean(p) - meanProduct(p, q) + x[p] * x[q] - x[p] * mean(q));
      };
      product(0, 1, 1);
      product(2, 3, -0.5);
      const scale = Math.max(...phi.map(Math.abs));
      for (let j = 0; j < m; j++) expect(Math.abs(at(res, 0, r, j) - phi[j])).toBeLessThan(0.01 * scale);
    }
    expectLocalAccuracy(f, res, columns);
  });

  it('gives dummy features exactly 0 and a single varying feature all of f(x) − E[f]', () => {
    const f: RowFunction = (x) => [x[0] * x[1] + 3 * x[2]];
    const background = [Float64Array.of(1, 2, 3), Float64Array.of(5, 5, 5), Float64Array.of(4, 0, 1)];
    const columns = [Float64Array.of(1, 2), Float64Array.of(5, 5), Float64Array.of(2, 2)];
    const res = kernelShap(rowModel(1, f), matrixOf(columns), { columns: background }, {});
    for (let r = 0; r < 2; r++) {
      expect(at(res, 0, r, 1)).toBe(0);
      const oracle = bruteForceShapley(f, rowOf(columns, r), background, 0);
      for (let j = 0; j < 3; j++) expect(at(res, 0, r, j)).toBeCloseTo(oracle.phi[j], 9);
    }
    // Row with only feature 0 different from a constant background.
    const single = kernelShap(rowModel(1, f), matrixOf([Float64Array.of(4), Float64Array.of(5), Float64Array.of(2)]), {
      columns: [Float64Array.of(1, 1), Float64Array.of(5, 5), Float64Array.of(2, 2)],
    });
    expect(Array.from(single.values)).toEqual([15, 0, 0]);
  });

  it('is reproducible for a seed and explains a subset of rows like the whole', () => {
    const m = 14;
    const columns = normalColumns(21, m, 4);
    const background = normalColumns(22, m, 6);
    const model = rowModel(2, interacting);
    const all = kernelShap(model, matrixOf(columns), { columns: background }, { seed: 9, nsamples: 300 });
    const again = kernelShap(model, matrixOf(columns), { columns: background }, { seed: 9, nsamples: 300 });
    expect(Array.from(again.values)).toEqual(Array.from(all.values));
    const part = kernelShap(model, matrixOf(columns), { columns: background }, { seed: 9, nsamples: 300, rows: [2, 3] });
    for (let k = 0; k < 2; k++) for (let r = 0; r < 2; r++) for (let j = 0; j < m; j++) expect(at(part, k, r, j)).toBe(at(all, k, r + 2, j));
  });
});
