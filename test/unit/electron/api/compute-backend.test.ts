import { describe, expect, it } from 'vitest';
import { expectedComputeBackend } from '../../../../electron/api/compute-backend.js';

const installed = (names: string[]) => (pkg: string) => {
  if (!names.includes(pkg)) throw new Error(`Cannot find module '${pkg}'`);
  return `/node_modules/${pkg}/index.js`;
};

describe('expected compute backend', () => {
  it('follows the training order: GPU, native CPU, wasm, plain JavaScript', () => {
    expect(expectedComputeBackend(installed(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm']))).toMatch(/^tfjs-node-gpu \(GPU\)/);
    expect(expectedComputeBackend(installed(['@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm']))).toMatch(/^tfjs-node \(CPU\)/);
    expect(expectedComputeBackend(installed(['@tensorflow/tfjs-backend-wasm']))).toMatch(/^wasm \(CPU\)/);
    expect(expectedComputeBackend(installed([]))).toBe('cpu (plain JavaScript)');
  });

  it('reports wasm on this install (the native backends cannot download here)', () => {
    expect(expectedComputeBackend()).toMatch(/^(wasm|tfjs-node)/);
  });
});
