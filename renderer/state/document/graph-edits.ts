// Edits of the pipeline document as pure functions (new document out, untouched nodes keep their identity),
// so the store, undo/redo and the tests all see the same plain data.
import type { PortRef } from '../../../shared/pipeline/graph.js';
import { NODE_ID_PATTERN, type LayoutPosition, type PipelineDocument, type PipelineNodeSpec } from '../../../shared/pipeline/schema.js';

export type Layout = Record<string, LayoutPosition>;

const refNode = (ref: string) => ref.slice(0, ref.indexOf('.'));

export function emptyDocument(name: string): PipelineDocument {
  return { plumb: 1, name, nodes: [] };
}

/** A fresh id from the type's short name: data.read_csv → read_csv, read_csv_2, … */
export function nextNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let base = (type.slice(type.indexOf('.') + 1) || 'node').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (!/^[a-z]/.test(base)) base = `n_${base}`;
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

export function addNode(doc: PipelineDocument, type: string, position: LayoutPosition): { doc: PipelineDocument; id: string } {
  const id = nextNodeId(type, doc.nodes.map((n) => n.id));
  return {
    id,
    doc: { ...doc, nodes: [...doc.nodes, { id, type }], layout: { ...doc.layout, [id]: roundPosition(position) } },
  };
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

function setInputs(node: PipelineNodeSpec, inputs: Record<string, string>): PipelineNodeSpec {
  const { inputs: _old, ...rest } = node;
  return Object.keys(inputs).length > 0 ? { ...rest, inputs } : rest;
}

/** Remove nodes, their layout and every input that read from them. */
export function removeNodes(doc: PipelineDocument, ids: Iterable<string>): PipelineDocument {
  const gone = new Set(ids);
  if (gone.size === 0) return doc;
  const nodes = doc.nodes
    .filter((n) => !gone.has(n.id))
    .map((n) => {
      const inputs = n.inputs ?? {};
      const kept = Object.fromEntries(Object.entries(inputs).filter(([, ref]) => !gone.has(refNode(ref))));
      return Object.keys(kept).length === Object.keys(inputs).length ? n : setInputs(n, kept);
    });
  // `prep/split` positions an inner node of component node `prep` (expanded view): it goes with `prep`.
  const layout = doc.layout && Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !gone.has(id.split('/')[0])));
  return { ...doc, nodes, ...(layout ? { layout } : {}) };
}

function mapNode(doc: PipelineDocument, id: string, change: (node: PipelineNodeSpec) => PipelineNodeSpec): PipelineDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (n.id !== id) return n;
    const next = change(n);
    changed ||= next !== n;
    return next;
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Output `from` feeds input `to` (replacing whatever fed it before). */
export function connect(doc: PipelineDocument, from: PortRef, to: PortRef): PipelineDocument {
  const ref = `${from.node}.${from.port}`;
  return mapNode(doc, to.node, (n) => (n.inputs?.[to.port] === ref ? n : setInputs(n, { ...n.inputs, [to.port]: ref })));
}

export function disconnect(doc: PipelineDocument, to: PortRef): PipelineDocument {
  return mapNode(doc, to.node, (n) => (n.inputs && to.port in n.inputs ? setInputs(n, withoutKey(n.inputs, to.port)) : n));
}

/** Set one param; undefined removes it (the declared default applies). */
export function setParam(doc: PipelineDocument, id: string, name: string, value: unknown): PipelineDocument {
  return mapNode(doc, id, (n) => {
    const params = n.params ?? {};
    if (value === undefined) {
      if (!(name in params)) return n;
      const rest = withoutKey(params, name);
      const { params: _old, ...node } = n;
      return Object.keys(rest).length > 0 ? { ...node, params: rest } : node;
    }
    if (JSON.stringify(params[name]) === JSON.stringify(value)) return n;
    return { ...n, params: { ...params, [name]: value } };
  });
}

