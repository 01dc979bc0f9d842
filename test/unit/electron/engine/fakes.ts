// Fake node types, a fake environment, JSON codecs and an in-memory cache for the engine tests.
import { z } from 'zod';
import type { NodeDeclaration } from '../../../../shared/catalog/define.js';
import { fakeNode } from '../../fake-catalog.js';
import { PORT_TYPES, type PortType } from '../../../../shared/catalog/ports.js';
import { PlumbError, runtimeError } from '../../../../shared/errors.js';
import { planNode, type PortRef, type RunPlan } from '../../../../electron/engine/plan.js';
import type { NodeImplementation, OutputCache, PortCodec } from '../../../../electron/engine/types.js';
import { readFile } from 'node:fs/promises';

/** What fake nodes share: a log of executions so tests can count them. */
export interface FakeEnv {
  executed: string[];
}

export const source = fakeNode({
  type: 'data.source',
  title: 'Source',
  docs: 'emits its value',
  inputs: {},
  outputs: { table: { type: 'table' } },
  params: z.object({ value: z.number().default(1) }),
});

export const add = fakeNode({
  type: 'data.add',
  title: 'Add',
  docs: 'adds a constant',
  inputs: { table: { type: 'table' } },
  outputs: { table: { type: 'table' } },
  params: z.object({ add: z.number().default(0) }),
});

export const join = fakeNode({
  type: 'data.join',
  title: 'Join',
  docs: 'sums two inputs, and reports both as metrics',
  inputs: { a: { type: 'table' }, b: { type: 'table' } },
  outputs: { table: { type: 'table' }, metrics: { type: 'metrics' } },
  params: z.object({}),
});

export const readFileNode = fakeNode({
  type: 'data.read_file',
  title: 'Read file',
  docs: 'the length of a text file',
  inputs: {},
  outputs: { table: { type: 'table' } },
  params: z.object({ path: z.string(), note: z.string().default('') }),
  ui: { path: { widget: 'file' } },
});

export const fail = fakeNode({
  type: 'data.fail',
  title: 'Fail',
  docs: 'always throws',
  inputs: { table: { type: 'table' } },
  outputs: { table: { type: 'table' } },
  params: z.object({}),
});

export const gate = fakeNode({
  type: 'control.gate',
  title: 'Gate',
  docs: 'fails the run when the value is below min',
  inputs: { table: { type: 'table' } },
  outputs: {},
  params: z.object({ min: z.number().default(0) }),
});

export const forgetful = fakeNode({
  type: 'data.forgetful',
  title: 'Forgetful',
  docs: 'forgets to return its second port',
  inputs: {},
  outputs: { table: { type: 'table' }, extra: { type: 'table' } },
  params: z.object({}),
});

export const slow = fakeNode({
  type: 'model.slow',
  title: 'Slow',
  docs: 'loops until cancelled, checking the signal',
  inputs: { table: { type: 'table' } },
  outputs: { table: { type: 'table' } },
  params: z.object({}),
});

export const stubborn = fakeNode({
  type: 'model.stubborn',
  title: 'Stubborn',
  docs: 'waits for the test to release it and never looks at the signal',
  inputs: { table: { type: 'table' } },
  outputs: { table: { type: 'table' } },
  params: z.object({}),
});

type Impl = NodeImplementation<FakeEnv>;
const impl = (declaration: NodeDeclaration, run: Impl['run'], implVersion = 1): Impl => ({
  declaration,
  implVersion,
  run: async (ctx, inputs, params, env) => {
    env.executed.push(ctx.nodeId);
    return run(ctx, inputs, params, env);
  },
});

export interface Hooks {
  /** Resolves the stubborn node; until then it hangs. */
  stubbornRelease?: Promise<void>;
  onStubbornDone?: () => void;
  /** Called with whatever ended the slow node's loop. */
  onSlowStopped?: (e: unknown) => void;
}

export function implementations(hooks: Hooks = {}, versions: Partial<Record<string, number>> = {}): Map<string, Impl> {
  const list: Impl[] = [
    impl(source, async (_ctx, _inputs, params) => ({ table: params.value })),
    impl(add, async (_ctx, inputs, params) => ({ table: (inputs.table as number) + (params.add as number) })),
    impl(join, async (_ctx, inputs) => ({
      table: (inputs.a as number) + (inputs.b as number),
      metrics: { a: inputs.a, b: inputs.b },
    })),
    impl(readFileNode, async (ctx, _inputs, params) => ({
      table: (await readFile(ctx.resolvePath(params.path as string), 'utf8')).length,
    })),
    impl(fail, async () => {
      throw new Error('boom');
    }),
    impl(gate, async (_ctx, inputs, params) => {
      if ((inputs.table as number) < (params.min as number)) throw new PlumbError('gate_failed', 'value below min');
      return {};
    }),
    impl(forgetful, async () => ({ table: 1 })),
    impl(slow, async (ctx, inputs) => {
      try {
        for (let i = 0; i < Number.MAX_SAFE_INTEGER; i++) {
          ctx.progress(Math.min(0.99, i / 1000));
          await new Promise(setImmediate);
          ctx.throwIfCancelled();
        }
      } catch (e) {
        hooks.onSlowStopped?.(e);
        throw e;
      }
      return { table: inputs.table };
    }),
    impl(stubborn, async (_ctx, inputs) => {
      await hooks.stubbornRelease;
      hooks.onStubbornDone?.();
      return { table: inputs.table };
    }),
  ];
  return new Map(list.map((i) => [i.declaration.type, { ...i, implVersion: versions[i.declaration.type] ?? i.implVersion }]));
}

/** JSON codecs for every port type, counting how often values are decoded. */
export function jsonCodecs(): { codecs: Record<PortType, PortCodec<FakeEnv>>; loads: { count: number }; saves: { count: number } } {
  const loads = { count: 0 };
  const saves = { count: 0 };
  const codec = (type: PortType): PortCodec<FakeEnv> => ({
    type,
    save: async (value) => {
      saves.count += 1;
      return new TextEncoder().encode(JSON.stringify(value));
    },
    load: async (bytes) => {
      loads.count += 1;
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    },
    writeFile: async () => {
      throw runtimeError('not used in these tests');
    },
  });
  const codecs = Object.fromEntries(PORT_TYPES.map((t) => [t, codec(t)])) as Record<PortType, PortCodec<FakeEnv>>;
  return { codecs, loads, saves };
}

export class MemoryCache implements OutputCache {
  readonly entries = new Map<string, Record<string, Uint8Array>>();
  puts = 0;
  async has(key: string) {
    return this.entries.has(key);
  }
  async get(key: string) {
    return this.entries.get(key);
  }
  async put(key: string, outputs: Record<string, Uint8Array>) {
    this.puts += 1;
    this.entries.set(key, outputs);
  }
}

/** `wire('a.table')` → the PortRef of node a's port table. */
export const wire = (ref: string): PortRef => {
  const [node, port] = ref.split('.');
  return { node, port };
};

export function plan(
  nodes: [id: string, declaration: NodeDeclaration, params: Record<string, unknown>, inputs: Record<string, string>][],
): RunPlan {
  return {
    nodes: nodes.map(([id, declaration, params, inputs]) =>
      planNode(id, declaration, params, Object.fromEntries(Object.entries(inputs).map(([p, r]) => [p, wire(r)]))),
    ),
  };
}
