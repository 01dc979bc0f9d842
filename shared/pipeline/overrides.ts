// `plumb run --set node.param=value`: one param of one node replaced, the value read as YAML.
import type { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { catalogWithComponents } from './components.js';
import { issuesToError, type PipelineIssue } from './issues.js';
import { declaredParamNames, listNames, paramField, unknownTypeIssue, zodMessage } from './params.js';
import type { PipelineDocument } from './schema.js';
import { didYouMean } from './suggest.js';
import { parseYamlValue } from './yaml-source.js';

const OVERRIDE_PATTERN = /^([^.=\s]+)\.([^=\s]+)=(.*)$/s;

/** zod's reason the value does not fit the param, or undefined when it does. */
function valueProblem(field: z.ZodType, value: unknown): string | undefined {
  const checked = field.safeParse(value);
  return checked.success ? undefined : zodMessage(checked.error.issues[0]);
}

/**
 * A copy of `doc` with `--set node.param=value` overrides applied in order (a later one wins). The value is read
 * as YAML (`7`, `true`, `[a, b]`, `"quoted text"`); unknown nodes, unknown params and values of the wrong type
 * are invalid_input errors naming them.
 */
export function applyParamOverrides(
  doc: PipelineDocument,
  overrides: readonly string[],
  baseCatalog: Catalog,
): PipelineDocument {
  const catalog = catalogWithComponents(baseCatalog, doc.components);
  const issues: PipelineIssue[] = [];
  const nodes = doc.nodes.map((node) => ({ ...node, params: { ...node.params } }));
  const touched = new Set<number>();

  for (const override of overrides) {
    const match = OVERRIDE_PATTERN.exec(override);
    if (!match) {
      issues.push({ code: 'schema', message: `--set '${override}': expected node.param=value` });
      continue;
    }
    const [, id, name, text] = match;
    const index = nodes.findIndex((n) => n.id === id);
    if (index < 0) {
      const hint = didYouMean(id, nodes.map((n) => n.id));
      issues.push({ code: 'unknown_node', message: `--set '${override}': there is no node '${id}'${hint}`, node: id });
      continue;
    }
    const declaration = catalog.get(nodes[index].type);
    if (!declaration) {
      const issue = unknownTypeIssue(nodes[index], index, catalog);
      issues.push({ ...issue, message: `--set '${override}': ${issue.message}` });
      continue;
    }
    const field = paramField(declaration, name);
    if (!field) {
      const names = declaredParamNames(declaration);
      const hint = didYouMean(name, names) || ` (${declaration.type} takes ${listNames(names)})`;
      issues.push({
        code: 'unknown_param',
        message: `--set '${override}': node '${id}' has no param '${name}'${hint}`,
        node: id,
        key: name,
        path: ['nodes', index, 'params', name],
      });
      continue;
    }
    const parsed = parseYamlValue(text);
    const reason = 'error' in parsed ? parsed.error : valueProblem(field, parsed.value);
    if (reason !== undefined || !('value' in parsed)) {
      issues.push({
        code: 'param_type',
        message: `--set '${override}': param '${name}' of node '${id}': ${reason}`,
        node: id,
        key: name,
        path: ['nodes', index, 'params', name],
      });
      continue;
    }
    nodes[index].params[name] = parsed.value;
    touched.add(index);
  }
  if (issues.length > 0) throw issuesToError(issues);

  return {
    ...doc,
    nodes: doc.nodes.map((node, index) => (touched.has(index) ? nodes[index] : node)),
  };
}
