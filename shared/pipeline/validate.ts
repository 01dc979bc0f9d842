// Checks a pipeline against the node catalog: ids, types, params, connections (ports and their types), cycles, layout.
import type { Catalog } from '../catalog/catalog.js';
import type { NodeDeclaration, PortDeclaration } from '../catalog/define.js';
import { describeCycle, findCycle, parsePortRef } from './graph.js';
import type { PipelineIssue } from './issues.js';
import { checkNodeParams, unknownTypeIssue } from './params.js';
import { PORT_REF_PATTERN, type PipelineDocument, type PipelineNodeSpec } from './schema.js';
import { checkPipelineStructure } from './structure.js';
import { didYouMean } from './suggest.js';

function listPorts(ports: Record<string, PortDeclaration>): string {
  const names = Object.keys(ports);
  return names.length === 0 ? 'none' : names.join(', ');
}

/** `a model`, `an explanation`. */
function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

interface Located {
  node: PipelineNodeSpec;
  index: number;
  declaration?: NodeDeclaration;
}

function checkInputs(located: Located, byId: Map<string, Located>): PipelineIssue[] {
  const { node, index, declaration } = located;
  const issues: PipelineIssue[] = [];
  const written = node.inputs ?? {};

  for (const [port, ref] of Object.entries(written)) {
    const path = ['nodes', index, 'inputs', port];
    const inputDeclaration = declaration?.inputs[port];
    if (declaration && !inputDeclaration) {
      const hint = didYouMean(port, Object.keys(declaration.inputs)) || ` (inputs: ${listPorts(declaration.inputs)})`;
      issues.push({
        code: 'unknown_input',
        message: `node '${node.id}' (${node.type}) has no input '${port}'${hint}`,
        node: node.id,
        key: port,
        path,
      });
    }
    if (!PORT_REF_PATTERN.test(ref)) continue; // reported by the structure check
    const from = parsePortRef(ref);
    const source = byId.get(from.node);
    if (!source) {
      const hint = didYouMean(from.node, byId.keys());
      issues.push({
        code: 'unknown_node',
        message: `input '${port}' of node '${node.id}' refers to unknown node '${from.node}'${hint}`,
        node: node.id,
        key: port,
        path,
      });
      continue;
    }
    if (!source.declaration) continue;
    const output = source.declaration.outputs[from.port];
    if (!output) {
      const outputs = source.declaration.outputs;
      const hint = didYouMean(from.port, Object.keys(outputs)) || ` (outputs: ${listPorts(outputs)})`;
      issues.push({
        code: 'unknown_output',
        message:
          `input '${port}' of node '${node.id}' refers to '${ref}', ` +
          `but node '${from.node}' (${source.node.type}) has no output '${from.port}'${hint}`,
        node: node.id,
        key: port,
        path,
      });
      continue;
    }
    if (inputDeclaration && inputDeclaration.type !== output.type) {
      issues.push({
        code: 'port_type',
        message:
          `input '${port}' of node '${node.id}' takes ${withArticle(inputDeclaration.type)}, ` +
          `but '${ref}' is ${withArticle(output.type)}`,
        node: node.id,
        key: port,
        path,
      });
    }
  }

  for (const [port, input] of Object.entries(declaration?.inputs ?? {})) {
    if (input.optional || written[port] !== undefined) continue;
    issues.push({
      code: 'missing_input',
      message: `node '${node.id}' is missing required input '${port}' (${withArticle(input.type)})`,
      node: node.id,
      key: port,
      path: ['nodes', index, 'inputs', port],
    });
  }
  return issues;
}

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
export function validatePipeline(doc: PipelineDocument, catalog: Catalog): PipelineIssue[] {
  const structure = checkPipelineStructure(doc);
  if (!structure.document) return structure.issues;

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

  const ids = [...byId.keys()];
  for (const id of Object.keys(doc.layout ?? {})) {
    if (byId.has(id)) continue;
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
