// Connection validity: port types must match, no node may feed itself, and no connection may close a cycle —
// the last checked against a brute-force cycle search on the document the connection would produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCycle } from '../../../../shared/pipeline/graph.js';
import { acceptsDrag, checkConnection, compatibleOutputs, obviousConnection } from '../../../../renderer/editor/connection-rules.js';
import { connect } from '../../../../renderer/state/document/graph-edits.js';
import { randomDag } from '../random-dags.js';
import { samplePipeline, testCatalog } from '../test-catalog.js';

describe('checkConnection', () => {
  const doc = samplePipeline();

  it('accepts equal port types and says which connection it replaces', () => {
    expect(checkConnection(doc, testCatalog, { source: 'split', sourceHandle: 'test', target: 'gbm', targetHandle: 'valid' })).toEqual({ ok: true });
    expect(checkConnection(doc, testCatalog, { source: 'split', sourceHandle: 'test', target: 'gbm', targetHandle: 'train' })).toEqual({ ok: true, replaces: 'split.train' });
    expect(checkConnection(doc, testCatalog, { source: 'split', sourceHandle: 'train', target: 'gbm', targetHandle: 'train' })).toEqual({ ok: true });
  });

  it('refuses different port types with a sentence naming both', () => {
    expect(checkConnection(doc, testCatalog, { source: 'split', sourceHandle: 'train', target: 'eval', targetHandle: 'model' })).toEqual({
      ok: false,
      reason: 'Cannot connect table output to model input',
    });
    expect(checkConnection(doc, testCatalog, { source: 'gbm', sourceHandle: 'model', target: 'gate', targetHandle: 'metrics' })).toEqual({
      ok: false,
      reason: 'Cannot connect model output to metrics input',
    });
  });

  it('refuses self-connections, unknown ports and cycles, naming the loop', () => {
    expect(checkConnection(doc, testCatalog, { source: 'split', sourceHandle: 'train', target: 'split', targetHandle: 'table' })).toMatchObject({ ok: false, reason: 'Cannot connect node split to itself' });
    expect(checkConnection(doc, testCatalog, { source: 'split', sourceHandle: 'nope', target: 'gbm', targetHandle: 'train' })).toMatchObject({ ok: false });
    expect(checkConnection(doc, testCatalog, { source: 'split', sourceHandle: 'train', target: 'nobody', targetHandle: 'x' })).toMatchObject({ ok: false });
    expect(checkConnection(doc, testCatalog, { source: 'split', sourceHandle: null, target: 'gbm', targetHandle: 'train' })).toMatchObject({ ok: false });

    const withSql = { ...doc, nodes: [...doc.nodes, { id: 'q', type: 'data.sql', inputs: { t1: 'split.train' } }] };
    expect(checkConnection(withSql, testCatalog, { source: 'q', sourceHandle: 'table', target: 'data', targetHandle: 'table' })).toMatchObject({ ok: false });
    expect(checkConnection(withSql, testCatalog, { source: 'q', sourceHandle: 'table', target: 'split', targetHandle: 'table' })).toEqual({
      ok: false,
      reason: 'Cannot connect q.table to split.table: it would make a cycle (split → q → split)',
    });
  });

  it('allows exactly the connections that leave the pipeline acyclic (brute force)', () => {
    fc.assert(
      fc.property(randomDag, fc.nat(), fc.nat(), fc.constantFrom('t1', 't2'), (dag, a, b, port) => {
        const source = dag.nodes[a % dag.nodes.length].id;
        const target = dag.nodes[b % dag.nodes.length].id;
        const check = checkConnection(dag, testCatalog, { source, sourceHandle: 'table', target, targetHandle: port });
        const after = connect(dag, { node: source, port: 'table' }, { node: target, port });
        expect(check.ok).toBe(findCycle(after) === undefined);
      }),
      { numRuns: 400 },
    );
  });
});

describe('compatibleOutputs', () => {
  it('lists every output that could feed an input, and only those', () => {
    const doc = samplePipeline();
    expect(compatibleOutputs(doc, testCatalog, 'eval', 'model')).toEqual(['gbm.model']);
    expect(compatibleOutputs(doc, testCatalog, 'eval', 'data')).toEqual(['data.table', 'split.train', 'split.test']);
    // split's input cannot read its own outputs
    expect(compatibleOutputs(doc, testCatalog, 'split', 'table')).toEqual(['data.table']);
  });
});

describe('obviousConnection', () => {
  const doc = samplePipeline();

  it('connects the one compatible output to the one compatible input', () => {
    expect(obviousConnection(doc, testCatalog, 'data', 'data.split')).toEqual({ sourceHandle: 'table', targetHandle: 'table' });
    expect(obviousConnection(doc, testCatalog, 'gbm', 'evaluate.classification')).toEqual({ sourceHandle: 'model', targetHandle: 'model' });
  });

  it('prefers the one required input when optional inputs take the same type', () => {
    expect(obviousConnection(doc, testCatalog, 'data', 'data.sql')).toEqual({ sourceHandle: 'table', targetHandle: 't1' });
    expect(obviousConnection(doc, testCatalog, 'data', 'model.gradient_boosting')).toEqual({ sourceHandle: 'table', targetHandle: 'train' });
  });

  it('leaves it to the user when the choice is not obvious or impossible', () => {
    // split has two table outputs (train, test)
    expect(obviousConnection(doc, testCatalog, 'split', 'data.sql')).toBeUndefined();
    // nothing of a gate feeds a read_csv
    expect(obviousConnection(doc, testCatalog, 'gate', 'data.read_csv')).toBeUndefined();
    expect(obviousConnection(doc, testCatalog, 'nope', 'data.sql')).toBeUndefined();
  });
});

describe('acceptsDrag', () => {
  const doc = samplePipeline();
  it('marks the ports that would take a dragged output or input', () => {
    const fromTable = { nodeId: 'data', handleId: 'table', side: 'source' as const };
    expect(acceptsDrag(doc, testCatalog, fromTable, 'gbm', 'valid')).toBe(true);
    expect(acceptsDrag(doc, testCatalog, fromTable, 'eval', 'model')).toBe(false);
    // dragging backwards from an input: outputs of the same type, but not one that would close a cycle
    const fromSplitInput = { nodeId: 'split', handleId: 'table', side: 'target' as const };
    expect(acceptsDrag(doc, testCatalog, fromSplitInput, 'data', 'table')).toBe(true);
    expect(acceptsDrag(doc, testCatalog, { nodeId: 'data', handleId: 'x', side: 'target' }, 'split', 'train')).toBe(false);
  });
});
