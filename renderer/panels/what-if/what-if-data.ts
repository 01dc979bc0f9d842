// What the what-if view needs from the graph and the outputs: which node's `model` output to ask about, which table
// to take rows from, a table row as the model's feature values, and form text back to values.
import type { NodeDeclaration } from '../../../shared/catalog/define.js';
import type { PortRef } from '../../../shared/pipeline/graph.js';
import type { PipelineDocument } from '../../../shared/pipeline/schema.js';

export type Value = number | string | boolean | null;

function parseRef(ref: string | undefined): PortRef | null {
  if (!ref) return null;
  const dot = ref.indexOf('.');
  return dot > 0 ? { node: ref.slice(0, dot), port: ref.slice(dot + 1) } : null;
}

type Declared = Pick<NodeDeclaration, 'inputs' | 'outputs'>;

/**
 * The model: the node's own `model` output (a trainer), else the output wired into its `model` input (predict,
 * evaluate, explain). The rows: what the node reads as `data`, else as `train`, else its first table input.
 */
export function whatIfSources(doc: PipelineDocument, node: string, declarationOf: (type: string) => Declared | undefined): { model: PortRef | null; data: PortRef | null } {
  const spec = doc.nodes.find((n) => n.id === node);
  const declaration = spec ? declarationOf(spec.type) : undefined;
  if (!spec || !declaration) return { model: null, data: null };
  const inputs = (spec.inputs ?? {}) as Record<string, string>;
  const ownModel = Object.entries(declaration.outputs).find(([, p]) => p.type === 'model');
  const modelInput = Object.entries(declaration.inputs).find(([, p]) => p.type === 'model');
  const model = ownModel ? { node, port: ownModel[0] } : modelInput ? parseRef(inputs[modelInput[0]]) : null;
  const tableInputs = Object.entries(declaration.inputs).filter(([, p]) => p.type === 'table').map(([name]) => name);
  const preferred = ['data', 'train', ...tableInputs].find((name) => tableInputs.includes(name) && inputs[name]);
  return { model, data: preferred ? parseRef(inputs[preferred]) : null };
}

/** The model's features of one table row (absent columns are missing). */
export function featureRow(columns: { name: string }[], row: Value[], features: string[]): Record<string, Value> {
  const index = new Map(columns.map((c, i) => [c.name, i]));
  return Object.fromEntries(features.map((f) => [f, index.has(f) ? (row[index.get(f)!] ?? null) : null]));
}

/** A number field's text as a value: empty = missing, else the number (NaN text stays missing). */
export function numberFromText(text: string): number | null {
  const parsed = parseNumberField(text);
  return 'value' in parsed ? parsed.value : null;
}

/**
 * A numeric feature's text checked: empty means missing, a finite decimal number (optionally with an exponent)
 * is its value, anything else ("abc", "1,5", "Infinity", "0x10") is an error saying what is expected.
 */
export function parseNumberField(text: string): { value: number | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return { error: `“${trimmed}” is not a number: type digits such as 42, -3.5 or 1e-3, or leave it empty for missing` };
  const value = Number(trimmed);
  return Number.isFinite(value) ? { value } : { error: `“${trimmed}” is too large` };
}
