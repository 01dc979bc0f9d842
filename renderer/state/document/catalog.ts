// The catalog the editor reads a document with: the node catalog plus one declaration per component the document
// defines (`component.<name>`), so cards, ports, connections and the inspector treat component nodes like any other.
import type { Catalog } from '../../../shared/catalog/catalog.js';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import { catalogWithComponents } from '../../../shared/pipeline/components.js';
import type { PipelineDocument } from '../../../shared/pipeline/schema.js';

let last: { components: PipelineDocument['components']; catalog: Catalog } | undefined;

/** Rebuilt only when the document's `components` change (edits elsewhere keep the same object). */
export function catalogFor(doc: Pick<PipelineDocument, 'components'>): Catalog {
  if (last && last.components === doc.components) return last.catalog;
  const catalog = catalogWithComponents(nodeCatalog, doc.components);
  last = { components: doc.components, catalog };
  return catalog;
}
