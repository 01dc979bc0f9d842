// The onnxruntime seam: one session per model per thread (the same promise for the same model, one for equal
// bytes held by another object), feeds built per input type, and a clean one-line error for bytes it cannot load.
import { describe, expect, it } from 'vitest';
import { OnnxGraph } from '../../../../../electron/ml/onnx/graph.js';
import { cachedSession, openSession, runOnnx } from '../../../../../electron/ml/onnx/runtime.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';

/** y = 2·a − b + (c as a number), with a, b one [N, 2] float input and c an int64 input. */
function graphBytes(): Uint8Array {
  const g = new OnnxGraph('t');
  const ab = g.input('ab', 'float', ['N', 2]);
  const c = g.input('c', 'int64', ['N', 1]);
  const y = g.op('Add', [g.op('MatMul', [ab, g.constant('float', [2, 1], [2, -1])]), g.op('Cast', [c], { to: { i: 1 } })]);
  g.output('y', y, 'float', ['N', 1]);
  return g.encode('test');
}

describe('onnx runtime seam', () => {
  it('creates a session once per model and reuses it', async () => {
    const bytes = graphBytes();
    let decoded = 0;
    const owner = {};
    const first = cachedSession(owner, () => (decoded++, bytes));
    const again = cachedSession(owner, () => (decoded++, bytes));
    expect(again).toBe(first);
    expect(decoded).toBe(1);
    expect(cachedSession({}, () => bytes)).toBe(first);
    const X: FeatureMatrix = { nRows: 3, columns: [Float64Array.of(1, 2, 3), Float64Array.of(0.5, 4, -1), Float64Array.of(7, 0, -2)], names: ['a', 'b', 'c'], levels: [null, null, null] };
    const out = await runOnnx(await first, X, [
      { name: 'ab', type: 'float', columns: [0, 1] },
      { name: 'c', type: 'int64', columns: [2] },
    ]);
    expect(Array.from(out.y.data as Float32Array)).toEqual([2 * 1 - 0.5 + 7, 2 * 2 - 4 + 0, 2 * 3 + 1 - 2]);
  });

  it('refuses bytes that are not a model with a one-line error naming the file', async () => {
    await expect(openSession(new TextEncoder().encode('not a model'), 'bad.onnx')).rejects.toMatchObject({ message: expect.stringMatching(/^not a model onnxruntime can load: [^\n]+$/) });
  });
});
