// Components (SPEC §3): reusable subgraphs under `components:`, used as nodes of type `component.<name>`. Each one
// becomes a node declaration, so the outer graph is checked, exported and edited like any other, and is flattened
// into prefixed nodes `<node id>/<inner id>` for runs and caching.
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { NodeDeclaration, PortDeclaration } from '../catalog/define.js';
import { parsePortRef } from './graph.js';
import { PORT_REF_PATTERN, type ComponentSpec, type PipelineDocument, type PipelineNodeSpec } from './schema.js';

export const COMPONENT_TYPE_PREFIX = 'component.';
/** The id inner nodes use for the component's inputs: `in.<port>`. */
export const COMPONENT_INPUT_NODE = 'in';
export const FLAT_ID_SEPARATOR = '/';

export type ComponentMap = Readonly<Record<string, ComponentSpec>>;

export function componentType(name: string): string {
  return `${COMPONENT_TYPE_PREFIX}${name}`;
}

/** 'component.prep' → 'prep'; undefined for a catalog type. */
export function componentNameOf(type: string): string | undefined {
  return type.startsWith(COMPONENT_TYPE_PREFIX) ? type.slice(COMPONENT_TYPE_PREFIX.length) : undefined;
}

export function hasDefault(spec: ComponentSpec, param: string): boolean {
  const declared = spec.params?.[param];
  return declared !== undefined && Object.hasOwn(declared, 'default');
}

/** The component names a component's inner nodes use, in node order. */
function usedComponents(spec: ComponentSpec): string[] {
  return spec.nodes.map((n) => componentNameOf(n.type)).filter((name): name is string => name !== undefined);
}

/**
 * One chain of components using each other (`a → b → a`) starting at `name`, or undefined. Components may nest,
 * but a component that ends up inside itself would flatten forever.
 */
export function componentCycle(components: ComponentMap, name: string): string[] | undefined {
  const path: string[] = [];
  const done = new Set<string>();
  const visit = (current: string): string[] | undefined => {
    if (path.includes(current)) return [...path.slice(path.indexOf(current)), current];
    const spec = components[current];
    if (!spec || done.has(current)) return undefined;
    path.push(current);
    for (const used of usedComponents(spec)) {
      const cycle = visit(used);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(current);
    return undefined;
  };
  const cycle = visit(name);
  return cycle && cycle[0] === name ? cycle : undefined;
}

const PARAM_REFERENCE = /\$\{([^}]*)\}/g;

/** The `${name}` references in a written value, in order (names as written, possibly invalid). */
export function paramReferences(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(PARAM_REFERENCE)].map((m) => m[1]);
  if (Array.isArray(value)) return value.flatMap(paramReferences);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(paramReferences);
  return [];
}

/**
 * `value` with `${name}` replaced by the param's value: a string that is one whole reference takes the value with
 * its type (`seed: ${seed}` stays a number); a reference inside longer text is written into it.
 */
export function substituteParams(value: unknown, params: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([^}]*)\}$/.exec(value);
    if (whole && Object.hasOwn(params, whole[1])) return params[whole[1]];
    return value.replace(PARAM_REFERENCE, (text, name: string) => {
      if (!Object.hasOwn(params, name)) return text;
      const param = params[name];
      return typeof param === 'string' ? param : JSON.stringify(param);
    });
  }
  if (Array.isArray(value)) return value.map((item) => substituteParams(item, params));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteParams(v, params)]));
  }
  return value;
}

/** The catalog plus one declaration per component; without components it is the catalog itself. */
export function catalogWithComponents(catalog: Catalog, components: ComponentMap | undefined): Catalog {
  if (!components || Object.keys(components).length === 0) return catalog;
  const declarations = new Map<string, NodeDeclaration>();
  const building = new Set<string>();

  const declare = (name: string): NodeDeclaration | undefined => {
    const spec = components[name];
    if (!spec) return undefined;
    const done = declarations.get(name);
    if (done) return done;
    if (building.has(name)) return undefined; // a recursive component: reported by the validation
    building.add(name);
    const declaration = componentDeclaration(name, spec, (type) => {
      const inner = componentNameOf(type);
      return inner !== undefined ? declare(inner) : catalog.get(type);
    });
    building.delete(name);
    declarations.set(name, declaration);
    return declaration;
  };

  const names = Object.keys(components);
  return {
    get: (type) => {
      const name = componentNameOf(type);
      return name !== undefined ? declare(name) : catalog.get(type);
    },
    all: () => [...catalog.all(), ...names.map(declare).filter((d): d is NodeDeclaration => d !== undefined)],
  };
}

/** A component as a node: its inputs, the types of the inner outputs it exposes, and its params. */
export function componentDeclaration(
  name: string,
  spec: ComponentSpec,
  lookup: (type: string) => NodeDeclaration | undefined,
): NodeDeclaration {
  const inputs: Record<string, PortDeclaration> = {};
  for (const [port, type] of Object.entries(spec.inputs ?? {})) inputs[port] = { type };
  const outputs: Record<string, PortDeclaration> = {};
  for (const [port, ref] of Object.entries(spec.outputs ?? {})) {
    if (!PORT_REF_PATTERN.test(ref)) continue;
    const from = parsePortRef(ref);
    const inner = spec.nodes.find((n) => n.id === from.node);
    const type = inner ? lookup(inner.type)?.outputs[from.port]?.type : undefined;
    if (type) outputs[port] = { type, label: `${from.node}.${from.port}` };
  }
  const shape: Record<string, z.ZodType> = {};
  for (const [param, declared] of Object.entries(spec.params ?? {})) {
    // Types are checked where the value is used, on the inner node params (component-checks.ts).
    let field: z.ZodType = hasDefault(spec, param) ? z.unknown().default(declared.default) : z.unknown();
    if (declared.doc !== undefined) field = field.describe(declared.doc);
    shape[param] = field;
  }
  const count = spec.nodes.length;
  return {
    type: componentType(name),
    version: 1,
    group: 'component',
    title: name,
    docs: `Component '${name}': ${count} node${count === 1 ? '' : 's'} (${spec.nodes.map((n) => n.id).join(', ')}).`,
    inputs,
    outputs,
    params: z.object(shape),
  };
}

