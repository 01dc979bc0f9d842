// Checking one node's input connections against the declarations of the nodes they read from.
import type { NodeDeclaration, PortDeclaration } from '../catalog/define.js';
import { parsePortRef } from './graph.js';
import type { PipelineIssue } from './issues.js';
import { PORT_REF_PATTERN, type PipelineNodeSpec } from './schema.js';
import { didYouMean } from './suggest.js';

export function listPorts(ports: Record<string, PortDeclaration>): string {
  const names = Object.keys(ports);
  return names.length === 0 ? 'none' : names.join(', ');
}

/** `a model`, `an explanation`. */
export function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

export interface Located {
  node: PipelineNodeSpec;
  index: number;
  declaration?: NodeDeclaration;
}

export function checkInputs(located: Located, byId: Map<string, Located>): PipelineIssue[] {
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
