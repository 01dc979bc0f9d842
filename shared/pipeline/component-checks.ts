// Checks of `components:` (SPEC §3): each definition (inner nodes, `in.<port>`, `${param}`, outputs, recursion)
// and each node using one (the values it gives the component's params, checked where inner nodes use them).
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { NodeDeclaration } from '../catalog/define.js';
import {
  COMPONENT_INPUT_NODE,
  componentCycle,
  componentNameOf,
  componentParamValues,
  hasDefault,
  paramReferences,
  substituteParams,
} from './components.js';
import { checkInputs, listPorts, type Located } from './connections.js';
import { describeCycle, findCycle, parsePortRef } from './graph.js';
import type { DocumentPath, PipelineIssue } from './issues.js';
import { checkNodeParams, unknownTypeIssue } from './params.js';
import { PORT_REF_PATTERN, type ComponentSpec, type PipelineDocument, type PipelineNodeSpec } from './schema.js';
import { didYouMean } from './suggest.js';

/** An issue found on the component's inner nodes as if they were a pipeline, moved under `components.<name>`. */
function inComponent(name: string, issue: PipelineIssue): PipelineIssue {
  const path: DocumentPath | undefined = issue.path && ['components', name, ...issue.path];
  return { ...issue, message: `component '${name}': ${issue.message}`, ...(path ? { path } : {}) };
}

/** The component's inputs as the outputs of a node named `in`, so inner connections are checked like any other. */
function inputsNode(name: string, spec: ComponentSpec): Located {
  const outputs = Object.fromEntries(Object.entries(spec.inputs ?? {}).map(([port, type]) => [port, { type }]));
  const type = `inputs of component ${name}`;
  const declaration: NodeDeclaration = {
    type,
    version: 1,
    group: 'component',
    title: type,
    docs: type,
    inputs: {},
    outputs,
    params: z.object({}),
  };
  return { node: { id: COMPONENT_INPUT_NODE, type }, index: -1, declaration };
}

/**
 * The inner node's params with `${param}` replaced by the component's defaults, for checking the definition alone.
 * Params using a component param without a default are left out (checked on each node using the component), and so
 * are params naming an undefined one (reported instead).
 */
function paramsWithDefaults(
  name: string,
  spec: ComponentSpec,
  node: PipelineNodeSpec,
  index: number,
): { params: Record<string, unknown>; skipped: Set<string>; issues: PipelineIssue[] } {
  const defaults = componentParamValues(spec, undefined);
  const declared = Object.keys(spec.params ?? {});
  const params: Record<string, unknown> = {};
  const skipped = new Set<string>();
  const issues: PipelineIssue[] = [];
  for (const [key, value] of Object.entries(node.params ?? {})) {
    const references = paramReferences(value);
    const unknown = references.filter((ref) => !declared.includes(ref));
    for (const ref of unknown) {
      const hint = didYouMean(ref, declared) || ` (component '${name}' has ${declared.length ? `params ${declared.join(', ')}` : 'no params'})`;
      issues.push({
        code: 'component_param',
        message: `component '${name}': param '${key}' of node '${node.id}' uses '\${${ref}}', which is not a param of the component${hint}`,
        node: node.id,
        key,
        path: ['components', name, 'nodes', index, 'params', key],
      });
    }
    if (unknown.length > 0 || references.some((ref) => !hasDefault(spec, ref))) skipped.add(key);
    else params[key] = substituteParams(value, defaults);
  }
  return { params, skipped, issues };
}

