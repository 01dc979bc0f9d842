// Writing a pipeline as YAML in one canonical form: fixed key order, declared param order, defaults left out,
// small maps on one line. The text depends only on the data, so export → parse → export is byte-identical.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type ToStringOptions } from 'yaml';
import type { Catalog } from '../catalog/catalog.js';
import type { NodeDeclaration } from '../catalog/define.js';
import { declaredParamNames, paramDefault } from './params.js';
import { catalogWithComponents, layoutIds } from './components.js';
import type { ComponentSpec, LayoutPosition, PipelineDocument, PipelineNodeSpec } from './schema.js';
import { YAML_DIALECT } from './yaml-source.js';

/** A collection is written on one line when that line stays within this width. */
const LINE_WIDTH = 80;
const INDENT = 2;

const WRITE_OPTIONS: ToStringOptions = {
  indent: INDENT,
  indentSeq: true,
  lineWidth: 0, // never fold long strings: a folded scalar is harder to read and to diff
  blockQuote: 'literal',
  doubleQuotedAsJSON: true,
  flowCollectionPadding: true,
  directives: false,
};

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/** Deep equality for YAML data (plain objects, arrays, scalars; NaN equals NaN). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left).filter((k) => left[k] !== undefined);
  const rightKeys = Object.keys(right).filter((k) => right[k] !== undefined);
  return leftKeys.length === rightKeys.length && leftKeys.every((k) => sameValue(left[k], right[k]));
}

/** Text that reads back unchanged as a literal block (`|`): no leading blank/space, no trailing spaces, no controls. */
function fitsLiteralBlock(text: string): boolean {
  if (!/^[^\s]/.test(text)) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be excluded
  if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(text)) return false;
  return text.split('\n').every((line) => !/[ \t]$/.test(line));
}

function isMultiline(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\n') || value.includes('\r');
  if (Array.isArray(value)) return value.some(isMultiline);
  if (value !== null && typeof value === 'object') return Object.values(value).some(isMultiline);
  return false;
}

function scalar(value: null | boolean | number | string): Scalar {
  const node = new Scalar(value);
  if (typeof value === 'string' && isMultiline(value)) {
    node.type = fitsLiteralBlock(value) ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
  }
  return node;
}

