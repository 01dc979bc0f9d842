// Document edits: the result is a valid document (no reference to a missing node, unique ids), untouched nodes keep
// their identity, and renames / pastes carry connections along.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pipelineEdges } from '../../../../../shared/pipeline/graph.js';
import { NODE_ID_PATTERN, type PipelineDocument } from '../../../../../shared/pipeline/schema.js';
import {
  addNode,
  connect,
  copyNodes,
  disconnect,
  moveNodes,
  nextNodeId,
  nodeIdProblem,
  pasteNodes,
  removeNodes,
  renameNode,
  setParam,
} from '../../../../../renderer/state/document/graph-edits.js';
import { randomDag } from '../../random-dags.js';
import { samplePipeline } from '../../test-catalog.js';

const ids = (doc: PipelineDocument) => doc.nodes.map((n) => n.id);
const edges = (doc: PipelineDocument) => pipelineEdges(doc).map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`).sort();

function danglingRefs(doc: PipelineDocument): string[] {
  const known = new Set(ids(doc));
  return pipelineEdges(doc).filter((e) => !known.has(e.from.node)).map((e) => e.from.node);
}

describe('ids', () => {
  it('derives fresh ids from the type name', () => {
    expect(nextNodeId('data.read_csv', [])).toBe('read_csv');
    expect(nextNodeId('data.read_csv', ['read_csv', 'read_csv_2'])).toBe('read_csv_3');
    expect(nextNodeId('model.gradient_boosting', ['read_csv'])).toBe('gradient_boosting');
    expect(NODE_ID_PATTERN.test(nextNodeId('x.9lives', []))).toBe(true);
  });

  it('explains why an id cannot be used', () => {
    const doc = samplePipeline();
    expect(nodeIdProblem(doc, 'split', 'split')).toBeUndefined();
    expect(nodeIdProblem(doc, 'split', 'splitter')).toBeUndefined();
    expect(nodeIdProblem(doc, 'split', 'gbm')).toBe('There is already a node gbm');
    expect(nodeIdProblem(doc, 'split', 'Split')).toMatch(/lower-case/);
  });
});

describe('edits', () => {
  it('adds a node with a position and keeps the other nodes as they were', () => {
    const doc = samplePipeline();
    const { doc: next, id } = addNode(doc, 'data.split', { x: 10.4, y: 20.6 });
    expect(id).toBe('split_2');
    expect(next.nodes.at(-1)).toEqual({ id: 'split_2', type: 'data.split' });
    expect(next.layout?.split_2).toEqual({ x: 10, y: 21 });
    next.nodes.slice(0, -1).forEach((n, i) => expect(n).toBe(doc.nodes[i]));
  });

  it('connects, replaces and disconnects one input', () => {
    const doc = samplePipeline();
    const replaced = connect(doc, { node: 'split', port: 'test' }, { node: 'gbm', port: 'train' });
    expect(replaced.nodes[2].inputs).toEqual({ train: 'split.test' });
    expect(connect(replaced, { node: 'split', port: 'test' }, { node: 'gbm', port: 'train' })).toBe(replaced);
    const cut = disconnect(replaced, { node: 'gbm', port: 'train' });
    expect(cut.nodes[2].inputs).toBeUndefined();
    expect(disconnect(cut, { node: 'gbm', port: 'train' })).toBe(cut);
  });

  it('sets and clears params, dropping an empty params object', () => {
    const doc = samplePipeline();
    const set = setParam(doc, 'split', 'test_size', 0.3);
    expect(set.nodes[1].params).toEqual({ seed: 7, test_size: 0.3 });
    expect(setParam(set, 'split', 'test_size', 0.3)).toBe(set);
    const cleared = setParam(setParam(set, 'split', 'seed', undefined), 'split', 'test_size', undefined);
    expect('params' in cleared.nodes[1]).toBe(false);
  });

  it('moves nodes, ignoring unknown ids and unchanged positions', () => {
    const doc = samplePipeline();
    expect(moveNodes(doc, { data: { x: 0, y: 0 } })).toBe(doc);
    const moved = moveNodes(doc, { data: { x: 5, y: 6 }, ghost: { x: 1, y: 1 } });
    expect(moved.layout).toEqual({ ...doc.layout, data: { x: 5, y: 6 } });
  });

  it('removing nodes leaves no reference to them, in any pipeline', () => {
    fc.assert(
      fc.property(randomDag, fc.array(fc.nat()), (dag, picks) => {
        const gone = new Set(picks.map((p) => dag.nodes[p % dag.nodes.length].id));
        const next = removeNodes(dag, gone);
        expect(ids(next)).toEqual(ids(dag).filter((id) => !gone.has(id)));
        expect(danglingRefs(next)).toEqual([]);
        // every connection between kept nodes survives
        expect(edges(next)).toEqual(edges(dag).filter((e) => ![...gone].some((g) => e.startsWith(`${g}.`) || e.includes(`->${g}.`))));
      }),
    );
  });

  it('renaming a node renames it in every reference and the layout, and nothing else', () => {
    fc.assert(
      fc.property(randomDag, fc.nat(), (dag, pick) => {
        const from = dag.nodes[pick % dag.nodes.length].id;
        const withLayout = { ...dag, layout: Object.fromEntries(ids(dag).map((id, i) => [id, { x: i, y: 0 }])) };
        const next = renameNode(withLayout, from, 'renamed');
        const rename = (s: string) => s.replace(new RegExp(`(^|->)${from}\\.`, 'g'), '$1renamed.');
        expect(edges(next)).toEqual(edges(withLayout).map(rename).sort());
        expect(ids(next)).toEqual(ids(dag).map((id) => (id === from ? 'renamed' : id)));
        expect(next.layout?.renamed).toEqual(withLayout.layout[from]);
        expect(next.layout?.[from]).toBeUndefined();
      }),
    );
    const doc = samplePipeline();
    expect(renameNode(doc, 'split', 'gbm')).toBe(doc);
  });

  it('a node id that prefixes another is renamed only where it is the whole id', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'p',
      nodes: [
        { id: 'a', type: 'data.sql' },
        { id: 'a_b', type: 'data.sql' },
        { id: 'c', type: 'data.sql', inputs: { t1: 'a.table', t2: 'a_b.table' } },
      ],
    };
    expect(renameNode(doc, 'a', 'z').nodes[2].inputs).toEqual({ t1: 'z.table', t2: 'a_b.table' });
  });
});

describe('copy and paste', () => {
  it('pastes copies under fresh ids with their connections among themselves only', () => {
    const doc = samplePipeline();
    const clip = copyNodes(doc, ['split', 'gbm'], doc.layout!);
    expect(clip.nodes.map((n) => n.id)).toEqual(['split', 'gbm']);
    expect(clip.nodes[0].inputs).toBeUndefined(); // data is not copied, so split's input is dropped
    const { doc: next, ids: pasted } = pasteNodes(doc, clip, { x: 40, y: 40 });
    expect(pasted).toEqual(['split_2', 'gbm_2']);
    expect(next.nodes.at(-1)).toEqual({ id: 'gbm_2', type: 'model.gradient_boosting', inputs: { train: 'split_2.train' }, params: { target: 'species' } });
    expect(next.layout?.gbm_2).toEqual({ x: 640, y: 40 });
    // pasting never shares objects with the clip, so editing one leaves the other alone
    expect(next.nodes.at(-1)!.params).not.toBe(clip.nodes[1].params);
  });

  it('always yields unique, valid ids and no dangling references', () => {
    fc.assert(
      fc.property(randomDag, fc.array(fc.nat(), { minLength: 1 }), fc.integer({ min: 1, max: 3 }), (dag, picks, times) => {
        const chosen = [...new Set(picks.map((p) => dag.nodes[p % dag.nodes.length].id))];
        const clip = copyNodes(dag, chosen, {});
        let doc = dag;
        for (let i = 0; i < times; i++) doc = pasteNodes(doc, clip, { x: 10, y: 10 }).doc;
        expect(new Set(ids(doc)).size).toBe(doc.nodes.length);
        expect(doc.nodes.length).toBe(dag.nodes.length + times * chosen.length);
        expect(ids(doc).every((id) => NODE_ID_PATTERN.test(id))).toBe(true);
        expect(danglingRefs(doc)).toEqual([]);
        const internal = edges(dag).filter((e) => chosen.some((c) => e.startsWith(`${c}.`)) && chosen.some((c) => e.includes(`->${c}.`)));
        expect(edges(doc).length).toBe(edges(dag).length + times * internal.length);
      }),
    );
  });
});