function checkDefinition(name: string, spec: ComponentSpec, catalog: Catalog): PipelineIssue[] {
  const issues: PipelineIssue[] = [];
  const byId = new Map<string, Located>([[COMPONENT_INPUT_NODE, inputsNode(name, spec)]]);
  spec.nodes.forEach((node, index) => {
    const path = ['components', name, 'nodes', index, 'id'];
    if (node.id === COMPONENT_INPUT_NODE) {
      const message = `component '${name}': node id '${COMPONENT_INPUT_NODE}' is reserved for the component's inputs (in.<port>)`;
      issues.push({ code: 'duplicate_id', message, node: node.id, key: 'id', path });
      return;
    }
    const first = byId.get(node.id);
    if (first) {
      const message = `component '${name}': node id '${node.id}' is used twice (nodes #${first.index + 1} and #${index + 1})`;
      issues.push({ code: 'duplicate_id', message, node: node.id, key: 'id', path });
      return;
    }
    byId.set(node.id, { node, index, declaration: catalog.get(node.type) });
  });

  spec.nodes.forEach((node, index) => {
    const declaration = catalog.get(node.type);
    if (!declaration) {
      issues.push(inComponent(name, unknownTypeIssue(node, index, catalog)));
    } else {
      const { params, skipped, issues: paramIssues } = paramsWithDefaults(name, spec, node, index);
      issues.push(...paramIssues);
      const checked = checkNodeParams({ ...node, params }, index, declaration).issues;
      // A skipped param is not missing: its value comes from the node using the component.
      const kept = checked.filter((issue) => !(issue.code === 'missing_param' && issue.key !== undefined && skipped.has(issue.key)));
      issues.push(...kept.map((issue) => inComponent(name, issue)));
    }
    issues.push(...checkInputs({ node, index, declaration }, byId).map((issue) => inComponent(name, issue)));
  });

  const cycle = findCycle({ name, nodes: spec.nodes.filter((n) => n.id !== COMPONENT_INPUT_NODE) });
  if (cycle) {
    const index = spec.nodes.findIndex((n) => n.id === cycle[0]);
    issues.push({
      code: 'cycle',
      message: `component '${name}' has a cycle: ${describeCycle(cycle)}`,
      node: cycle[0],
      path: ['components', name, 'nodes', index],
    });
  }

  for (const [port, ref] of Object.entries(spec.outputs ?? {})) {
    if (!PORT_REF_PATTERN.test(ref)) continue; // reported by the structure check
    const from = parsePortRef(ref);
    const source = from.node === COMPONENT_INPUT_NODE ? undefined : byId.get(from.node);
    const path = ['components', name, 'outputs', port];
    if (!source) {
      const inner = spec.nodes.map((n) => n.id);
      const hint = from.node === COMPONENT_INPUT_NODE ? ' (an output must come from an inner node)' : didYouMean(from.node, inner) || ` (nodes: ${inner.join(', ') || 'none'})`;
      issues.push({ code: 'component_output', message: `output '${port}' of component '${name}' refers to unknown node '${from.node}'${hint}`, key: port, path });
    } else if (source.declaration && !source.declaration.outputs[from.port]) {
      const outputs = source.declaration.outputs;
      const hint = didYouMean(from.port, Object.keys(outputs)) || ` (outputs: ${listPorts(outputs)})`;
      issues.push({
        code: 'component_output',
        message: `output '${port}' of component '${name}' refers to '${ref}', but node '${from.node}' (${source.node.type}) has no output '${from.port}'${hint}`,
        key: port,
        path,
      });
    }
  }
  return issues;
}

/** The first inner node of `name` that uses the next component of `cycle`, for the issue's position. */
function recursionIssue(name: string, spec: ComponentSpec, cycle: string[]): PipelineIssue {
  const index = spec.nodes.findIndex((n) => componentNameOf(n.type) === cycle[1]);
  return {
    code: 'component_recursion',
    message: `component '${name}' contains itself: ${cycle.join(' → ')}`,
    node: spec.nodes[index]?.id,
    key: 'type',
    path: ['components', name, 'nodes', index, 'type'],
  };
}

/**
 * The values a node gives a component's params, checked by the inner params that use them. Only params whose value
 * comes from this node are looked at: the defaults were checked with the definition.
 */
function checkUse(node: PipelineNodeSpec, index: number, name: string, spec: ComponentSpec, catalog: Catalog): PipelineIssue[] {
  const written = node.params ?? {};
  const fromNode = (ref: string) => Object.hasOwn(written, ref) || !hasDefault(spec, ref);
  if (!Object.keys(spec.params ?? {}).some(fromNode)) return [];
  const values = componentParamValues(spec, written);
  const issues: PipelineIssue[] = [];
  for (const inner of spec.nodes) {
    const declaration = catalog.get(inner.type);
    if (!declaration || componentNameOf(inner.type) !== undefined) continue;
    const keys = Object.entries(inner.params ?? {}).filter(([, value]) => paramReferences(value).some(fromNode));
    if (keys.length === 0) continue;
    const params = substituteParams(inner.params, values) as Record<string, unknown>;
    for (const issue of checkNodeParams({ ...inner, params }, 0, declaration).issues) {
      const value = issue.key !== undefined ? inner.params?.[issue.key] : undefined;
      const used = paramReferences(value).filter(fromNode);
      if (used.length === 0 || used.some((ref) => !Object.hasOwn(values, ref))) continue; // missing: reported on the node
      const key = used[0];
      issues.push({
        code: 'param_type',
        message: `param '${key}' of node '${node.id}' (component '${name}'), used by inner node '${inner.id}': ${issue.message}`,
        node: node.id,
        key,
        path: Object.hasOwn(written, key) ? ['nodes', index, 'params', key] : ['nodes', index, 'type'],
      });
    }
  }
  return issues;
}

/** Every problem with the document's components and with the nodes using them; [] without components. */
export function checkComponents(doc: PipelineDocument, catalog: Catalog): PipelineIssue[] {
  const components = doc.components ?? {};
  const issues: PipelineIssue[] = [];
  const recursive = new Set<string>();
  for (const [name, spec] of Object.entries(components)) {
    const cycle = componentCycle(components, name);
    if (cycle) {
      recursive.add(name);
      issues.push(recursionIssue(name, spec, cycle));
    }
  }
  for (const [name, spec] of Object.entries(components)) {
    if (!recursive.has(name)) issues.push(...checkDefinition(name, spec, catalog));
  }
  doc.nodes.forEach((node, index) => {
    const name = componentNameOf(node.type);
    const spec = name !== undefined ? components[name] : undefined;
    if (name !== undefined && spec && !recursive.has(name)) issues.push(...checkUse(node, index, name, spec, catalog));
  });
  return issues;
}
