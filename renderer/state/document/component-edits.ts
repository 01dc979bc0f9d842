// Components on the canvas as pure document edits (SPEC §3 `components:`): group selected nodes into a component
// (ports from the connections crossing the selection's boundary), ungroup one back into its nodes, and bring a
// library component into a pipeline. Like KNIME's "collapse into metanode" and "expand metanode".
import type { Catalog } from '../../../shared/catalog/catalog.js';
import type { PortType } from '../../../shared/catalog/ports.js';
import { COMPONENT_INPUT_NODE, componentNameOf, componentParamValues, componentType, FLAT_ID_SEPARATOR, substituteParams } from '../../../shared/pipeline/components.js';
import { describeCycle, findCycle } from '../../../shared/pipeline/graph.js';
import type { ComponentSpec, LayoutPosition, PipelineDocument, PipelineNodeSpec } from '../../../shared/pipeline/schema.js';
import { layeredLayout } from './auto-layout.js';
import { nextNodeId, type Layout } from './graph-edits.js';

export const COMPONENT_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const MAX_COMPONENT_NAME_LENGTH = 100;

export type ComponentEdit<T> = ({ ok: true } & T) | { ok: false; reason: string };

export interface BoundaryInput {
  port: string;
  type: PortType;
  /** the outside output that feeds it ("data.table") */
  source: string;
}

export interface BoundaryOutput {
  port: string;
  type: PortType;
  /** the inner output it exposes ("split.train") */
  inner: string;
}

export interface BoundaryPorts {
  inputs: BoundaryInput[];
  outputs: BoundaryOutput[];
}

/** An inner param the user chose to make a param of the component. */
export interface ExposedParam {
  node: string;
  param: string;
}

export interface GroupRequest {
  ids: readonly string[];
  name: string;
  exposed?: readonly ExposedParam[];
}

const nodeOf = (ref: string) => ref.slice(0, ref.indexOf('.'));
const portOf = (ref: string) => ref.slice(ref.indexOf('.') + 1);

/** The first candidate not yet taken, else the first with `_2`, `_3`, … appended; the name is then taken. */
function claimName(candidates: readonly string[], taken: Set<string>): string {
  let name = candidates.find((c) => !taken.has(c));
  for (let i = 2; name === undefined; i++) if (!taken.has(`${candidates[0]}_${i}`)) name = `${candidates[0]}_${i}`;
  taken.add(name);
  return name;
}

/**
 * The component's ports for grouping `ids`: one input per distinct outside output read inside (named after the
 * first inner input it feeds, `table`, else `<inner node>_<port>`), one output per inner output read outside (named
 * after the port, `train`, else `<inner node>_<port>`). Inputs in the order inner nodes read them, outputs in
 * inner node order then the node's declared output order.
 */
export function boundaryPorts(doc: PipelineDocument, ids: readonly string[], catalog: Catalog): ComponentEdit<{ ports: BoundaryPorts }> {
  const chosen = new Set(ids);
  const inner = doc.nodes.filter((n) => chosen.has(n.id));
  const inputs: BoundaryInput[] = [];
  const inputNames = new Set<string>();
  for (const node of inner) {
    for (const [port, ref] of Object.entries(node.inputs ?? {})) {
      if (chosen.has(nodeOf(ref)) || inputs.some((i) => i.source === ref)) continue;
      const type = catalog.get(node.type)?.inputs[port]?.type;
      if (!type) return { ok: false, reason: `Cannot group: the type of input '${port}' of node '${node.id}' is unknown` };
      inputs.push({ port: claimName([port, `${node.id}_${port}`], inputNames), type, source: ref });
    }
  }
  const read = new Set(doc.nodes.filter((n) => !chosen.has(n.id)).flatMap((n) => Object.values(n.inputs ?? {}).filter((ref) => chosen.has(nodeOf(ref)))));
  const outputs: BoundaryOutput[] = [];
  const outputNames = new Set<string>();
  for (const node of inner) {
    const declared = catalog.get(node.type)?.outputs ?? {};
    const ports = [...new Set([...Object.keys(declared), ...[...read].filter((ref) => nodeOf(ref) === node.id).map(portOf)])];
    for (const port of ports) {
      const ref = `${node.id}.${port}`;
      if (!read.has(ref)) continue;
      const type = declared[port]?.type;
      if (!type) return { ok: false, reason: `Cannot group: node '${node.id}' has no output '${port}', which another node reads` };
      outputs.push({ port: claimName([port, `${node.id}_${port}`], outputNames), type, inner: ref });
    }
  }
  return { ok: true, ports: { inputs, outputs } };
}

