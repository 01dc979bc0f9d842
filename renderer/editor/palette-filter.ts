// The palette's content: node types grouped like the catalog, filtered by what the user typed.
import { NODE_GROUPS, type NodeDeclaration, type NodeGroup } from '../../shared/catalog/define.js';

/** The drag-and-drop data type carrying a node type from the palette to the canvas. */
export const NODE_DRAG_TYPE = 'application/x-plumb-node-type';

export interface PaletteGroup {
  group: NodeGroup;
  nodes: NodeDeclaration[];
}

/** Every word of the query must appear in the title, type or docs (case-insensitive); empty groups are left out. */
export function paletteGroups(declarations: readonly NodeDeclaration[], query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (d: NodeDeclaration) => {
    const text = `${d.title} ${d.type} ${d.docs}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  return NODE_GROUPS.map((group) => ({ group, nodes: declarations.filter((d) => d.group === group && matches(d)) })).filter((g) => g.nodes.length > 0);
}

export const GROUP_TITLES: Record<NodeGroup, string> = {
  data: 'Data',
  model: 'Models',
  evaluate: 'Evaluate',
  explain: 'Explain',
  monitor: 'Monitor',
  control: 'Control',
};

/** Library components whose name or inner nodes (ids, types) contain every word of the query. */
export function paletteComponents<C extends { name: string; spec: { nodes: readonly { id: string; type: string }[] } }>(components: readonly C[], query: string): C[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return components.filter((c) => {
    const text = `${c.name} component ${c.spec.nodes.map((n) => `${n.id} ${n.type}`).join(' ')}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
