// A catalog is a lookup of node declarations by type; duplicates are rejected at construction.
import type { NodeDeclaration } from './define.js';

export interface Catalog {
  get(type: string): NodeDeclaration | undefined;
  all(): readonly NodeDeclaration[];
}

export function createCatalog(declarations: readonly NodeDeclaration[]): Catalog {
  const byType = new Map<string, NodeDeclaration>();
  for (const d of declarations) {
    if (byType.has(d.type)) throw new Error(`node type '${d.type}' is declared twice`);
    byType.set(d.type, d);
  }
  return { get: (type) => byType.get(type), all: () => declarations };
}
