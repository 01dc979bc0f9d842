// The boosting histogram kernel against a direct per-row count, for every variant (all rows or a row subset,
// with hessians or unit hessians, features in blocks of four plus a remainder).

import { describe, expect, it } from 'vitest';
import { Random } from '../../../../../electron/ml/random.js';
import { addToHistogram, HIST_BINS, HIST_STRIDE } from '../../../../../electron/ml/tree/gradient-histogram.js';

describe('addToHistogram', () => {
  const n = 500;
  const F = 6;
  const r = new Random(1);
  const columns = Array.from({ length: F }, (_, f) => Uint8Array.from({ length: n }, () => (f === 5 ? 255 * r.int(2) : r.int(256))));
  const g = Float64Array.from({ length: n }, () => r.normal());
  const h = Float64Array.from({ length: n }, () => r.uniform());
  const rows = Int32Array.from({ length: 200 }, (_, i) => (i * 37) % n).sort();

  function direct(rowList: number[], withHessian: boolean): Float64Array {
    const hist = new Float64Array(F * HIST_BINS * HIST_STRIDE);
    for (const row of rowList) {
      for (let f = 0; f < F; f++) {
        const o = (f * HIST_BINS + columns[f][row]) * HIST_STRIDE;
        hist[o] += g[row];
        hist[o + 1] += withHessian ? h[row] : 1;
        hist[o + 2] += 1;
      }
    }
    return hist;
  }

  it.each([true, false])('all rows (hessians given: %s)', (withHessian) => {
    const hist = new Float64Array(F * HIST_BINS * HIST_STRIDE);
    addToHistogram(hist, columns, null, 0, n, g, withHessian ? h : null);
    const expected = direct(Array.from({ length: n }, (_, i) => i), withHessian);
    hist.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
  });

  it.each([true, false])('a row subset with gathered gradients (hessians given: %s)', (withHessian) => {
    const start = 50;
    const count = 120;
    const padded = new Int32Array(300);
    padded.set(rows.subarray(0, count), start);
    const og = Float64Array.from({ length: count }, (_, i) => g[padded[start + i]]);
    const oh = Float64Array.from({ length: count }, (_, i) => h[padded[start + i]]);
    const hist = new Float64Array(F * HIST_BINS * HIST_STRIDE);
    addToHistogram(hist, columns, padded, start, count, og, withHessian ? oh : null);
    const expected = direct(Array.from(rows.subarray(0, count)), withHessian);
    hist.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
  });
});
