// The worker pool's message channel: `ctx.post` in a task reaches `onMessage` in order, before the result.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from '../../../../electron/engine/workers.js';

const tasks = fileURLToPath(new URL('./worker-message-tasks.ts', import.meta.url));
const pool = createWorkerPool({ size: 1 });
afterAll(async () => {
  await pool.close();
});

describe('worker messages', () => {
  it('delivers every posted message, in order, before the result', async () => {
    const received: unknown[] = [];
    let resultSeenFirst = false;
    const running = pool.run<{ count: number }, number>({ module: tasks, fn: 'countUp' }, { count: 50 }, {
      onMessage: (data) => received.push(data),
    });
    const result = await running.then((r) => {
      resultSeenFirst = received.length < 50;
      return r;
    });
    expect(result).toBe(50);
    expect(resultSeenFirst).toBe(false);
    expect(received.map((m) => (m as { step: number }).step)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Structured clone keeps typed arrays.
    expect((received[2] as { values: Float64Array }).values).toEqual(new Float64Array([3, 9]));
  });

  it('stops forwarding messages once the caller cancelled', async () => {
    const controller = new AbortController();
    const received: unknown[] = [];
    const running = pool.run({ module: tasks, fn: 'postUntilCancelled' }, null, {
      signal: controller.signal,
      onMessage: (data) => {
        received.push(data);
        controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    expect(received).toEqual(['started']);
  });
});
