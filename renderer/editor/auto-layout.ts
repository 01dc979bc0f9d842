// Auto-layout: nodes in columns by topological depth (longest path from a source), each column ordered by the
// mean row of the nodes feeding it so edges cross less, and stacked without overlap.
import type { LayoutPosition, PipelineDocument } from '../../shared/pipeline/schema.js';
import type { Layout } from './graph-edits.js';

export interface NodeSize {
  width: number;
  height: number;
}

export const DEFAULT_NODE_SIZE: NodeSize = { width: 220, height: 120 };
const COLUMN_GAP = 80;
const ROW_GAP = 40;

/** Depth of every node: 0 for nodes that read from no node of the document, else 1 + the deepest node it reads. */
export function nodeDepths(doc: PipelineDocument): Map<string, number> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const parents = new Map(
    doc.nodes.map((n) => [n.id, [...new Set(Object.values(n.inputs ?? {}).map((r) => r.slice(0, r.indexOf('.'))))].filter((p) => ids.has(p) && p !== n.id)]),
  );
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  // Depth-first with memo; a node met again while being visited closes a cycle, and that edge is ignored.
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return -1;
    visiting.add(id);
    let d = 0;
    for (const p of parents.get(id) ?? []) d = Math.max(d, visit(p) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const n of doc.nodes) visit(n.id);
  return depth;
}

export function layeredLayout(doc: PipelineDocument, sizeOf: (id: string) => NodeSize = () => DEFAULT_NODE_SIZE): Layout {
  const depths = nodeDepths(doc);
  const columns: string[][] = [];
  for (const n of doc.nodes) {
    const column = (columns[depths.get(n.id)!] ??= []);
    if (!column.includes(n.id)) column.push(n.id);
  }
  const parents = new Map(doc.nodes.map((n) => [n.id, Object.values(n.inputs ?? {}).map((r) => r.slice(0, r.indexOf('.')))]));
  const row = new Map<string, number>();
  const layout: Layout = {};
  let x = 0;
  for (const column of columns) {
    if (!column) continue;
    const order = column
      .map((id, i) => {
        const rows = (parents.get(id) ?? []).map((p) => row.get(p)).filter((r): r is number => r !== undefined);
        return { id, key: rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : i, i };
      })
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((e) => e.id);
    order.forEach((id, i) => row.set(id, i));
    const sizes = order.map(sizeOf);
    const total = sizes.reduce((sum, s) => sum + s.height, 0) + ROW_GAP * (order.length - 1);
    let y = -total / 2;
    order.forEach((id, i) => {
      layout[id] = { x, y: Math.round(y) };
      y += sizes[i].height + ROW_GAP;
    });
    x += Math.max(...sizes.map((s) => s.width)) + COLUMN_GAP;
  }
  return layout;
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
