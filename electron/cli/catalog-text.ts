// What `plumb nodes [--json]` prints, as text: also written beside the CLI bundle at build time
// (catalog-snapshot.ts), so bin/plumb.mjs prints it without loading the catalog.
import { NODE_GROUPS, type NodeDeclaration } from '../../shared/catalog/define.js';
import { catalogToJson } from './catalog-json.js';

export function catalogJsonText(declarations: readonly NodeDeclaration[]): string {
  return `${JSON.stringify(catalogToJson(declarations), null, 2)}\n`;
}

export function catalogText(declarations: readonly NodeDeclaration[]): string {
  const lines: string[] = [];
  for (const group of NODE_GROUPS) {
    const nodes = declarations.filter((d) => d.group === group);
    if (!nodes.length) continue;
    lines.push(`${group}:`);
    for (const d of nodes) {
      const ports = (record: object) => Object.keys(record).join(', ') || '-';
      lines.push(`  ${d.type.padEnd(32)} ${d.title}  [in: ${ports(d.inputs)} → out: ${ports(d.outputs)}]`);
    }
  }
  return `${lines.join('\n')}\n`;
}
