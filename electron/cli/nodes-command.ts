// `plumb nodes [--json]`: the node catalog, as JSON or as a readable list grouped like the palette.
import { nodeDeclarations } from '../../shared/catalog/index.js';
import { catalogJsonText, catalogText } from './catalog-text.js';
import { EXIT } from './exit-codes.js';

export function nodesCommand(json: boolean): number {
  process.stdout.write(json ? catalogJsonText(nodeDeclarations) : catalogText(nodeDeclarations));
  return EXIT.ok;
}
