// L-BFGS on functions with known minimizers.

import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../../../../electron/ml/linear/lbfgs.js';

describe('minimizeLbfgs', () => {
  it('finds the Rosenbrock minimum (1, 1) from the classic start (-1.2, 1)', () => {
    const rosen = (x: Float64Array, g: Float64Array) => {
      const [a, b] = x;
      g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
      g[1] = 200 * (b - a * a);
      return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    };
    const r = minimizeLbfgs(rosen, Float64Array.from([-1.2, 1]), { maxIter: 500, gtol: 1e-10, ftol: 0 });
    expect(r.converged).toBe(true);
    expect(r.reason).toBe('gradient');
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
  });

  it('solves an ill-scaled quadratic ½xᵀAx − bᵀx (minimizer A⁻¹b, hand-computed)', () => {
    // A = diag(1, 100, 0.01), b = (1, 2, 3) -> x* = (1, 0.02, 300).
    const diag = [1, 100, 0.01];
    const b = [1, 2, 3];
    const f = (x: Float64Array, g: Float64Array) => {
      let v = 0;
      for (let i = 0; i < 3; i++) {
        g[i] = diag[i] * x[i] - b[i];
        v += 0.5 * diag[i] * x[i] * x[i] - b[i] * x[i];
      }
      return v;
    };
    const r = minimizeLbfgs(f, new Float64Array(3), { maxIter: 200, gtol: 1e-12, ftol: 0 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 10);
    expect(r.x[1]).toBeCloseTo(0.02, 10);
    expect(r.x[2]).toBeCloseTo(300, 8);
  });

  it('stops at maxIter without claiming convergence, and when told to stop', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = 4 * x[0] ** 3;
      return x[0] ** 4;
    };
    const r = minimizeLbfgs(f, Float64Array.from([3]), { maxIter: 2, gtol: 0, ftol: 0 });
    expect(r).toMatchObject({ iterations: 2, converged: false, reason: 'max_iter' });
    const stopped = minimizeLbfgs(f, Float64Array.from([3]), { maxIter: 50, gtol: 0, onIteration: (i) => i === 3 });
    expect(stopped).toMatchObject({ iterations: 3, reason: 'stopped' });
  });

  it('returns at once when the start is already stationary', () => {
    const r = minimizeLbfgs((x, g) => {
      g[0] = 2 * x[0];
      return x[0] * x[0];
    }, Float64Array.from([0]), { maxIter: 10, gtol: 1e-8 });
    expect(r).toMatchObject({ iterations: 0, converged: true, reason: 'gradient', evaluations: 1 });
  });
});
