// What the editor's buttons and shortcuts do to the document: add, connect, delete, copy/paste, auto-layout.
// Each command is one edit, hence one undo step.
import { componentNameOf } from '../../shared/pipeline/components.js';
import { measuredSize, useCanvasStore } from '../state/canvas.js';
import { useClipboardStore } from '../state/clipboard.js';
import { libraryComponent } from '../state/component-library.js';
import { catalogFor } from '../state/document/catalog.js';
import { withComponentDefinition } from '../state/document/component-edits.js';
import { useGraphStore } from '../state/graph.js';
import { useNoticesStore } from '../state/notices.js';
import { useSelectionStore } from '../state/selection.js';
import { DEFAULT_NODE_SIZE, layeredLayout } from '../state/document/auto-layout.js';
import { checkConnection, obviousConnection, type ConnectionAttempt } from './connection-rules.js';
import type { PipelineDocument } from '../../shared/pipeline/schema.js';
import { addNode, connect, copyNodes, disconnect, pasteNodes, removeNodes, setParam, type Layout } from '../state/document/graph-edits.js';
import { clampInto, placeNewCard, type Box } from '../state/document/placement.js';
import { fitView, visibleFlowRect } from './viewport.js';

const graph = () => useGraphStore.getState();

function cardBox(id: string, position: { x: number; y: number }): Box {
  return { ...position, ...measuredSize(id) };
}

/**
 * Add a node, as one undo step. Dropped or quick-added nodes go where the user pointed; otherwise (click, Enter)
 * beside the selected node or in the middle of the view, on a free visible spot. A node added after a single
 * selected node is connected to it when the connection is obvious (see obviousConnection).
 */
export function addNodeAt(type: string, position?: { x: number; y: number }, params?: Record<string, unknown>): string | undefined {
  if (!graph().pipeline) return undefined;
  // A component from the project library brings its definition into the pipeline with it (same undo step).
  const componentName = componentNameOf(type);
  const library = componentName !== undefined ? libraryComponent(componentName) : undefined;
  const define = (doc: PipelineDocument) => (library ? withComponentDefinition(doc, library.name, library.spec) : ({ ok: true, doc } as const));
  if (!library && !catalogFor(graph().doc).get(type)) return undefined;
  const defined = define(graph().doc);
  if (!defined.ok) {
    useNoticesStore.getState().refuseConnection(defined.reason);
    return undefined;
  }
  const selected = useSelectionStore.getState().nodes;
  const anchor = selected.length === 1 ? useCanvasStore.getState().nodes.find((n) => n.id === selected[0]) : undefined;
  let at: { x: number; y: number };
  const view = visibleFlowRect() ?? { x: -400, y: -300, width: 800, height: 600 };
  if (position) at = clampInto({ x: position.x - DEFAULT_NODE_SIZE.width / 2, y: position.y - 40 }, DEFAULT_NODE_SIZE, view);
  else {
    const others = useCanvasStore.getState().nodes.filter((n) => !n.parentId).map((n) => cardBox(n.id, n.position));
    at = placeNewCard(DEFAULT_NODE_SIZE, view, others, anchor && cardBox(anchor.id, anchor.position));
  }
  let id = '';
  graph().edit((doc) => {
    const withDefinition = define(doc);
    const result = addNode(withDefinition.ok ? withDefinition.doc : doc, type, at);
    id = result.id;
    // Params given with the node (a dropped file's path) belong to the same undo step.
    const withParams = Object.entries(params ?? {}).reduce((d, [name, value]) => setParam(d, id, name, value), result.doc);
    const link = anchor && obviousConnection(withParams, catalogFor(withParams), anchor.id, type);
    return link ? connect(withParams, { node: anchor.id, port: link.sourceHandle }, { node: id, port: link.targetHandle }) : withParams;
  });
  useSelectionStore.getState().select([id]);
  return id;
}

/** Connect when the port types and the graph allow it, else show why not. */
export function connectPorts(attempt: ConnectionAttempt): boolean {
  const check = checkConnection(graph().doc, catalogFor(graph().doc), attempt);
  if (!check.ok) {
    useNoticesStore.getState().refuseConnection(check.reason);
    return false;
  }
  useNoticesStore.getState().clearConnection();
  graph().edit((doc) => connect(doc, { node: attempt.source!, port: attempt.sourceHandle! }, { node: attempt.target!, port: attempt.targetHandle! }));
  return true;
}

export function disconnectInput(node: string, port: string): void {
  graph().edit((doc) => disconnect(doc, { node, port }));
}

/** Delete the selected nodes and connections together (one undo step). */
export function deleteSelection(): void {
  const { nodes, edges } = useSelectionStore.getState();
  if (nodes.length === 0 && edges.length === 0) return;
  graph().edit((doc) => {
    let next = removeNodes(doc, nodes);
    for (const edge of edges) {
      const dot = edge.lastIndexOf('.');
      next = disconnect(next, { node: edge.slice(0, dot), port: edge.slice(dot + 1) });
    }
    return next;
  });
  useSelectionStore.getState().clear();
}

function currentPositions(): Layout {
  return Object.fromEntries(useCanvasStore.getState().nodes.map((n) => [n.id, n.position]));
}

export function copySelection(): boolean {
  const { nodes } = useSelectionStore.getState();
  if (nodes.length === 0) return false;
  useClipboardStore.setState({ clip: copyNodes(graph().doc, nodes, currentPositions()), pastes: 0 });
  return true;
}

export function pasteClipboard(): void {
  const { clip, pastes } = useClipboardStore.getState();
  if (!clip || clip.nodes.length === 0 || !graph().pipeline) return;
  const shift = 40 * (pastes + 1);
  let ids: string[] = [];
  graph().edit((doc) => {
    const result = pasteNodes(doc, clip, { x: shift, y: shift });
    ids = result.ids;
    return result.doc;
  });
  useClipboardStore.setState({ pastes: pastes + 1 });
  useSelectionStore.getState().select(ids);
}

export function selectAll(): void {
  useSelectionStore.getState().select(graph().doc.nodes.map((n) => n.id));
}

export function autoLayout(): void {
  graph().edit((doc) => ({ ...doc, layout: layeredLayout(doc, measuredSize) }));
  requestAnimationFrame(() => fitView());
}
