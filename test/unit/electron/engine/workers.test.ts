import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool, taskModuleUrl } from '../../../../electron/engine/workers.js';
import { PlumbError } from '../../../../shared/errors.js';

const tasks = fileURLToPath(new URL('./worker-tasks.ts', import.meta.url));
const pool = createWorkerPool({ size: 1 });
afterAll(async () => {
  await pool.close();
});

describe('worker pool', () => {
  it('computes in a worker from a transferred buffer, forwarding progress', async () => {
    const n = 1_000_000;
    const values = Float64Array.from({ length: n }, (_, i) => i + 1);
    const progress: [number, string | undefined][] = [];
    const total = await pool.run<Float64Array, number>({ module: tasks, fn: 'sum' }, values, {
      transfer: [values.buffer],
      onProgress: (f, m) => progress.push([f, m]),
    });
    expect(total).toBe((n * (n + 1)) / 2);
    // Moved, not copied.
    expect(values.byteLength).toBe(0);
    expect(progress[0]).toEqual([0, 'summing']);
    expect(progress.at(-1)).toEqual([1, 'summed']);
  });

  it('stops a cooperative loop through the shared cancel flag without replacing the worker', async () => {
    const controller = new AbortController();
    const before = pool.stats().replaced;
    const running = pool.run({ module: tasks, fn: 'spinUntilCancelled' }, null, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    expect(pool.stats().replaced).toBe(before);
  });

  it('terminates and replaces a worker whose task ignores the cancel', async () => {
    const controller = new AbortController();
    const before = pool.stats().replaced;
    let abortedAt = 0;
    const running = pool.run({ module: tasks, fn: 'spinForever' }, null, {
      signal: controller.signal,
      onProgress: () => {
        abortedAt = performance.now();
        controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    console.log(`non-cooperative task stopped ${(performance.now() - abortedAt).toFixed(1)} ms after abort`);
    expect(pool.stats().replaced).toBe(before + 1);
    // The pool has one worker: this only runs if the stuck one was replaced.
    const values = new Float64Array([1, 2, 3.5]);
    expect(await pool.run({ module: tasks, fn: 'sum' }, values)).toBe(6.5);
    expect(pool.stats()).toMatchObject({ workers: 1, busy: 0, queued: 0 });
  });

  it('brings PlumbErrors back with kind, where, message and details; other errors as runtime', async () => {
    const error = await pool.run({ module: tasks, fn: 'rejectParam' }, { param: 'alpha' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlumbError);
    expect(error).toMatchObject({ kind: 'invalid_input', message: 'bad value', where: { param: 'alpha' }, details: ['detail line'] });
    await expect(pool.run({ module: tasks, fn: 'plainError' }, null)).rejects.toMatchObject({ kind: 'runtime', message: 'plain failure' });
    await expect(pool.run({ module: tasks, fn: 'nope' }, null)).rejects.toMatchObject({ kind: 'runtime', message: expect.stringContaining("'nope'") });
  });

  it('queues tasks beyond its size and cancels a queued task without running it', async () => {
    const two = createWorkerPool({ size: 2 });
    try {
      const controller = new AbortController();
      const a = two.run<Float64Array, number>({ module: tasks, fn: 'sum' }, new Float64Array([1]));
      const b = two.run<Float64Array, number>({ module: tasks, fn: 'sum' }, new Float64Array([2]));
      const c = two.run<Float64Array, number>({ module: tasks, fn: 'sum' }, new Float64Array([3]), { signal: controller.signal });
      const d = two.run<Float64Array, number>({ module: tasks, fn: 'sum' }, new Float64Array([4]));
      expect(two.stats()).toMatchObject({ workers: 2, busy: 2, queued: 2 });
      controller.abort();
      await expect(c).rejects.toMatchObject({ kind: 'cancelled' });
      expect(await Promise.all([a, b, d])).toEqual([1, 2, 4]);
    } finally {
      await two.close();
    }
  });

  it('resolves task modules to file URLs, preferring compiled .js when the .ts is gone', () => {
    expect(taskModuleUrl(tasks)).toBe(new URL('./worker-tasks.ts', import.meta.url).href);
    expect(taskModuleUrl(new URL('./worker-tasks.ts', import.meta.url).href)).toBe(new URL('./worker-tasks.ts', import.meta.url).href);
    expect(() => taskModuleUrl('relative/x.ts')).toThrow(/absolute/);
  });
});
