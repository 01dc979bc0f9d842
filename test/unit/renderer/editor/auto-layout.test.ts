// Auto-layout: columns follow the longest path from a source (checked by brute-force relaxation), every
// connection points right, and cards in one column never overlap.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pipelineEdges } from '../../../../shared/pipeline/graph.js';
import type { PipelineDocument } from '../../../../shared/pipeline/schema.js';
import { DEFAULT_NODE_SIZE, layeredLayout, nodeDepths, positionsFor } from '../../../../renderer/editor/auto-layout.js';
import { randomDag } from '../random-dags.js';

/** Longest path lengths by Bellman-Ford-style relaxation: n rounds of depth(child) ≥ depth(parent) + 1. */
function longestPaths(doc: PipelineDocument): Map<string, number> {
  const depth = new Map(doc.nodes.map((n) => [n.id, 0]));
  const links = pipelineEdges(doc);
  for (let round = 0; round < doc.nodes.length; round++) {
    for (const e of links) depth.set(e.to.node, Math.max(depth.get(e.to.node)!, depth.get(e.from.node)! + 1));
  }
  return depth;
}

describe('layeredLayout', () => {
  it('puts each node in the column of its longest path from a source', () => {
    fc.assert(
      fc.property(randomDag, (dag) => {
        expect(nodeDepths(dag)).toEqual(longestPaths(dag));
      }),
    );
  });

  it('places every reader right of what it reads, without overlaps within a column', () => {
    const size = (id: string) => ({ width: 200, height: 60 + (id.length % 3) * 40 });
    fc.assert(
      fc.property(randomDag, (dag) => {
        const layout = layeredLayout(dag, size);
        expect(Object.keys(layout).sort()).toEqual(dag.nodes.map((n) => n.id).sort());
        for (const e of pipelineEdges(dag)) expect(layout[e.from.node].x).toBeLessThan(layout[e.to.node].x);
        const byColumn = new Map<number, string[]>();
        for (const [id, p] of Object.entries(layout)) byColumn.set(p.x, [...(byColumn.get(p.x) ?? []), id]);
        for (const column of byColumn.values()) {
          const boxes = column.map((id) => ({ top: layout[id].y, bottom: layout[id].y + size(id).height })).sort((a, b) => a.top - b.top);
          for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
        }
      }),
    );
  });

  it('survives a cycle in a hand-written document', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'loop',
      nodes: [
        { id: 'a', type: 'data.sql', inputs: { t1: 'b.table' } },
        { id: 'b', type: 'data.sql', inputs: { t1: 'a.table' } },
      ],
    };
    const layout = layeredLayout(doc);
    expect(Object.keys(layout).sort()).toEqual(['a', 'b']);
    expect(layout.a).not.toEqual(layout.b);
  });
});

describe('positionsFor', () => {
  it('keeps given positions and puts unplaced nodes below them without overlap', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'p',
      nodes: [
        { id: 'a', type: 'data.sql' },
        { id: 'b', type: 'data.sql', inputs: { t1: 'a.table' } },
        { id: 'c', type: 'data.sql', inputs: { t1: 'b.table' } },
      ],
      layout: { a: { x: 100, y: 50 } },
    };
    const positions = positionsFor(doc);
    expect(positions.a).toEqual({ x: 100, y: 50 });
    expect(positions.b.y).toBeGreaterThanOrEqual(50 + DEFAULT_NODE_SIZE.height);
    expect(positions.c.x).toBeGreaterThan(positions.b.x);
    expect(positionsFor({ ...doc, layout: { a: { x: 1, y: 2 }, b: { x: 3, y: 4 }, c: { x: 5, y: 6 } } })).toEqual({ a: { x: 1, y: 2 }, b: { x: 3, y: 4 }, c: { x: 5, y: 6 } });
  });
});
