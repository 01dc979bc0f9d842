// The document store: each edit is one undo step, loading starts a fresh history, no-op edits record nothing,
// and selection drops nodes that left the document.
import { beforeEach, describe, expect, it } from 'vitest';
import { removeNodes, setParam } from '../../../../renderer/state/document/graph-edits.js';
import { redo, undo, useGraphStore, withPositions } from '../../../../renderer/state/graph.js';
import { useSelectionStore } from '../../../../renderer/state/selection.js';
import { samplePipeline } from '../test-catalog.js';

const history = () => useGraphStore.temporal.getState();

describe('graph store', () => {
  beforeEach(() => useGraphStore.getState().load('sample', samplePipeline()));

  it('starts a loaded pipeline with an empty history', () => {
    expect(history().pastStates).toHaveLength(0);
    expect(useGraphStore.getState().pipeline).toBe('sample');
  });

  it('undoes and redoes edits one at a time', () => {
    const loaded = useGraphStore.getState().doc;
    useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', 1));
    const first = useGraphStore.getState().doc;
    useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', 2));
    expect(history().pastStates).toHaveLength(2);
    undo();
    expect(useGraphStore.getState().doc).toBe(first);
    undo();
    expect(useGraphStore.getState().doc).toBe(loaded);
    redo();
    expect(useGraphStore.getState().doc.nodes[1].params).toEqual({ seed: 1 });
  });

  it('records nothing for an edit that changes nothing, and forgets the redo branch on a new edit', () => {
    useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', 7));
    expect(history().pastStates).toHaveLength(0);
    useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', 3));
    undo();
    useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', 4));
    expect(history().futureStates).toHaveLength(0);
  });

  it('drops deleted nodes and their connections from the selection', () => {
    useSelectionStore.getState().select(['gbm', 'eval'], ['gbm.train', 'eval.data']);
    useGraphStore.getState().edit((doc) => removeNodes(doc, ['gbm']));
    expect(useSelectionStore.getState().nodes).toEqual(['eval']);
    // eval.model read from gbm and is gone; eval.data stays
    expect(useSelectionStore.getState().edges).toEqual(['eval.data']);
  });

  it('gives every node of a loaded document a position', () => {
    const { layout: _none, ...bare } = samplePipeline();
    const placed = withPositions(bare);
    expect(Object.keys(placed.layout ?? {}).sort()).toEqual(['data', 'eval', 'gate', 'gbm', 'split']);
    const full = samplePipeline();
    expect(withPositions(full)).toBe(full);
  });
});