/** The component param values a node runs with: its written params over the component's defaults. */
export function componentParamValues(spec: ComponentSpec, written: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, declared] of Object.entries(spec.params ?? {})) {
    if (hasDefault(spec, name)) values[name] = declared.default;
  }
  for (const [name, value] of Object.entries(written ?? {})) if (value !== undefined) values[name] = value;
  return values;
}

interface Scope {
  prefix: string;
  nodes: readonly PipelineNodeSpec[];
  /** Inside a component: its input ports → the flat references that feed them. */
  inputs?: Readonly<Record<string, string>>;
}

/** The flat reference (`prep/split.train`) of output `port` of a component used as node `prefix…`. */
function componentOutputRef(components: ComponentMap, spec: ComponentSpec, prefix: string, port: string): string | undefined {
  const ref = spec.outputs?.[port];
  if (ref === undefined || !PORT_REF_PATTERN.test(ref)) return undefined;
  const from = parsePortRef(ref);
  const inner = spec.nodes.find((n) => n.id === from.node);
  const nested = inner && componentNameOf(inner.type);
  if (inner && nested !== undefined) {
    const nestedSpec = components[nested];
    return nestedSpec && componentOutputRef(components, nestedSpec, `${prefix}${inner.id}${FLAT_ID_SEPARATOR}`, from.port);
  }
  return `${prefix}${from.node}.${from.port}`;
}

function flatRef(components: ComponentMap, scope: Scope, ref: string): string {
  if (!PORT_REF_PATTERN.test(ref)) return ref;
  const from = parsePortRef(ref);
  if (scope.inputs && from.node === COMPONENT_INPUT_NODE) return scope.inputs[from.port] ?? ref;
  const source = scope.nodes.find((n) => n.id === from.node);
  const name = source && componentNameOf(source.type);
  if (source && name !== undefined && components[name]) {
    return componentOutputRef(components, components[name], `${scope.prefix}${source.id}${FLAT_ID_SEPARATOR}`, from.port) ?? ref;
  }
  return `${scope.prefix}${ref}`;
}

function flattenNodes(components: ComponentMap, scope: Scope, depth: number): PipelineNodeSpec[] {
  const flat: PipelineNodeSpec[] = [];
  for (const node of scope.nodes) {
    const inputs = node.inputs && Object.fromEntries(Object.entries(node.inputs).map(([port, ref]) => [port, flatRef(components, scope, ref)]));
    const name = componentNameOf(node.type);
    const spec = name !== undefined ? components[name] : undefined;
    if (!spec || depth > Object.keys(components).length) {
      flat.push({ ...node, id: `${scope.prefix}${node.id}`, ...(inputs ? { inputs } : {}) });
      continue;
    }
    const values = componentParamValues(spec, node.params);
    const inner = spec.nodes.map((n) => (n.params ? { ...n, params: substituteParams(n.params, values) as Record<string, unknown> } : n));
    const prefix = `${scope.prefix}${node.id}${FLAT_ID_SEPARATOR}`;
    flat.push(...flattenNodes(components, { prefix, nodes: inner, inputs: inputs ?? {} }, depth + 1));
  }
  return flat;
}

/**
 * The pipeline the engine runs: every component node replaced by its inner nodes with ids `<node id>/<inner id>`,
 * `in.<port>` and `${param}` filled in, references to component outputs pointing at the inner outputs. Meant for
 * valid documents; the layout is left out (the engine ignores it).
 */
export function flattenComponents(doc: PipelineDocument): PipelineDocument {
  const components = doc.components ?? {};
  if (Object.keys(components).length === 0) return doc;
  const nodes = flattenNodes(components, { prefix: '', nodes: doc.nodes }, 0);
  const flat: PipelineDocument = { plumb: doc.plumb, name: doc.name, nodes };
  if (doc.description !== undefined) flat.description = doc.description;
  return flat;
}

/** Flat ids of the nodes a (possibly component) node of `doc` becomes: itself, or every inner node, nested ones too. */
export function flatNodeIds(doc: PipelineDocument, nodeId: string): string[] {
  const prefix = `${nodeId}${FLAT_ID_SEPARATOR}`;
  return flattenComponents(doc)
    .nodes.map((n) => n.id)
    .filter((id) => id === nodeId || id.startsWith(prefix));
}

/** The flat reference an output reference of `doc` reads (`prep.train` → `prep/split.train`); itself for plain nodes. */
export function flatOutputRef(doc: PipelineDocument, ref: string): string {
  return flatRef(doc.components ?? {}, { prefix: '', nodes: doc.nodes }, ref);
}

/** Every id a layout may position: the document's nodes and, for expanded components, their inner nodes (`prep/split`). */
export function layoutIds(doc: PipelineDocument): string[] {
  const components = doc.components ?? {};
  const ids: string[] = [];
  const walk = (nodes: readonly PipelineNodeSpec[], prefix: string, depth: number) => {
    for (const node of nodes) {
      ids.push(`${prefix}${node.id}`);
      const name = componentNameOf(node.type);
      const spec = name !== undefined ? components[name] : undefined;
      if (spec && depth <= Object.keys(components).length) walk(spec.nodes, `${prefix}${node.id}${FLAT_ID_SEPARATOR}`, depth + 1);
    }
  };
  walk(doc.nodes, '', 0);
  return ids;
}