function key(name: string): Scalar {
  const node = new Scalar(name);
  // A plain `<<` key would read as a merge key, which pipelines reject.
  if (name === '<<') node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function render(node: unknown): string {
  const doc = new Document(null, YAML_DIALECT);
  doc.contents = node as Scalar;
  return doc.toString(WRITE_OPTIONS).replace(/\n$/, '');
}

/**
 * A YAML node for `value` written at column `column` after a label of `labelWidth` characters ("key: " or "- ").
 * Collections go on one line when they hold no multi-line text and the line fits; otherwise they are blocks.
 */
function valueNode(value: Plain, column: number, labelWidth: number): Scalar | YAMLMap | YAMLSeq {
  if (value === null || typeof value !== 'object') return scalar(value);
  const collection = Array.isArray(value) ? new YAMLSeq() : new YAMLMap();
  const childColumn = column + INDENT;
  if (Array.isArray(value)) {
    for (const item of value) (collection as YAMLSeq).items.push(valueNode(item, childColumn, 2));
  } else {
    for (const [name, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const label = key(name);
      (collection as YAMLMap).items.push(new Pair(label, valueNode(item, childColumn, render(label).length + 2)));
    }
  }
  if (!isMultiline(value)) {
    collection.flow = true;
    if (column + labelWidth + render(collection).length <= LINE_WIDTH) return collection;
    collection.flow = false;
  }
  return collection;
}

function mapOf(entries: [string, Scalar | YAMLMap | YAMLSeq][]): YAMLMap {
  const map = new YAMLMap();
  for (const [name, node] of entries) map.items.push(new Pair(key(name), node));
  return map;
}

/** The keys of `written`: declared names first, in declared order, then the others as written. */
function inDeclaredOrder(written: object, declared: readonly string[]): string[] {
  const others = Object.keys(written).filter((name) => !declared.includes(name));
  return [...declared.filter((name) => Object.hasOwn(written, name)), ...others];
}

/** Declared params first in declaration order, then any undeclared ones as written; defaults left out. */
function exportedParams(node: PipelineNodeSpec, declaration: NodeDeclaration | undefined): Record<string, Plain> {
  const written = node.params ?? {};
  const names = declaration ? declaredParamNames(declaration) : [];
  const params: Record<string, Plain> = {};
  for (const name of inDeclaredOrder(written, names)) {
    const value = written[name];
    if (value === undefined) continue;
    const fallback = declaration ? paramDefault(declaration, name) : undefined;
    if (fallback && sameValue(fallback.value, value)) continue;
    params[name] = value as Plain;
  }
  return params;
}

/** Declared inputs first in declaration order, then any undeclared ones as written. */
function exportedInputs(node: PipelineNodeSpec, declaration: NodeDeclaration | undefined): Record<string, Plain> {
  const written = node.inputs ?? {};
  const names = declaration ? Object.keys(declaration.inputs) : [];
  return Object.fromEntries(inDeclaredOrder(written, names).map((name) => [name, written[name]]));
}

/** Node columns: nodes are items of the top-level `nodes:` sequence ("  - "), so their keys start at 4. */
const NODE_KEY_COLUMN = 2 * INDENT;

function nodeMap(node: PipelineNodeSpec, catalog: Catalog, column = NODE_KEY_COLUMN): YAMLMap {
  const declaration = catalog.get(node.type);
  const entries: [string, Scalar | YAMLMap | YAMLSeq][] = [
    ['id', scalar(node.id)],
    ['type', scalar(node.type)],
  ];
  const inputs = exportedInputs(node, declaration);
  if (Object.keys(inputs).length > 0) entries.push(['inputs', valueNode(inputs, column, 'inputs: '.length)]);
  const params = exportedParams(node, declaration);
  if (Object.keys(params).length > 0) entries.push(['params', valueNode(params, column, 'params: '.length)]);
  return mapOf(entries);
}

/** Positions in node order (then any others as written), rounded to whole pixels. */
function exportedLayout(doc: PipelineDocument): Record<string, Plain> {
  const layout = doc.layout ?? {};
  const ids = layoutIds(doc).filter((id, i, all) => all.indexOf(id) === i);
  const round = (v: number) => Math.round(v) || 0; // `|| 0` turns -0 into 0
  return Object.fromEntries(
    inDeclaredOrder(layout, ids).map((id) => {
      const { x, y }: LayoutPosition = layout[id];
      return [id, { x: round(x), y: round(y) }];
    }),
  );
}

/** Component keys sit at column 4 (`components:` → `  name:` → `    inputs:`), their nodes' keys at 8. */
const COMPONENT_KEY_COLUMN = 2 * INDENT;
const COMPONENT_NODE_KEY_COLUMN = 4 * INDENT;

/** One component: inputs, outputs, params (one per line), nodes; empty sections left out. */
function componentMap(spec: ComponentSpec, catalog: Catalog): YAMLMap {
  const entries: [string, Scalar | YAMLMap | YAMLSeq][] = [];
  const inputs = spec.inputs ?? {};
  if (Object.keys(inputs).length > 0) entries.push(['inputs', valueNode(inputs, COMPONENT_KEY_COLUMN, 'inputs: '.length)]);
  const outputs = spec.outputs ?? {};
  if (Object.keys(outputs).length > 0) entries.push(['outputs', valueNode(outputs, COMPONENT_KEY_COLUMN, 'outputs: '.length)]);
  const params = Object.entries(spec.params ?? {});
  if (params.length > 0) {
    const column = COMPONENT_KEY_COLUMN + INDENT;
    const lines = params.map(([name, declared]): [string, Scalar | YAMLMap | YAMLSeq] => {
      const written: Record<string, Plain> = {};
      if (Object.hasOwn(declared, 'default')) written.default = declared.default as Plain;
      if (declared.doc !== undefined) written.doc = declared.doc;
      return [name, valueNode(written, column, render(key(name)).length + 2)];
    });
    entries.push(['params', mapOf(lines)]);
  }
  const nodes = new YAMLSeq();
  for (const node of spec.nodes) nodes.items.push(nodeMap(node, catalog, COMPONENT_NODE_KEY_COLUMN));
  entries.push(['nodes', nodes]);
  return mapOf(entries);
}

/** The pipeline as YAML text (format version 1), ending with one newline. */
export function exportPipelineYaml(doc: PipelineDocument, baseCatalog: Catalog): string {
  const catalog = catalogWithComponents(baseCatalog, doc.components);
  const entries: [string, Scalar | YAMLMap | YAMLSeq][] = [
    ['plumb', scalar(doc.plumb)],
    ['name', scalar(doc.name)],
  ];
  if (doc.description !== undefined) entries.push(['description', scalar(doc.description)]);
  const components = Object.entries(doc.components ?? {});
  if (components.length > 0) {
    entries.push(['components', mapOf(components.map(([name, spec]) => [name, componentMap(spec, catalog)]))]);
  }
  const nodes = new YAMLSeq();
  for (const node of doc.nodes) nodes.items.push(nodeMap(node, catalog));
  entries.push(['nodes', nodes]);
  const layout = exportedLayout(doc);
  if (Object.keys(layout).length > 0) {
    // Always one position per line, as in the spec's example, so moving a node changes one line of a diff.
    const positions = Object.entries(layout).map(([id, position]): [string, YAMLMap | YAMLSeq | Scalar] => [
      id,
      valueNode(position, INDENT, render(key(id)).length + 2),
    ]);
    entries.push(['layout', mapOf(positions)]);
  }
  return `${render(mapOf(entries))}\n`;
}
