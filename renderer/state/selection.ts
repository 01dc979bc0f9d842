// What is selected on the canvas: node ids and edge ids ("target.port"). Pruned when the document loses them.
import { create } from 'zustand';
import { edgeIdOf } from './document/flow-elements.js';
import { useGraphStore } from './graph.js';

export interface SelectionState {
  nodes: string[];
  edges: string[];
  /** a node the canvas should bring into view; `seq` makes asking twice for the same node count */
  focus: { node: string; seq: number } | null;
  select(nodes: string[], edges?: string[]): void;
  clear(): void;
  /** Select one node and ask the canvas to centre it (a failed node, a problem picked in the list). */
  reveal(node: string): void;
}

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  nodes: [],
  edges: [],
  focus: null,
  select: (nodes, edges = []) => set({ nodes, edges }),
  clear: () => set({ nodes: [], edges: [] }),
  reveal: (node) => set({ nodes: [node], edges: [], focus: { node, seq: (get().focus?.seq ?? 0) + 1 } }),
}));

/** The one selected node, when exactly one is selected. */
export const selectSingleNode = (s: SelectionState): string | undefined => (s.nodes.length === 1 ? s.nodes[0] : undefined);

useGraphStore.subscribe((graph, before) => {
  if (graph.doc === before.doc) return;
  const { nodes, edges } = useSelectionStore.getState();
  const ids = new Set(graph.doc.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.doc.nodes.flatMap((n) => Object.keys(n.inputs ?? {}).map((port) => edgeIdOf(n.id, port))));
  const keptNodes = nodes.filter((id) => ids.has(id));
  const keptEdges = edges.filter((id) => edgeIds.has(id));
  if (keptNodes.length !== nodes.length || keptEdges.length !== edges.length) useSelectionStore.setState({ nodes: keptNodes, edges: keptEdges });
});
