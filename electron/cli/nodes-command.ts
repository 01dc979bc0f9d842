// `plumb nodes [--json]`: the node catalog, as JSON or as a readable list grouped like the palette.
import { nodeDeclarations } from '../../shared/catalog/index.js';
import { NODE_GROUPS } from '../../shared/catalog/define.js';
import { catalogToJson } from './catalog-json.js';
import { EXIT } from './exit-codes.js';

export function nodesCommand(json: boolean): number {
  if (json) {
    process.stdout.write(`${JSON.stringify(catalogToJson(nodeDeclarations), null, 2)}\n`);
    return EXIT.ok;
  }
  const lines: string[] = [];
  for (const group of NODE_GROUPS) {
    const nodes = nodeDeclarations.filter((d) => d.group === group);
    if (!nodes.length) continue;
    lines.push(`${group}:`);
    for (const d of nodes) {
      const ports = (record: object) => Object.keys(record).join(', ') || '-';
      lines.push(`  ${d.type.padEnd(32)} ${d.title}  [in: ${ports(d.inputs)} → out: ${ports(d.outputs)}]`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
