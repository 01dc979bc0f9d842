import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeContext, UPDATE_INTERVAL_MS } from '../../../../electron/engine/node-context.js';
import type { RunEvent } from '../../../../electron/engine/types.js';

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  let t = 1000;
  const events: RunEvent[] = [];
  const controller = new AbortController();
  const handle = createNodeContext({
    nodeId: 'n', nodeType: 'model.x', signal: controller.signal, baseDir: '/base', emit: (e) => events.push(e), now: () => t,
  });
  const advance = (ms: number) => {
    t += ms;
    vi.advanceTimersByTime(ms);
  };
  return { handle, events, controller, advance };
}

const point = (step: number) => ({ step, train_loss: step, seconds: step });

describe('node context', () => {
  it('forwards at most one progress per interval, plus every 0 and 1', () => {
    vi.useFakeTimers();
    const { handle, events, advance } = setup();
    const { ctx } = handle;
    ctx.progress(0);
    ctx.progress(0.1);
    ctx.progress(0.2);
    advance(UPDATE_INTERVAL_MS);
    ctx.progress(0.3, 'three');
    ctx.progress(0.4);
    ctx.progress(1.5);
    expect(events).toEqual([
      { kind: 'node_progress', node: 'n', fraction: 0 },
      { kind: 'node_progress', node: 'n', fraction: 0.3, message: 'three' },
      { kind: 'node_progress', node: 'n', fraction: 1 },
    ]);
  });

  it('sends series points at most every interval, later points by a timer, the rest on finish', () => {
    vi.useFakeTimers();
    const { handle, events, advance } = setup();
    const { ctx } = handle;
    ctx.series('history', [point(1)]);
    ctx.series('history', [point(2)]);
    advance(UPDATE_INTERVAL_MS / 2);
    ctx.series('history', [point(3)]);
    expect(events).toHaveLength(1);
    advance(UPDATE_INTERVAL_MS / 2);
    expect(events).toHaveLength(2);
    ctx.series('history', [point(4)]);
    handle.finish();
    const steps = events.map((e) => (e.kind === 'node_series' ? e.points.map((p) => p.step) : []));
    expect(steps).toEqual([[1], [2, 3], [4]]);
    ctx.series('history', [point(5)]);
    ctx.progress(1);
    expect(events).toHaveLength(3);
  });

  it('drops buffered points when closed, and throws cancelled once aborted', () => {
    vi.useFakeTimers();
    const { handle, events, controller, advance } = setup();
    handle.ctx.series('h', [point(1)]);
    handle.ctx.series('h', [point(2)]);
    expect(() => handle.ctx.throwIfCancelled()).not.toThrow();
    controller.abort();
    expect(() => handle.ctx.throwIfCancelled()).toThrow(expect.objectContaining({ kind: 'cancelled', where: { node: 'n' } }));
    handle.close();
    advance(1000);
    expect(events).toHaveLength(1);
    expect(handle.ctx.resolvePath('x.csv')).toBe('/base/x.csv');
    expect(handle.ctx.resolvePath('/abs/y.csv')).toBe('/abs/y.csv');
  });
});
