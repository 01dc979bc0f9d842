// Auto-layout: dagre's layered (Sugiyama) layout, left to right, fed the cards' measured sizes so tall cards get
// the room they need.
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type { LayoutPosition, PipelineDocument } from '../../../shared/pipeline/schema.js';
import type { Layout } from './graph-edits.js';

export interface NodeSize {
  width: number;
  height: number;
}

export const DEFAULT_NODE_SIZE: NodeSize = { width: 220, height: 120 };
/** Horizontal room between columns: enough for a connection's curve and its port labels. */
export const COLUMN_GAP = 90;
/** Vertical room between cards of one column. */
export const ROW_GAP = 48;

const parentsOf = (doc: PipelineDocument, ids: ReadonlySet<string>) =>
  new Map(doc.nodes.map((n) => [n.id, [...new Set(Object.values(n.inputs ?? {}).map((r) => r.slice(0, r.indexOf('.'))))].filter((p) => ids.has(p) && p !== n.id)]));

/** Top-left positions from dagre (which works with centres), every card separated by at least the gaps above. */
export function layeredLayout(doc: PipelineDocument, sizeOf: (id: string) => NodeSize = () => DEFAULT_NODE_SIZE): Layout {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph = new Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: ROW_GAP, ranksep: COLUMN_GAP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const sizes = new Map<string, NodeSize>();
  for (const id of ids) {
    const size = sizeOf(id);
    sizes.set(id, size);
    graph.setNode(id, { width: size.width, height: size.height });
  }
  for (const [child, parents] of parentsOf(doc, ids)) for (const parent of parents) graph.setEdge(parent, child);
  dagreLayout(graph);
  const result: Layout = {};
  for (const id of ids) {
    const { x, y } = graph.node(id);
    const size = sizes.get(id)!;
    result[id] = { x: Math.round(x - size.width / 2), y: Math.round(y - size.height / 2) };
  }
  return result;
}

/**
 * Positions for every node: the document's layout, and for nodes without one (e.g. YAML written by hand) a
 * layered layout placed below what is already laid out.
 */
export function positionsFor(doc: PipelineDocument, sizeOf?: (id: string) => NodeSize): Layout {
  const given = doc.layout ?? {};
  const missing = doc.nodes.filter((n) => !given[n.id]);
  if (missing.length === 0) return given;
  const auto = layeredLayout(doc, sizeOf);
  const placed = doc.nodes.filter((n) => given[n.id]);
  if (placed.length === 0) return { ...auto };
  const bottom = Math.max(...placed.map((n) => given[n.id].y + (sizeOf ?? (() => DEFAULT_NODE_SIZE))(n.id).height));
  const top = Math.min(...missing.map((n) => auto[n.id].y));
  const left = Math.min(...placed.map((n) => given[n.id].x));
  const result: Layout = { ...given };
  for (const n of missing) result[n.id] = { x: auto[n.id].x + left, y: auto[n.id].y - top + bottom + ROW_GAP * 2 } satisfies LayoutPosition;
  return result;
}
