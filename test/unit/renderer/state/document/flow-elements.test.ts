// The document as React Flow elements: one edge per connected input, colours by port type, and unchanged
// nodes handed back as the same objects (keeping their measured size).
import { describe, expect, it } from 'vitest';
import { PORT_COLORS } from '../../../../../shared/catalog/ports.js';
import { buildFlowEdges, buildFlowNodes, edgeIdOf, type PlumbFlowNode } from '../../../../../renderer/state/document/flow-elements.js';
import { moveNodes } from '../../../../../renderer/state/document/graph-edits.js';
import { samplePipeline, testCatalog } from '../../test-catalog.js';

describe('buildFlowNodes', () => {
  it('reuses unchanged nodes and rebuilds moved or (de)selected ones with their measured size', () => {
    const doc = samplePipeline();
    const first = buildFlowNodes(doc, doc.layout!, new Set(), new Map());
    expect(first.map((n) => [n.id, n.type, n.data.type, n.ariaLabel])).toContainEqual(['split', 'plumb', 'data.split', 'Node split']);
    const measured: PlumbFlowNode[] = first.map((n) => ({ ...n, measured: { width: 220, height: 99 } }));
    const moved = moveNodes(doc, { split: { x: 1, y: 2 } });
    const second = buildFlowNodes(moved, moved.layout!, new Set(['gbm']), new Map(measured.map((n) => [n.id, n])));
    expect(second[0]).toBe(measured[0]);
    expect(second[1]).not.toBe(measured[1]);
    expect(second[1]).toMatchObject({ position: { x: 1, y: 2 }, measured: { width: 220, height: 99 }, selected: false });
    expect(second[2]).toMatchObject({ selected: true, measured: { width: 220, height: 99 } });
  });

  it('shows a repeated id once', () => {
    const doc = samplePipeline();
    const twice = { ...doc, nodes: [...doc.nodes, doc.nodes[0]] };
    expect(buildFlowNodes(twice, doc.layout!, new Set(), new Map())).toHaveLength(doc.nodes.length);
  });
});

describe('buildFlowEdges', () => {
  it('draws one edge per connected input, coloured by port type, skipping unknown sources', () => {
    const doc = samplePipeline();
    const withGhost = { ...doc, nodes: [...doc.nodes, { id: 'x', type: 'data.split', inputs: { table: 'ghost.table' } }] };
    const edges = buildFlowEdges(withGhost, testCatalog, new Set([edgeIdOf('gbm', 'train')]));
    expect(edges.map((e) => e.id)).toEqual(['split.table', 'gbm.train', 'eval.model', 'eval.data', 'gate.metrics']);
    const model = edges.find((e) => e.id === 'eval.model')!;
    expect(model).toMatchObject({ source: 'gbm', sourceHandle: 'model', target: 'eval', targetHandle: 'model' });
    expect(model.style?.stroke).toBe(PORT_COLORS.model);
    expect(edges.find((e) => e.id === 'gbm.train')!.selected).toBe(true);
  });
});
