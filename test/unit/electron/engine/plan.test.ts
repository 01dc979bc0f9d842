import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCatalog } from '../../../../shared/catalog/catalog.js';
import { defineNode } from '../../../../shared/catalog/define.js';
import { descendantsOf, fileParamsOf, planFromDocument, planNode, topologicalOrder } from '../../../../electron/engine/plan.js';
import { add, join, plan, readFileNode, source } from './fakes.js';

const graph = () =>
  plan([
    ['sum', join, {}, { a: 'left.table', b: 'right.table' }],
    ['left', add, { add: 10 }, { table: 'src.table' }],
    ['right', add, {}, { table: 'src2.table' }],
    ['src', source, {}, {}],
    ['src2', source, {}, {}],
    ['lonely', source, {}, {}],
  ]);

describe('planNode', () => {
  it('fills param defaults and derives file params from the ui hints', () => {
    const node = planNode('f', readFileNode, { path: 'a.csv' }, {});
    expect(node.params).toEqual({ path: 'a.csv', note: '' });
    expect(node.fileParams).toEqual(['path']);
    expect(planNode('a', add, {}, { table: { node: 's', port: 'table' } }).fileParams).toBeUndefined();
  });

  it('reports a bad param as invalid input naming node and param', () => {
    expect(() => planNode('a', add, { add: 'x' }, {})).toThrow(expect.objectContaining({
      kind: 'invalid_input', where: { node: 'a', param: 'add' },
    }));
  });

  it('lists every file widget param', () => {
    const two = defineNode({
      type: 'data.two_files', version: 1, group: 'data', title: '', docs: '', inputs: {}, outputs: {},
      params: z.object({ a: z.string(), b: z.string(), c: z.string() }),
      ui: { a: { widget: 'file' }, b: { widget: 'sql' }, c: { widget: 'file', extensions: ['csv'] } },
    });
    expect(fileParamsOf(two)).toEqual(['a', 'c']);
  });
});

describe('topologicalOrder', () => {
  it('puts every node after its inputs, keeping plan order among ready nodes', () => {
    expect(topologicalOrder(graph()).map((n) => n.id)).toEqual(['src', 'left', 'src2', 'right', 'sum', 'lonely']);
  });

  it.each([
    ['a cycle', [['a', add, {}, { table: 'b.table' }], ['b', add, {}, { table: 'a.table' }]], /cycle/],
    ['a dangling input', [['a', add, {}, { table: 'zz.table' }]], /unknown node 'zz'/],
    ['an unknown output', [['s', source, {}, {}], ['a', add, {}, { table: 's.nope' }]], /unknown output 's.nope'/],
    ['a missing required input', [['a', add, {}, {}]], /required input 'table'/],
    ['a duplicate id', [['a', source, {}, {}], ['a', source, {}, {}]], /duplicate/],
    ['a port type mismatch', [['j', join, {}, { a: 's.table', b: 's.table' }], ['s', source, {}, {}], ['t', add, {}, { table: 'j.metrics' }]], /expects table but 'j.metrics' is metrics/],
  ] as const)('rejects %s as invalid input', (_name, nodes, message) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- table of heterogenous fixtures
    expect(() => topologicalOrder(plan(nodes as any))).toThrow(expect.objectContaining({ kind: 'invalid_input', message: expect.stringMatching(message) }));
  });
});

describe('planFromDocument with a target node', () => {
  const catalog = createCatalog([source, add]);
  const doc = {
    plumb: 1 as const,
    name: 'p',
    nodes: [
      { id: 'src', type: 'data.source' },
      { id: 'left', type: 'data.add', inputs: { table: 'src.table' }, params: { add: 1 } },
      { id: 'broken', type: 'data.add', inputs: { table: 'left.table' }, params: { add: 'not a number' } },
    ],
  };

  it('plans the target and its ancestors only, without validating what lies downstream', () => {
    expect(planFromDocument(doc, catalog, 'left').nodes.map((n) => n.id)).toEqual(['src', 'left']);
    expect(() => planFromDocument(doc, catalog)).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(() => planFromDocument(doc, catalog, 'broken')).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(() => planFromDocument(doc, catalog, 'nope')).toThrow(expect.objectContaining({ kind: 'invalid_input', message: expect.stringMatching(/unknown node 'nope'/) }));
  });
  it('descendantsOf lists every node reading from a node, directly or not', () => {
    expect([...descendantsOf(graph(), 'src')].sort()).toEqual(['left', 'sum']);
  });
});
