// Backend selection: the fallback order tensorflow-gpu → tensorflow → wasm → cpu, what it reports it tried, and the
// GPU/CPU device of the native backends (simulated: tfjs-node(-gpu) cannot install here and may or may not in CI).
import { describe, expect, it } from 'vitest';
import { describeBackend, selectTfBackend } from '../../../../../electron/ml/tfjs-backend.js';

const NATIVE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

/** Real imports, except the listed packages, which fail the way a missing package does. */
function without(missing: string[]) {
  return (specifier: string): Promise<unknown> => {
    if (missing.includes(specifier)) return Promise.reject(new Error(`Cannot find package '${specifier}'`));
    return import(specifier);
  };
}

/** A stand-in for tfjs-node(-gpu): TensorFlow.js-shaped, its 'tensorflow' backend on a GPU or not. */
function fakeNative(usingGpu: boolean, initializes = true) {
  let current = 'none';
  return {
    enableProdMode() {},
    async setBackend(name: string) {
      if (name !== 'tensorflow' || !initializes) return false;
      current = name;
      return true;
    },
    getBackend: () => current,
    backend: () => ({ isUsingGpuDevice: usingGpu }),
  };
}

describe('selectTfBackend', () => {
  it('falls back past the missing native packages to wasm, reporting each attempt in order', async () => {
    const choice = await selectTfBackend('auto', { importPackage: without(NATIVE) });
    expect(choice.backend).toBe('wasm');
    expect(choice.device).toBe('CPU');
    expect(choice.tried.map((t) => t.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm']);
    expect(choice.tried[0].error).toContain('@tensorflow/tfjs-node-gpu');
    expect(choice.tried[1].error).toContain('@tensorflow/tfjs-node');
    expect(choice.tried[2].error).toBeUndefined();
    expect(choice.tf.getBackend()).toBe('wasm');
    expect(choice.description).toMatch(/^wasm \(CPU, (no )?SIMD, \d+ threads?\)$/);
    expect(describeBackend(choice)).toBe(choice.description);
    // the tensors really live on it
    const sum = choice.tf.tidy(() => choice.tf.add(choice.tf.tensor1d([1, 2]), choice.tf.tensor1d([3, 4])).arraySync());
    expect(sum).toEqual([4, 6]);
  });

  it('ends on the plain JavaScript backend when wasm fails too', async () => {
    const choice = await selectTfBackend('auto', { importPackage: without([...NATIVE, '@tensorflow/tfjs-backend-wasm']) });
    expect(choice.backend).toBe('cpu');
    expect(choice.tried.map((t) => [t.name, t.error !== undefined])).toEqual([
      ['tensorflow-gpu', true],
      ['tensorflow', true],
      ['wasm', true],
      ['cpu', false],
    ]);
    expect(choice.tf.getBackend()).toBe('cpu');
  });

  it('starts the order at the preferred backend', async () => {
    expect((await selectTfBackend('wasm', { importPackage: without(NATIVE) })).tried.map((t) => t.name)).toEqual(['wasm']);
    expect((await selectTfBackend('cpu', { importPackage: without(NATIVE) })).tried.map((t) => t.name)).toEqual(['cpu']);
    const fromNode = await selectTfBackend('tensorflow', { importPackage: without(NATIVE) });
    expect(fromNode.tried.map((t) => t.name)).toEqual(['tensorflow', 'wasm']);
  });

  it('takes tfjs-node-gpu when it loads, with the GPU as device only when it runs on one', async () => {
    const onGpu = await selectTfBackend('auto', {
      importPackage: (s) => (s === '@tensorflow/tfjs-node-gpu' ? Promise.resolve(fakeNative(true)) : without(NATIVE)(s)),
    });
    expect(onGpu).toMatchObject({ backend: 'tensorflow', device: 'GPU', tried: [{ name: 'tensorflow-gpu' }] });
    expect(onGpu.description).toBe('tensorflow (GPU, tfjs-node-gpu)');

    // a CommonJS module imported from ESM shows up on `default`
    const noDevice = await selectTfBackend('auto', {
      importPackage: (s) => (s === '@tensorflow/tfjs-node-gpu' ? Promise.resolve({ default: fakeNative(false) }) : without(NATIVE)(s)),
    });
    expect(noDevice).toMatchObject({ backend: 'tensorflow', device: 'CPU' });
  });

  it('never reports GPU for tfjs-node, and skips a native backend that does not initialize', async () => {
    const cpuNode = await selectTfBackend('auto', {
      importPackage: (s) => (s === '@tensorflow/tfjs-node' ? Promise.resolve(fakeNative(true)) : without(NATIVE)(s)),
    });
    expect(cpuNode).toMatchObject({ backend: 'tensorflow', device: 'CPU' });
    expect(cpuNode.tried.map((t) => t.name)).toEqual(['tensorflow-gpu', 'tensorflow']);

    const broken = await selectTfBackend('auto', {
      importPackage: (s) => (s === '@tensorflow/tfjs-node-gpu' ? Promise.resolve(fakeNative(true, false)) : without(NATIVE)(s)),
    });
    expect(broken.backend).toBe('wasm');
    expect(broken.tried[0].error).toContain('did not initialize');
  });

  it('fails naming every attempt when nothing loads', async () => {
    const all = [...NATIVE, '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs'];
    await expect(selectTfBackend('auto', { importPackage: without(all) })).rejects.toThrow(/tensorflow-gpu: .*tensorflow: .*wasm: .*cpu: /);
  });

  it('remembers its choice per thread and switches the engine back when asked again', async () => {
    const first = await selectTfBackend('wasm');
    const cpu = await selectTfBackend('cpu');
    expect(cpu.tf.getBackend()).toBe('cpu');
    const again = await selectTfBackend('wasm');
    expect(again).toBe(first);
    expect(again.tf.getBackend()).toBe('wasm');
  });
});