/** Why `to` cannot be the new id of `from`, or undefined when it can. */
export function nodeIdProblem(doc: PipelineDocument, from: string, to: string): string | undefined {
  if (to === from) return undefined;
  if (!NODE_ID_PATTERN.test(to)) return 'A node id starts with a lower-case letter and uses only a-z, 0-9 and _';
  if (doc.nodes.some((n) => n.id === to)) return `There is already a node ${to}`;
  return undefined;
}

/** Rename a node everywhere: its id, the inputs that read from it and its layout entry. */
export function renameNode(doc: PipelineDocument, from: string, to: string): PipelineDocument {
  if (from === to || nodeIdProblem(doc, from, to)) return doc;
  const nodes = doc.nodes.map((n) => {
    const inputs = n.inputs ?? {};
    const reads = Object.values(inputs).some((ref) => refNode(ref) === from);
    const renamed = n.id === from ? { ...n, id: to } : n;
    if (!reads) return renamed;
    return setInputs(renamed, Object.fromEntries(Object.entries(inputs).map(([port, ref]) => [port, refNode(ref) === from ? `${to}${ref.slice(from.length)}` : ref])));
  });
  const layout = doc.layout && Object.fromEntries(Object.entries(doc.layout).map(([id, p]) => [id === from ? to : id.startsWith(`${from}/`) ? `${to}${id.slice(from.length)}` : id, p]));
  return { ...doc, nodes, ...(layout ? { layout } : {}) };
}

function roundPosition(p: LayoutPosition): LayoutPosition {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

export function moveNodes(doc: PipelineDocument, positions: Layout): PipelineDocument {
  const known = new Set(doc.nodes.map((n) => n.id));
  const entries = Object.entries(positions).filter(([id]) => known.has(id));
  const layout = { ...doc.layout };
  let changed = false;
  for (const [id, p] of entries) {
    const rounded = roundPosition(p);
    if (layout[id]?.x === rounded.x && layout[id]?.y === rounded.y) continue;
    layout[id] = rounded;
    changed = true;
  }
  return changed ? { ...doc, layout } : doc;
}

/** Nodes as copied to the clipboard: their specs (inputs only among themselves) and positions. */
export interface NodeClip {
  nodes: PipelineNodeSpec[];
  layout: Layout;
}

export function copyNodes(doc: PipelineDocument, ids: Iterable<string>, positions: Layout): NodeClip {
  const chosen = new Set(ids);
  const nodes = doc.nodes
    .filter((n) => chosen.has(n.id))
    .map((n) => {
      const inside = Object.fromEntries(Object.entries(n.inputs ?? {}).filter(([, ref]) => chosen.has(refNode(ref))));
      return structuredClone(setInputs(n, inside));
    });
  const layout = Object.fromEntries(nodes.filter((n) => positions[n.id]).map((n) => [n.id, { ...positions[n.id] }]));
  return { nodes, layout };
}

/** Add copies of clipped nodes under fresh ids, shifted by `offset`, with their connections among themselves. */
export function pasteNodes(doc: PipelineDocument, clip: NodeClip, offset: LayoutPosition): { doc: PipelineDocument; ids: string[] } {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = taken.has(n.id) ? nextNodeId(n.id.replace(/_\d+$/, '') || n.type, taken) : n.id;
    taken.add(id);
    rename.set(n.id, id);
  }
  const pasted = clip.nodes.map((n) => {
    const inputs = Object.fromEntries(
      Object.entries(n.inputs ?? {})
        .filter(([, ref]) => rename.has(refNode(ref)))
        .map(([port, ref]) => [port, `${rename.get(refNode(ref))}${ref.slice(refNode(ref).length)}`]),
    );
    return setInputs({ ...structuredClone(n), id: rename.get(n.id)! }, inputs);
  });
  const layout: Layout = { ...doc.layout };
  clip.nodes.forEach((n, i) => {
    const at = clip.layout[n.id] ?? { x: i * 40, y: i * 40 };
    layout[rename.get(n.id)!] = roundPosition({ x: at.x + offset.x, y: at.y + offset.y });
  });
  return { doc: { ...doc, nodes: [...doc.nodes, ...pasted], layout }, ids: pasted.map((n) => n.id) };
}
