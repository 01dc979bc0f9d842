// Auto-layout (dagre): every connection points right, and no two cards overlap or come closer than the gaps,
// whatever their heights — checked pairwise (brute force) on random graphs with random card sizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pipelineEdges } from '../../../../../shared/pipeline/graph.js';
import type { PipelineDocument } from '../../../../../shared/pipeline/schema.js';
import { COLUMN_GAP, DEFAULT_NODE_SIZE, layeredLayout, positionsFor, ROW_GAP, type NodeSize } from '../../../../../renderer/state/document/auto-layout.js';
import { randomDag } from '../../random-dags.js';

/** Random card heights (a card grows with errors, progress and problems), fixed width like the CSS card. */
const withSizes = randomDag.chain((dag) =>
  fc.tuple(fc.constant(dag), fc.array(fc.integer({ min: 60, max: 420 }), { minLength: dag.nodes.length, maxLength: dag.nodes.length })),
);

function sizeTable(dag: PipelineDocument, heights: number[]): (id: string) => NodeSize {
  const sizes = new Map(dag.nodes.map((n, i) => [n.id, { width: DEFAULT_NODE_SIZE.width, height: heights[i] }]));
  return (id) => sizes.get(id)!;
}

/** The room between two boxes along x and along y (negative = they overlap on that axis). */
function separation(a: { x: number; y: number } & NodeSize, b: { x: number; y: number } & NodeSize): { dx: number; dy: number } {
  return { dx: Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width)), dy: Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height)) };
}

describe('layeredLayout', () => {
  it('places every node, each reader right of what it reads with a column gap between', () => {
    fc.assert(
      fc.property(withSizes, ([dag, heights]) => {
        const size = sizeTable(dag, heights);
        const layout = layeredLayout(dag, size);
        expect(Object.keys(layout).sort()).toEqual(dag.nodes.map((n) => n.id).sort());
        for (const e of pipelineEdges(dag)) expect(layout[e.to.node].x - (layout[e.from.node].x + size(e.from.node).width)).toBeGreaterThanOrEqual(COLUMN_GAP - 1);
      }),
    );
  });

  it('never overlaps two cards: any pair is a row gap apart vertically or a column gap apart horizontally', () => {
    fc.assert(
      fc.property(withSizes, ([dag, heights]) => {
        const size = sizeTable(dag, heights);
        const layout = layeredLayout(dag, size);
        const boxes = dag.nodes.map((n) => ({ id: n.id, ...layout[n.id], ...size(n.id) }));
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const { dx, dy } = separation(boxes[i], boxes[j]);
            expect(dx >= COLUMN_GAP - 1 || dy >= ROW_GAP - 1, `${boxes[i].id} and ${boxes[j].id} too close: dx ${dx}, dy ${dy}`).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives a tall card its height: the next card in its column starts below it plus the row gap', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'fan',
      nodes: [
        { id: 'src', type: 'data.sql' },
        { id: 'a', type: 'data.sql', inputs: { t1: 'src.table' } },
        { id: 'b', type: 'data.sql', inputs: { t1: 'src.table' } },
      ],
    };
    const size = (id: string) => ({ width: 220, height: id === 'a' ? 400 : 100 });
    const layout = layeredLayout(doc, size);
    expect(layout.a.x).toBe(layout.b.x);
    const [upper, lower] = layout.a.y < layout.b.y ? ['a', 'b'] : ['b', 'a'];
    expect(layout[lower].y - (layout[upper].y + size(upper).height)).toBeGreaterThanOrEqual(ROW_GAP - 1);
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
