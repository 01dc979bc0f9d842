// Task functions the worker pool tests run inside worker threads (loaded through tsx like real tasks).
import { invalidInput } from '../../../../shared/errors.js';
import type { WorkerTaskContext } from '../../../../electron/engine/workers.js';

export function sum(values: Float64Array, ctx: WorkerTaskContext): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    total += values[i];
    if (i % 100_000 === 0) ctx.progress(i / values.length, 'summing');
  }
  ctx.progress(1, 'summed');
  return total;
}

/** Spins until cancelled, checking the shared flag like a real training loop would. */
export function spinUntilCancelled(_payload: null, ctx: WorkerTaskContext): string {
  ctx.progress(0, 'spinning');
  let spins = 0;
  while (!ctx.isCancelled()) spins++;
  return `stopped after ${spins} spins`;
}

/** Never looks at the flag: only terminating the thread stops it. */
export function spinForever(_payload: null, ctx: WorkerTaskContext): never {
  ctx.progress(0, 'spinning');
  for (;;) {
    // busy on purpose
  }
}

export function rejectParam(payload: { param: string }): never {
  throw invalidInput('bad value', { param: payload.param }, ['detail line']);
}

export async function plainError(): Promise<never> {
  throw new TypeError('plain failure');
}
