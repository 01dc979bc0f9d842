import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../../../../shared/catalog/define.js';
import { PlumbError } from '../../../../shared/errors.js';
import { runPipeline, type RunOptions, type RunResult } from '../../../../electron/engine/run.js';
import type { NodeImplementation, RunEvent } from '../../../../electron/engine/types.js';
import type { RunPlan } from '../../../../electron/engine/plan.js';
import {
  add, fail, forgetful, gate, implementations, join, jsonCodecs, MemoryCache, plan, readFileNode, slow, source, stubborn,
  type FakeEnv, type Hooks,
} from './fakes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(joinPath(tmpdir(), 'plumb-engine-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  result: RunResult;
  events: RunEvent[];
  executed: string[];
  loads: number;
  saves: number;
}

async function run(
  p: RunPlan,
  options: Partial<RunOptions<FakeEnv>> & { hooks?: Hooks; versions?: Record<string, number> } = {},
): Promise<Outcome> {
  const env: FakeEnv = { executed: [] };
  const events: RunEvent[] = [];
  const { codecs, loads, saves } = jsonCodecs();
  const result = await runPipeline<FakeEnv>({
    plan: p,
    implementations: implementations(options.hooks, options.versions),
    env,
    codecs,
    baseDir: dir,
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { result, events, executed: env.executed, loads: loads.count, saves: saves.count };
}

const statusOf = (r: RunResult, id: string) => r.nodes.find((n) => n.id === id)?.status;
const statusEvents = (events: RunEvent[]) =>
  events.flatMap((e) => (e.kind === 'node_status' ? [`${e.node}:${e.status}`] : e.kind === 'run_started' || e.kind === 'run_finished' ? [e.kind] : []));

// A diamond listed upside down, so plan order is not a valid execution order.
const diamond = () =>
  plan([
    ['sum', join, {}, { a: 'left.table', b: 'right.table' }],
    ['left', add, { add: 10 }, { table: 'src.table' }],
    ['right', add, { add: 20 }, { table: 'src.table' }],
    ['src', source, { value: 3 }, {}],
  ]);

describe('scheduling', () => {
  it.each([1, 2, 4])('runs every node after the nodes it reads from (concurrency %i)', async (concurrency) => {
    const { result, events, executed } = await run(diamond(), { concurrency });
    expect(result.status).toBe('ok');
    expect(executed.indexOf('src')).toBeLessThan(executed.indexOf('left'));
    expect(executed.indexOf('src')).toBeLessThan(executed.indexOf('right'));
    expect(executed.indexOf('left')).toBeLessThan(executed.indexOf('sum'));
    expect(executed.indexOf('right')).toBeLessThan(executed.indexOf('sum'));
    const at = (s: string) => statusEvents(events).indexOf(s);
    for (const [node, ups] of [['left', ['src']], ['right', ['src']], ['sum', ['left', 'right']]] as const) {
      for (const up of ups) expect(at(`${node}:running`)).toBeGreaterThan(at(`${up}:done`));
    }
    // 3 + 10 and 3 + 20, summed by hand.
    expect(result.outputs.get('sum')).toEqual({ table: 36, metrics: { a: 13, b: 23 } });
    expect(result.nodes.map((n) => n.id)).toEqual(['sum', 'left', 'right', 'src']);
  });

  it('never runs more nodes at once than the concurrency', async () => {
    let active = 0;
    let peak = 0;
    const wide = defineNode({
      type: 'data.wide', version: 1, group: 'data', title: 'Wide', docs: '', inputs: {},
      outputs: { table: { type: 'table' } }, params: z.object({ i: z.number() }),
    });
    const impls = new Map<string, NodeImplementation<FakeEnv>>([[wide.type, {
      declaration: wide, implVersion: 1,
      run: async () => {
        peak = Math.max(peak, ++active);
        for (let i = 0; i < 5; i++) await new Promise(setImmediate);
        active -= 1;
        return { table: 0 };
      },
    }]]);
    const p = plan(Array.from({ length: 7 }, (_, i) => [`n${i}`, wide, { i }, {}] as [string, typeof wide, Record<string, unknown>, Record<string, string>]));
    const { result } = await run(p, { implementations: impls, concurrency: 3 });
    expect(result.status).toBe('ok');
    expect(peak).toBe(3);
  });

  it('emits queued for every node first, then each node running → done, then run_finished', async () => {
    const p = plan([
      ['a', source, { value: 1 }, {}],
      ['b', add, {}, { table: 'a.table' }],
    ]);
    const { events } = await run(p, { concurrency: 1 });
    expect(statusEvents(events)).toEqual([
      'run_started', 'a:queued', 'b:queued', 'a:running', 'a:done', 'b:running', 'b:done', 'run_finished',
    ]);
    const started = events[0];
    expect(started.kind === 'run_started' && started.nodes).toEqual(['a', 'b']);
    const finished = events.at(-1);
    expect(finished?.kind === 'run_finished' && finished.status).toBe('ok');
    const done = events.find((e) => e.kind === 'node_status' && e.node === 'a' && e.status === 'done');
    expect(done?.kind === 'node_status' && done.cacheKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a plan with a cycle or a node type without implementation as invalid input', async () => {
    const cyclic = plan([
      ['a', add, {}, { table: 'b.table' }],
      ['b', add, {}, { table: 'a.table' }],
    ]);
    await expect(run(cyclic)).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(run(plan([['a', source, {}, {}]]), { implementations: new Map() })).rejects.toMatchObject({
      kind: 'invalid_input',
      where: { node: 'a' },
    });
  });
});

describe('node context', () => {
  const chatty = defineNode({
    type: 'model.chatty', version: 1, group: 'model', title: 'Chatty', docs: '', inputs: {},
    outputs: { history: { type: 'series' } }, params: z.object({}),
  });
  const impls = new Map<string, NodeImplementation<FakeEnv>>([[chatty.type, {
    declaration: chatty, implVersion: 1,
    run: async (ctx) => {
      for (let i = 0; i <= 100; i++) ctx.progress(i / 100, `step ${i}`);
      const points = [1, 2, 3].map((step) => ({ step, train_loss: 1 / step, seconds: step }));
      for (const point of points) ctx.series('history', [point]);
      ctx.warn('careful');
      return { history: points, path: ctx.resolvePath('x/y.csv') };
    },
  }]]);

  it('throttles progress but always forwards 0 and 1; flushes every series point before done; warns as node_log', async () => {
    const { events, result } = await run(plan([['c', chatty, {}, {}]]), { implementations: impls });
    const fractions = events.flatMap((e) => (e.kind === 'node_progress' ? [e.fraction] : []));
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBeLessThan(101);
    const doneAt = events.findIndex((e) => e.kind === 'node_status' && e.status === 'done');
    const series = events.flatMap((e, i) => (e.kind === 'node_series' ? [{ e, i }] : []));
    expect(series.every(({ i }) => i < doneAt)).toBe(true);
    expect(series.flatMap(({ e }) => (e.kind === 'node_series' ? e.points.map((p) => p.step) : []))).toEqual([1, 2, 3]);
    expect(events).toContainEqual({ kind: 'node_log', node: 'c', level: 'warn', message: 'careful' });
    // Undeclared ports are not passed on.
    expect(result.outputs.get('c')).toEqual({ history: [1, 2, 3].map((step) => ({ step, train_loss: 1 / step, seconds: step })) });
  });

  it('resolves file params and paths against baseDir', async () => {
    await writeFile(joinPath(dir, 'hello.txt'), 'hello');
    const { result } = await run(plan([['f', readFileNode, { path: 'hello.txt' }, {}]]));
    expect(result.outputs.get('f')).toEqual({ table: 5 });
  });
});

describe('cache', () => {
  const chain = (value: number, addC = 1) =>
    plan([
      ['src', source, { value }, {}],
      ['mid', add, { add: addC }, { table: 'src.table' }],
      ['end', add, { add: 100 }, { table: 'mid.table' }],
      ['other', add, { add: 5 }, { table: 'src.table' }],
    ]);

  it('re-executes only the changed node and its descendants', async () => {
    const cache = new MemoryCache();
    const first = await run(chain(1), { cache });
    expect(first.executed.sort()).toEqual(['end', 'mid', 'other', 'src']);
    expect(first.saves).toBe(4);

    const again = await run(chain(1), { cache });
    expect(again.executed).toEqual([]);
    expect(again.result.nodes.map((n) => n.status)).toEqual(['cached', 'cached', 'cached', 'cached']);
    expect(again.result.nodes.map((n) => n.cacheKey)).toEqual(first.result.nodes.map((n) => n.cacheKey));

    const changed = await run(chain(1, 2), { cache });
    expect(changed.executed).toEqual(['mid', 'end']);
    expect(changed.result.nodes.map((n) => n.status)).toEqual(['cached', 'done', 'done', 'cached']);
    // mid read src from the cache: 1 + 2, then + 100.
    expect(changed.result.outputs.get('end')).toEqual({ table: 103 });
    expect(changed.loads).toBe(1);
  });

  it('loads nothing in a fully cached run, and everything when onNodeOutputs asks', async () => {
    const cache = new MemoryCache();
    await run(chain(7), { cache });
    const cached = await run(chain(7), { cache });
    expect(cached.loads).toBe(0);
    expect(cached.result.outputs.size).toBe(0);

    const seen = new Map<string, unknown>();
    const withOutputs = await run(chain(7), { cache, onNodeOutputs: async (node, outputs) => void seen.set(node, outputs) });
    expect(withOutputs.loads).toBe(4);
    expect(Object.fromEntries(seen)).toEqual({
      src: { table: 7 }, mid: { table: 8 }, end: { table: 108 }, other: { table: 12 },
    });
  });

  it('is invalidated by a change of file content, not by rewriting the same bytes', async () => {
    const path = joinPath(dir, 'data.txt');
    const p = () => plan([
      ['f', readFileNode, { path: 'data.txt' }, {}],
      ['g', add, { add: 1 }, { table: 'f.table' }],
    ]);
    const cache = new MemoryCache();
    await writeFile(path, 'abc');
    expect((await run(p(), { cache })).result.outputs.get('g')).toEqual({ table: 4 });
    await writeFile(path, 'abc');
    expect((await run(p(), { cache })).executed).toEqual([]);
    await writeFile(path, 'abcdef');
    const changed = await run(p(), { cache });
    expect(changed.executed).toEqual(['f', 'g']);
    expect(changed.result.outputs.get('g')).toEqual({ table: 7 });
  });

  it('is invalidated by an implVersion bump of one node type', async () => {
    const cache = new MemoryCache();
    const p = () => plan([
      ['src', source, { value: 1 }, {}],
      ['mid', add, {}, { table: 'src.table' }],
    ]);
    await run(p(), { cache });
    const bumped = await run(p(), { cache, versions: { 'data.add': 2 } });
    expect(bumped.executed).toEqual(['mid']);
    expect(bumped.result.nodes.map((n) => n.status)).toEqual(['cached', 'done']);
  });

  it('fails a node whose file param names a missing file, as invalid input naming the param', async () => {
    const { result } = await run(plan([
      ['f', readFileNode, { path: 'nope.txt' }, {}],
      ['g', add, {}, { table: 'f.table' }],
    ]));
    expect(result.status).toBe('failed');
    const f = result.nodes[0];
    expect(f.status).toBe('failed');
    expect(f.error).toBeInstanceOf(PlumbError);
    expect(f.error).toMatchObject({ kind: 'invalid_input', where: { node: 'f', param: 'path' } });
    expect(statusOf(result, 'g')).toBe('skipped');
  });
});

describe('failures', () => {
  it('skips only the descendants of a failed node, naming it; other branches finish', async () => {
    const { result, executed } = await run(plan([
      ['src', source, {}, {}],
      ['bad', fail, {}, { table: 'src.table' }],
      ['child', add, {}, { table: 'bad.table' }],
      ['grandchild', add, {}, { table: 'child.table' }],
      ['sibling', add, { add: 1 }, { table: 'src.table' }],
      ['nephew', add, { add: 1 }, { table: 'sibling.table' }],
    ]));
    expect(result.status).toBe('failed');
    expect(result.nodes.map((n) => [n.id, n.status])).toEqual([
      ['src', 'done'], ['bad', 'failed'], ['child', 'skipped'], ['grandchild', 'skipped'], ['sibling', 'done'], ['nephew', 'done'],
    ]);
    expect(executed).not.toContain('child');
    const bad = result.nodes[1].error;
    expect(bad).toBeInstanceOf(PlumbError);
    expect(bad).toMatchObject({ kind: 'runtime', message: 'boom', where: { node: 'bad' } });
    expect(result.nodes[3].error?.message).toContain("'bad'");
    expect(result.outputs.get('nephew')).toEqual({ table: 3 });
  });

  it('makes the run gate_failed when a gate fails, and failed when a runtime failure comes with it', async () => {
    const gated = await run(plan([
      ['src', source, { value: 1 }, {}],
      ['g', gate, { min: 5 }, { table: 'src.table' }],
    ]));
    expect(gated.result.status).toBe('gate_failed');
    expect(gated.result.nodes[1].error).toMatchObject({ kind: 'gate_failed', where: { node: 'g' } });

    const both = await run(plan([
      ['src', source, { value: 1 }, {}],
      ['g', gate, { min: 5 }, { table: 'src.table' }],
      ['bad', fail, {}, { table: 'src.table' }],
    ]));
    expect(both.result.status).toBe('failed');

    const passed = await run(plan([
      ['src', source, { value: 9 }, {}],
      ['g', gate, { min: 5 }, { table: 'src.table' }],
    ]));
    expect(passed.result.status).toBe('ok');
  });

  it('fails a node that does not return a declared output, naming the port', async () => {
    const { result } = await run(plan([['f', forgetful, {}, {}]]));
    expect(result.nodes[0]).toMatchObject({ status: 'failed', error: { kind: 'runtime' } });
    expect(result.nodes[0].error?.message).toContain("'extra'");
  });
});

describe('cancel', () => {
  it('stops a cooperative node through throwIfCancelled and cancels nodes not started', async () => {
    const controller = new AbortController();
    let stoppedBy: unknown;
    const events: RunEvent[] = [];
    const { result } = await run(
      plan([
        ['src', source, {}, {}],
        ['long', slow, {}, { table: 'src.table' }],
        ['after', add, {}, { table: 'long.table' }],
      ]),
      {
        signal: controller.signal,
        hooks: { onSlowStopped: (e) => (stoppedBy = e) },
        onEvent: (e) => {
          events.push(e);
          if (e.kind === 'node_progress' && e.node === 'long') controller.abort();
        },
      },
    );
    expect(result.status).toBe('cancelled');
    expect(result.nodes.map((n) => n.status)).toEqual(['done', 'cancelled', 'cancelled']);
    expect(stoppedBy).toMatchObject({ kind: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ kind: 'run_finished', status: 'cancelled' });
  });

  it('returns without waiting for a node that ignores the signal, and drops its outputs', async () => {
    const controller = new AbortController();
    let release!: () => void;
    const stubbornRelease = new Promise<void>((res) => (release = res));
    let stubbornDone = false;
    const outputsFor: string[] = [];
    const cache = new MemoryCache();
    const events: RunEvent[] = [];
    let abortedAt = 0;
    const running = run(
      plan([
        ['src', source, {}, {}],
        ['hang', stubborn, {}, { table: 'src.table' }],
      ]),
      {
        signal: controller.signal,
        cache,
        hooks: { stubbornRelease, onStubbornDone: () => (stubbornDone = true) },
        onNodeOutputs: async (node) => void outputsFor.push(node),
        onEvent: (e) => {
          events.push(e);
          if (e.kind === 'node_status' && e.node === 'hang' && e.status === 'running') {
            abortedAt = performance.now();
            setImmediate(() => controller.abort());
          }
        },
      },
    );
    const { result } = await running;
    const delayMs = performance.now() - abortedAt;
    // The node has not returned, yet the run did.
    expect(stubbornDone).toBe(false);
    expect(result.status).toBe('cancelled');
    expect(result.nodes.map((n) => n.status)).toEqual(['done', 'cancelled']);
    console.log(`run returned ${delayMs.toFixed(1)} ms after abort with a node ignoring the signal`);

    const eventCount = events.length;
    release();
    await stubbornRelease;
    for (let i = 0; i < 5; i++) await new Promise(setImmediate);
    expect(stubbornDone).toBe(true);
    expect(outputsFor).toEqual(['src']);
    expect(cache.puts).toBe(1);
    expect(events.length).toBe(eventCount);
    expect(result.outputs.has('hang')).toBe(false);
  });

  it('cancels everything when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, executed } = await run(diamond(), { signal: controller.signal });
    expect(result.status).toBe('cancelled');
    expect(executed).toEqual([]);
    expect(result.nodes.every((n) => n.status === 'cancelled')).toBe(true);
  });
});
