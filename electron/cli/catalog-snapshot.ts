// An entry of the CLI bundle run once at build time (bin/cli-bundle.mjs): the texts `plumb nodes` and
// `plumb nodes --json` print, stored in the bundle folder (named by the sources' content hash, so never stale).
import { nodeDeclarations } from '../../shared/catalog/index.js';
import { catalogJsonText, catalogText } from './catalog-text.js';

export function catalogSnapshot(): { text: string; json: string } {
  return { text: catalogText(nodeDeclarations), json: catalogJsonText(nodeDeclarations) };
}
