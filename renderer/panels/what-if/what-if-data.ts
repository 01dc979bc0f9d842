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

/** A table the form can take rows from, and why it is offered. */
export interface RowSource extends PortRef {
  label: string;
}

/**
 * Tables to load rows from: the ones read as `data` next to the model by evaluation, prediction and explanation
 * nodes (the test rows), then the node's own rows, then the trainer's `train` table — each once, in that order.
 */
export function rowSources(doc: PipelineDocument, model: PortRef, own: PortRef | null, declarationOf: (type: string) => Declared | undefined): RowSource[] {
  const modelRef = `${model.node}.${model.port}`;
  const out: RowSource[] = [];
  const add = (ref: PortRef | null, label: string) => {
    if (ref && !out.some((s) => s.node === ref.node && s.port === ref.port)) out.push({ ...ref, label });
  };
  for (const spec of doc.nodes) {
    const declaration = declarationOf(spec.type);
    const inputs = (spec.inputs ?? {}) as Record<string, string>;
    if (!declaration || !Object.entries(declaration.inputs).some(([name, p]) => p.type === 'model' && inputs[name] === modelRef)) continue;
    const table = Object.entries(declaration.inputs).find(([name, p]) => p.type === 'table' && inputs[name] && (name === 'data' || name === 'current'));
    if (table) add(parseRef(inputs[table[0]]), `${inputs[table[0]]} (read by ${spec.id})`);
  }
  if (own) add(own, `${own.node}.${own.port}`);
  const trainer = doc.nodes.find((n) => n.id === model.node);
  add(parseRef((trainer?.inputs as Record<string, string> | undefined)?.train), `${(trainer?.inputs as Record<string, string> | undefined)?.train ?? ''} (training rows)`);
  return out;
}

export type Direction = '' | 'up' | 'down';

/**
 * The constraints the counterfactual tab sends: only what the user set, range ends parsed; a blank end is the
 * lowest / highest value seen in the rows (`bounds`), since JSON has no infinity.
 */
export function constraintRequest(
  settings: Record<string, { fixed: boolean; low: string; high: string; direction: Direction }>,
  bounds: Record<string, { min?: number; max?: number }> = {},
): {
  immutable: string[];
  ranges: Record<string, [number, number]>;
  directions: Record<string, 'up' | 'down'>;
  errors: Record<string, string>;
} {
  const immutable: string[] = [];
  const ranges: Record<string, [number, number]> = {};
  const directions: Record<string, 'up' | 'down'> = {};
  const errors: Record<string, string> = {};
  for (const [name, s] of Object.entries(settings)) {
    if (s.fixed) immutable.push(name);
    if (s.direction) directions[name] = s.direction;
    const low = parseNumberField(s.low);
    const high = parseNumberField(s.high);
    if ('error' in low || 'error' in high) {
      errors[name] = ('error' in low ? low.error : '') || ('error' in high ? high.error : '');
      continue;
    }
    if (low.value === null && high.value === null) continue;
    const range: [number, number] = [low.value ?? bounds[name]?.min ?? -1e15, high.value ?? bounds[name]?.max ?? 1e15];
    if (range[0] > range[1]) errors[name] = `the lowest value ${range[0]} is above the highest ${range[1]}`;
    else ranges[name] = range;
  }
  return { immutable, ranges, directions, errors };
}
