// Checks a pipeline against the node catalog: ids, types, params, connections (ports and their types), cycles, layout.
import type { Catalog } from '../catalog/catalog.js';
import { checkComponents } from './component-checks.js';
import { catalogWithComponents, layoutIds } from './components.js';
import { checkInputs, type Located } from './connections.js';
import { describeCycle, findCycle, parsePortRef } from './graph.js';
import type { PipelineIssue } from './issues.js';
import { checkNodeParams, unknownTypeIssue } from './params.js';
import { PORT_REF_PATTERN, type PipelineDocument } from './schema.js';
import { checkPipelineStructure } from './structure.js';
import { didYouMean } from './suggest.js';

function cycleIssue(doc: PipelineDocument, byId: Map<string, Located>): PipelineIssue[] {
  const cycle = findCycle(doc);
  if (!cycle) return [];
  const first = byId.get(cycle[0])!;
  const feeder = cycle[cycle.length - 1];
  const port = Object.entries(first.node.inputs ?? {}).find(
    ([, ref]) => PORT_REF_PATTERN.test(ref) && parsePortRef(ref).node === feeder,
  )?.[0];
  return [
    {
      code: 'cycle',
      message: `the pipeline has a cycle: ${describeCycle(cycle)}`,
      node: first.node.id,
      key: port,
      path: port === undefined ? ['nodes', first.index] : ['nodes', first.index, 'inputs', port],
    },
  ];
}

/**
 * Every problem that would stop the pipeline from running, node by node; an empty list means the pipeline is valid.
 * The structure is checked first, and when it is wrong nothing else is. Issues carry paths, not lines.
 */
export function validatePipeline(doc: PipelineDocument, baseCatalog: Catalog): PipelineIssue[] {
  const structure = checkPipelineStructure(doc);
  if (!structure.document) return structure.issues;
  const catalog = catalogWithComponents(baseCatalog, doc.components);

  const issues: PipelineIssue[] = [];
  const byId = new Map<string, Located>();
  doc.nodes.forEach((node, index) => {
    const first = byId.get(node.id);
    if (first) {
      issues.push({
        code: 'duplicate_id',
        message: `node id '${node.id}' is used twice (nodes #${first.index + 1} and #${index + 1})`,
        node: node.id,
        key: 'id',
        path: ['nodes', index, 'id'],
      });
      return;
    }
    byId.set(node.id, { node, index, declaration: catalog.get(node.type) });
  });

  doc.nodes.forEach((node, index) => {
    const declaration = catalog.get(node.type);
    if (!declaration) issues.push(unknownTypeIssue(node, index, catalog));
    else issues.push(...checkNodeParams(node, index, declaration).issues);
    issues.push(...checkInputs({ node, index, declaration }, byId));
  });

  issues.push(...cycleIssue(doc, byId));
  issues.push(...checkComponents(doc, catalog));

  const ids = layoutIds(doc);
  const positioned = new Set(ids);
  for (const id of Object.keys(doc.layout ?? {})) {
    if (positioned.has(id)) continue;
    issues.push({
      code: 'layout_unknown_node',
      message: `layout has a position for '${id}', which is not a node of the pipeline${didYouMean(id, ids)}`,
      node: id,
      key: id,
      path: ['layout', id],
    });
  }
  return issues;
}
