// What is selected on the canvas: node ids and edge ids ("target.port"). Pruned when the document loses them.
import { create } from 'zustand';
import { edgeIdOf } from '../editor/flow-elements.js';
import { useGraphStore } from './graph.js';

export interface SelectionState {
  nodes: string[];
  edges: string[];
  select(nodes: string[], edges?: string[]): void;
  clear(): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  nodes: [],
  edges: [],
  select: (nodes, edges = []) => set({ nodes, edges }),
  clear: () => set({ nodes: [], edges: [] }),
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
