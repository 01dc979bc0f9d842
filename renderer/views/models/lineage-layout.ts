// Where the lineage graph's boxes go: one column per kind, inputs on the left (dataset versions → pipeline
// version → run → model version), boxes stacked and centred in their column; edges from a box's right side
// to the next box's left side.
import type { LineageView } from '../../../shared/api/lifecycle.js';

export type LineageKind = LineageView['graph']['nodes'][number]['kind'];
export const KIND_ORDER: readonly LineageKind[] = ['dataset', 'pipeline', 'run', 'model'];

export const BOX = { width: 160, height: 46, columnGap: 44, rowGap: 18, margin: 8 } as const;

export interface PlacedNode {
  id: string;
  kind: LineageKind;
  label: string;
  x: number;
  y: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  /** an SVG path from the source's right edge to the target's left edge */
  path: string;
}

export interface LineageLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export function layoutLineage(graph: LineageView['graph']): LineageLayout {
  const columns = KIND_ORDER.map((kind) => graph.nodes.filter((n) => n.kind === kind)).filter((c) => c.length > 0);
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const height = BOX.margin * 2 + tallest * BOX.height + (tallest - 1) * BOX.rowGap;
  const nodes: PlacedNode[] = columns.flatMap((column, col) => {
    const columnHeight = column.length * BOX.height + (column.length - 1) * BOX.rowGap;
    const top = (height - columnHeight) / 2;
    return column.map((n, row) => ({ ...n, x: BOX.margin + col * (BOX.width + BOX.columnGap), y: top + row * (BOX.height + BOX.rowGap) }));
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = graph.edges.flatMap((e) => {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) return [];
    const [x1, y1, x2, y2] = [a.x + BOX.width, a.y + BOX.height / 2, b.x, b.y + BOX.height / 2];
    const mid = (x1 + x2) / 2;
    return [{ from: e.from, to: e.to, path: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` }];
  });
  const width = BOX.margin * 2 + columns.length * BOX.width + Math.max(0, columns.length - 1) * BOX.columnGap;
  return { nodes, edges, width, height };
}
