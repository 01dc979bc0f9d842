// The params the engine runs with: every node's written params parsed by its declaration, defaults filled in.
import type { Catalog } from '../catalog/catalog.js';
import { catalogWithComponents } from './components.js';
import { issuesToError, type PipelineIssue } from './issues.js';
import { checkNodeParams, unknownTypeIssue } from './params.js';
import type { PipelineDocument } from './schema.js';

/** Node id → params parsed by the declaration with defaults filled in; throws invalid_input on any param problem. */
export function resolveParams(doc: PipelineDocument, baseCatalog: Catalog): Map<string, Record<string, unknown>> {
  const catalog = catalogWithComponents(baseCatalog, doc.components);
  const resolved = new Map<string, Record<string, unknown>>();
  const issues: PipelineIssue[] = [];
  doc.nodes.forEach((node, index) => {
    const declaration = catalog.get(node.type);
    if (!declaration) {
      issues.push(unknownTypeIssue(node, index, catalog));
      return;
    }
    const checked = checkNodeParams(node, index, declaration);
    issues.push(...checked.issues);
    if (checked.params) resolved.set(node.id, checked.params);
  });
  if (issues.length > 0) throw issuesToError(issues);
  return resolved;
}
