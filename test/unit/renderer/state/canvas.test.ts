// The canvas store: nodes follow the document, a drag moves the card at once but reaches the document (one undo
// step) only when it ends, and selection on the canvas is the selection store.
import { beforeEach, describe, expect, it } from 'vitest';
import { useCanvasStore } from '../../../../renderer/state/canvas.js';
import { useGraphStore } from '../../../../renderer/state/graph.js';
import { useSelectionStore } from '../../../../renderer/state/selection.js';
import { samplePipeline } from '../test-catalog.js';

const canvas = () => useCanvasStore.getState();
const nodeAt = (id: string) => canvas().nodes.find((n) => n.id === id)!;

describe('canvas store', () => {
  beforeEach(() => {
    useSelectionStore.getState().clear();
    useGraphStore.getState().load('sample', samplePipeline());
  });

  it('mirrors the document as nodes and edges', () => {
    expect(canvas().nodes.map((n) => n.id)).toEqual(['data', 'split', 'gbm', 'eval', 'gate']);
    expect(canvas().edges.map((e) => e.id)).toEqual(['split.table', 'gbm.train', 'eval.model', 'eval.data', 'gate.metrics']);
  });

  it('keeps measured sizes when the document changes', () => {
    canvas().onNodesChange([{ type: 'dimensions', id: 'split', dimensions: { width: 220, height: 90 } }]);
    expect(nodeAt('split').measured).toEqual({ width: 220, height: 90 });
    useGraphStore.getState().edit((doc) => ({ ...doc, layout: { ...doc.layout, split: { x: 5, y: 5 } } }));
    expect(nodeAt('split')).toMatchObject({ position: { x: 5, y: 5 }, measured: { width: 220, height: 90 } });
  });

  it('commits a drag to the document only when it ends', () => {
    const before = useGraphStore.getState().doc;
    canvas().onNodesChange([{ type: 'position', id: 'gbm', position: { x: 610, y: 10 }, dragging: true }]);
    canvas().onNodesChange([{ type: 'position', id: 'gbm', position: { x: 650, y: 40 }, dragging: true }]);
    expect(useGraphStore.getState().doc).toBe(before);
    expect(nodeAt('gbm').position).toEqual({ x: 650, y: 40 });
    canvas().onNodesChange([{ type: 'position', id: 'gbm', position: { x: 660, y: 44 }, dragging: false }]);
    expect(useGraphStore.getState().doc.layout?.gbm).toEqual({ x: 660, y: 44 });
    expect(useGraphStore.temporal.getState().pastStates).toHaveLength(1);
    expect(canvas().dragging).toEqual({});
  });

  it('keeps a dragged card where it is when something else changes mid-drag', () => {
    canvas().onNodesChange([{ type: 'position', id: 'gbm', position: { x: 700, y: 70 }, dragging: true }]);
    useSelectionStore.getState().select(['gbm']);
    expect(nodeAt('gbm')).toMatchObject({ position: { x: 700, y: 70 }, selected: true });
  });

  it('turns canvas selection changes into the selection store and back', () => {
    canvas().onNodesChange([{ type: 'select', id: 'split', selected: true }]);
    canvas().onEdgesChange([{ type: 'select', id: 'gbm.train', selected: true }]);
    expect(useSelectionStore.getState()).toMatchObject({ nodes: ['split'], edges: ['gbm.train'] });
    expect(nodeAt('split').selected).toBe(true);
    expect(canvas().edges.find((e) => e.id === 'gbm.train')!.selected).toBe(true);
    canvas().onNodesChange([{ type: 'select', id: 'split', selected: false }]);
    expect(useSelectionStore.getState().nodes).toEqual([]);
  });
});