/** Why `name` cannot name a new component, or undefined; `taken` are names already in use (document, library). */
export function componentNameProblem(name: string, taken: Iterable<string>): string | undefined {
  if (!COMPONENT_NAME_PATTERN.test(name)) return 'A component name starts with a lower-case letter and uses only a-z, 0-9 and _';
  if (name.length > MAX_COMPONENT_NAME_LENGTH) return `A component name is at most ${MAX_COMPONENT_NAME_LENGTH} characters long`;
  if (new Set(taken).has(name)) return `There is already a component named '${name}'`;
  return undefined;
}

/** The written params of the selected nodes, which the group dialog offers to expose. */
export function exposableParams(doc: PipelineDocument, ids: readonly string[]): (ExposedParam & { value: unknown })[] {
  const chosen = new Set(ids);
  return doc.nodes.filter((n) => chosen.has(n.id)).flatMap((n) => Object.entries(n.params ?? {}).map(([param, value]) => ({ node: n.id, param, value })));
}

/** Why the selection cannot be grouped before any name is chosen, or undefined. */
export function selectionProblem(doc: PipelineDocument, ids: readonly string[]): string | undefined {
  if (ids.length === 0) return 'Select the nodes to group first';
  const chosen = doc.nodes.filter((n) => ids.includes(n.id));
  if (chosen.length !== new Set(ids).size) return 'Cannot group: some selected nodes are not in the pipeline';
  const nested = chosen.find((n) => componentNameOf(n.type) !== undefined);
  if (nested) return `Cannot group: '${nested.id}' is already a component (components inside components cannot be saved to the library); ungroup it first`;
  if (chosen.some((n) => n.id === COMPONENT_INPUT_NODE)) return `Cannot group: a node named '${COMPONENT_INPUT_NODE}' would clash with the component's inputs; rename it first`;
  return undefined;
}

function withoutKeys<T>(record: Readonly<Record<string, T>>, drop: (key: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !drop(key)));
}

function withInputs(node: PipelineNodeSpec, inputs: Record<string, string>): PipelineNodeSpec {
  const { inputs: _old, ...rest } = node;
  return Object.keys(inputs).length > 0 ? { ...rest, inputs } : rest;
}

function mapInputs(node: PipelineNodeSpec, change: (ref: string) => string | undefined): PipelineNodeSpec {
  const before = node.inputs ?? {};
  const after: Record<string, string> = {};
  let changed = false;
  for (const [port, ref] of Object.entries(before)) {
    const next = change(ref);
    changed ||= next !== ref;
    if (next !== undefined) after[port] = next;
  }
  return changed ? withInputs(node, after) : node;
}

/**
 * Replace the nodes `ids` by one node of a new component `name` holding them: its inputs are fed by what fed them,
 * what read them reads its outputs, exposed params become `${param}` with the current value as default. Inner
 * positions are kept in the layout as `<node>/<inner>`, relative to the component node, for the expanded view and
 * for ungrouping back to the same place.
 */
export function groupIntoComponent(
  doc: PipelineDocument,
  request: GroupRequest,
  catalog: Catalog,
  positions: Layout,
  takenNames: Iterable<string> = [],
): ComponentEdit<{ doc: PipelineDocument; id: string; component: ComponentSpec }> {
  const problem = selectionProblem(doc, request.ids) ?? componentNameProblem(request.name, [...takenNames, ...Object.keys(doc.components ?? {})]);
  if (problem) return { ok: false, reason: problem };
  const boundary = boundaryPorts(doc, request.ids, catalog);
  if (!boundary.ok) return boundary;
  const { inputs, outputs } = boundary.ports;
  const chosen = new Set(request.ids);

  const paramNames = new Set<string>();
  const params: NonNullable<ComponentSpec['params']> = {};
  const renamedParams = new Map<string, string>();
  for (const { node, param } of request.exposed ?? []) {
    const spec = doc.nodes.find((n) => n.id === node && chosen.has(n.id));
    if (!spec?.params || !Object.hasOwn(spec.params, param)) return { ok: false, reason: `Cannot expose '${node}.${param}': it is not a written param of a selected node` };
    const readable = [param, `${node}_${param}`].filter((c) => COMPONENT_NAME_PATTERN.test(c));
    const name = claimName(readable.length > 0 ? readable : [`${node}_param`], paramNames);
    params[name] = { default: spec.params[param], doc: `${param} of ${node}` };
    renamedParams.set(`${node}.${param}`, name);
  }

  const inputOf = new Map(inputs.map((i) => [i.source, i.port]));
  const nodes = doc.nodes
    .filter((n) => chosen.has(n.id))
    .map((n) => {
      const wired = mapInputs(n, (ref) => (chosen.has(nodeOf(ref)) ? ref : `${COMPONENT_INPUT_NODE}.${inputOf.get(ref)!}`));
      if (!n.params) return wired;
      const exposed = Object.fromEntries(Object.entries(n.params).map(([key, value]) => [key, renamedParams.has(`${n.id}.${key}`) ? `\${${renamedParams.get(`${n.id}.${key}`)!}}` : value]));
      return { ...wired, params: exposed };
    });
  const component: ComponentSpec = {
    ...(inputs.length > 0 ? { inputs: Object.fromEntries(inputs.map((i) => [i.port, i.type])) } : {}),
    ...(outputs.length > 0 ? { outputs: Object.fromEntries(outputs.map((o) => [o.port, o.inner])) } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    nodes,
  };

  const id = nextNodeId(componentType(request.name), doc.nodes.filter((n) => !chosen.has(n.id)).map((n) => n.id));
  const componentNode = withInputs({ id, type: componentType(request.name) }, Object.fromEntries(inputs.map((i) => [i.port, i.source])));
  const outputOf = new Map(outputs.map((o) => [o.inner, o.port]));
  const outside: PipelineNodeSpec[] = [];
  let placed = false;
  for (const n of doc.nodes) {
    if (chosen.has(n.id)) {
      if (!placed) outside.push(componentNode);
      placed = true;
      continue;
    }
    outside.push(mapInputs(n, (ref) => (outputOf.has(ref) ? `${id}.${outputOf.get(ref)!}` : ref)));
  }

  const inner = request.ids.map((i) => positions[i] ?? doc.layout?.[i]).filter((p): p is LayoutPosition => p !== undefined);
  const origin = inner.length > 0 ? { x: Math.min(...inner.map((p) => p.x)), y: Math.min(...inner.map((p) => p.y)) } : { x: 0, y: 0 };
  const layout: Layout = withoutKeys(doc.layout ?? {}, (key) => chosen.has(key));
  layout[id] = origin;
  for (const n of nodes) {
    const at = positions[n.id] ?? doc.layout?.[n.id];
    if (at) layout[`${id}${FLAT_ID_SEPARATOR}${n.id}`] = { x: Math.round(at.x - origin.x), y: Math.round(at.y - origin.y) };
  }

  const grouped: PipelineDocument = { ...doc, components: { ...doc.components, [request.name]: component }, nodes: outside, layout };
  const cycle = findCycle(grouped);
  if (cycle) {
    return { ok: false, reason: `Cannot group: the component would feed itself through ${describeCycle(cycle)}; include the nodes in between or group fewer` };
  }
  return { ok: true, doc: grouped, id, component };
}

/** Inner positions relative to the component node: from the layout where given, else a layered layout. */
export function innerPositions(doc: PipelineDocument, nodeId: string, spec: ComponentSpec): Layout {
  const prefix = `${nodeId}${FLAT_ID_SEPARATOR}`;
  const given = doc.layout ?? {};
  if (spec.nodes.every((n) => given[`${prefix}${n.id}`])) return Object.fromEntries(spec.nodes.map((n) => [n.id, given[`${prefix}${n.id}`]]));
  const auto = layeredLayout({ plumb: 1, name: nodeId, nodes: spec.nodes });
  return Object.fromEntries(spec.nodes.map((n) => [n.id, given[`${prefix}${n.id}`] ?? auto[n.id]]));
}

const usesComponent = (nodes: readonly PipelineNodeSpec[], name: string) => nodes.some((n) => componentNameOf(n.type) === name);

/**
 * Inline component node `nodeId`: its inner nodes take its place (keeping their ids where free), fed by what fed
 * it, with its param values written in; what read its outputs reads the inner outputs. The definition is dropped
 * when nothing else uses it.
 */
export function ungroupComponent(doc: PipelineDocument, nodeId: string): ComponentEdit<{ doc: PipelineDocument; ids: string[] }> {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const name = node && componentNameOf(node.type);
  const spec = name !== undefined ? doc.components?.[name] : undefined;
  if (!node || name === undefined) return { ok: false, reason: `Cannot ungroup: '${nodeId}' is not a component node` };
  if (!spec) return { ok: false, reason: `Cannot ungroup '${nodeId}': the pipeline has no definition of component '${name}'` };

  const taken = new Set(doc.nodes.filter((n) => n.id !== nodeId).map((n) => n.id));
  const rename = new Map<string, string>();
  for (const inner of spec.nodes) {
    const id = nextNodeId(inner.id, taken);
    taken.add(id);
    rename.set(inner.id, id);
  }
  const values = componentParamValues(spec, node.params);
  const outer = node.inputs ?? {};
  const innerRef = (ref: string) => `${rename.get(nodeOf(ref)) ?? nodeOf(ref)}.${portOf(ref)}`;
  const inlined = spec.nodes.map((inner) => {
    const wired = mapInputs({ ...inner, id: rename.get(inner.id)! }, (ref) => (nodeOf(ref) === COMPONENT_INPUT_NODE ? outer[portOf(ref)] : innerRef(ref)));
    return inner.params ? { ...wired, params: substituteParams(inner.params, values) as Record<string, unknown> } : wired;
  });
  const outputs = spec.outputs ?? {};
  const nodes = doc.nodes.flatMap((n) => {
    if (n.id === nodeId) return inlined;
    return [mapInputs(n, (ref) => (nodeOf(ref) !== nodeId ? ref : outputs[portOf(ref)] !== undefined ? innerRef(outputs[portOf(ref)]) : undefined))];
  });

  const prefix = `${nodeId}${FLAT_ID_SEPARATOR}`;
  const origin = doc.layout?.[nodeId] ?? { x: 0, y: 0 };
  const relative = innerPositions(doc, nodeId, spec);
  const layout: Layout = {};
  for (const [key, at] of Object.entries(doc.layout ?? {})) {
    if (key === nodeId) continue;
    if (!key.startsWith(prefix)) layout[key] = at;
    else {
      // Positions inside a nested component stay relative to it; only its own id changes.
      const rest = key.slice(prefix.length);
      const cut = rest.indexOf(FLAT_ID_SEPARATOR);
      if (cut >= 0) layout[`${rename.get(rest.slice(0, cut)) ?? rest.slice(0, cut)}${rest.slice(cut)}`] = at;
    }
  }
  for (const inner of spec.nodes) {
    const at = relative[inner.id];
    layout[rename.get(inner.id)!] = { x: Math.round(origin.x + at.x), y: Math.round(origin.y + at.y) };
  }

  const stillUsed = usesComponent(nodes, name) || Object.entries(doc.components ?? {}).some(([other, s]) => other !== name && usesComponent(s.nodes, name));
  const components = stillUsed ? doc.components : withoutKeys(doc.components ?? {}, (key) => key === name);
  const { components: _old, layout: _oldLayout, ...rest } = doc;
  const result: PipelineDocument = { ...rest, nodes, ...(components && Object.keys(components).length > 0 ? { components } : {}), layout };
  return { ok: true, doc: result, ids: [...rename.values()] };
}

/** The same plain data whatever the key order (YAML round trips may reorder keys). */
function sameData(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]));
    return value;
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** The document with library component `name` defined (unchanged when it already is, identically). */
export function withComponentDefinition(doc: PipelineDocument, name: string, spec: ComponentSpec): ComponentEdit<{ doc: PipelineDocument }> {
  const own = doc.components?.[name];
  if (own && sameData(own, spec)) return { ok: true, doc };
  if (own) return { ok: false, reason: `This pipeline has its own component '${name}', which differs from the library's; ungroup or rename it first` };
  return { ok: true, doc: { ...doc, components: { ...doc.components, [name]: spec } } };
}
