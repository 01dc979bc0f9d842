// Reading an ONNX file into a Plumb model file of type 'onnx': the graph's inputs become features (through a
// mapping input → column(s)), its outputs say the task (a probabilities tensor: classification; else regression)
// and its classes (a classifier's class-label attribute, the label constant our exporter writes, or overrides).

import onnxProto from 'onnx-proto';
import { invalidInput } from '../../../shared/errors.js';
import type { ModelFileEnvelope } from '../model-file/envelope.js';
import type { OnnxModelJson } from './estimator.js';
import { openSession, sha256, type FeedType, type InputBinding } from './runtime.js';

const { onnx } = onnxProto;
type Graph = onnxProto.onnx.IGraphProto;
type ValueInfo = onnxProto.onnx.IValueInfoProto;

export interface OnnxImportOptions {
  /** graph input → the column it reads, or the columns of its [N, k] tensor in order; absent inputs read the column of their own name */
  inputs: Record<string, string | string[]>;
  task: 'auto' | 'classification' | 'regression';
  classes: string[] | null;
  target: string | null;
}

const FEED_TYPES: Record<number, FeedType> = { 1: 'float', 11: 'double', 7: 'int64', 6: 'int32', 8: 'string' };
const PROBABILITY_NAMES = ['probabilities', 'output_probability', 'probability', 'probas', 'proba'];
const LABEL_NAMES = ['label', 'output_label', 'labels', 'predicted_label'];
const decoder = new TextDecoder();

export type OnnxModelFile = ModelFileEnvelope & { type: 'onnx'; model: OnnxModelJson };

/** Decodes, loads (onnxruntime checks the graph) and describes the model; every error is one line naming `source`. */
export async function importOnnx(bytes: Uint8Array, options: OnnxImportOptions, source: string): Promise<OnnxModelFile> {
  const at = { file: source };
  let graph: Graph | null | undefined;
  let metadata: onnxProto.onnx.IStringStringEntryProto[] = [];
  try {
    const decoded = onnx.ModelProto.decode(bytes);
    graph = decoded.graph;
    metadata = decoded.metadataProps ?? [];
  } catch (e) {
    throw invalidInput(`not an ONNX model file (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`, at);
  }
  if (!graph || !graph.output?.length) throw invalidInput('not an ONNX model file: it has no graph outputs', at);
  const session = await openSession(bytes, source);
  await session.release();

  const initialized = new Set((graph.initializer ?? []).map((t) => t.name));
  const graphInputs = (graph.input ?? []).filter((i) => !initialized.has(i.name));
  for (const name of Object.keys(options.inputs)) {
    if (!graphInputs.some((i) => i.name === name)) throw invalidInput(`\`inputs\` maps '${name}', which is not an input of the graph (${graphInputs.map((i) => i.name).join(', ')})`, { ...at, param: 'inputs' });
  }
  const features: string[] = [];
  const featureLevels: Record<string, string[]> = {};
  const bindings: InputBinding[] = graphInputs.map((input) => {
    const name = input.name ?? '';
    const type = FEED_TYPES[input.type?.tensorType?.elemType ?? -1];
    if (!type) throw invalidInput(`graph input '${name}' is not a float, double, int32, int64 or string tensor`, at);
    const width = staticWidth(input);
    const mapped = options.inputs[name];
    const columns = mapped === undefined ? [name] : typeof mapped === 'string' ? [mapped] : mapped;
    if (width !== null && columns.length !== width) {
      throw invalidInput(`graph input '${name}' has ${width} columns; map it to ${width} column names with \`inputs\` (it reads ${columns.length})`, { ...at, param: 'inputs' });
    }
    const indices = columns.map((column) => {
      if (features.includes(column)) throw invalidInput(`column '${column}' is mapped to two graph inputs`, { ...at, param: 'inputs' });
      features.push(column);
      return features.length - 1;
    });
    if (type === 'string') {
      if (columns.length !== 1) throw invalidInput(`text input '${name}' must read one column`, { ...at, param: 'inputs' });
      const levels = levelsRead(graph!, name) ?? exportedCategories(metadata, name);
      if (!levels) throw invalidInput(`text input '${name}': its categories cannot be read from the graph (no LabelEncoder or OneHotEncoder reads it)`, at);
      featureLevels[columns[0]] = levels;
    }
    return { name, type, columns: indices };
  });

  const outputs = graph.output;
  const probabilities = pick(outputs, PROBABILITY_NAMES, (o) => isNumeric(o) && rank(o) === 2 && staticWidth(o) !== 1);
  const label = pick(outputs, LABEL_NAMES, () => false);
  const task = options.task === 'auto' ? (probabilities ? 'classification' : 'regression') : options.task;
  let classes: string[] = [];
  let value: string | null = null;
  if (task === 'classification') {
    if (!probabilities) throw invalidInput(`no probabilities output found among ${outputs.map((o) => `'${o.name}'`).join(', ')} (ZipMap outputs are not supported: convert with zipmap=False)`, at);
    const K = staticWidth(probabilities);
    classes = options.classes ?? classLabels(graph) ?? (K !== null ? Array.from({ length: K }, (_, k) => String(k)) : []);
    if (classes.length < 2) throw invalidInput('the number of classes cannot be read from the graph: name them with `classes`', { ...at, param: 'classes' });
    if (K !== null && K !== classes.length && !(K === 1 && classes.length === 2)) {
      throw invalidInput(`the probabilities output has ${K} columns, \`classes\` names ${classes.length}`, { ...at, param: 'classes' });
    }
  } else {
    const numeric = outputs.filter(isNumeric);
    const chosen = pick(numeric, ['variable', 'label', 'output', 'prediction', 'predictions'], () => true);
    if (!chosen) throw invalidInput('no numeric output to read as the predicted value', at);
    value = chosen.name ?? null;
  }
  return {
    plumb_model: 1,
    type: 'onnx',
    features,
    target: options.target,
    task,
    classes,
    feature_levels: featureLevels,
    params: {},
    model: {
      kind: 'onnx',
      onnx: Buffer.from(bytes).toString('base64'),
      sha256: sha256(bytes),
      source,
      inputs: bindings,
      outputs: { label: label?.name ?? null, probabilities: task === 'classification' ? (probabilities?.name ?? null) : null, value },
    },
    trained: { rows: 0, seconds: 0, backend: 'onnxruntime' },
  };
}

function dims(v: ValueInfo): onnxProto.onnx.TensorShapeProto.IDimension[] {
  return v.type?.tensorType?.shape?.dim ?? [];
}

function rank(v: ValueInfo): number {
  return dims(v).length;
}

/** The second dimension of an [N, k] tensor when fixed; 1 for an [N] tensor; null when unknown. */
function staticWidth(v: ValueInfo): number | null {
  const d = dims(v);
  if (d.length <= 1) return 1;
  const w = d[1].dimValue;
  return w === undefined || w === null || Number(w) <= 0 ? null : Number(w);
}

function isNumeric(v: ValueInfo): boolean {
  return [1, 11, 10, 6, 7].includes(v.type?.tensorType?.elemType ?? -1);
}

/** The first output named like one of `names`, else the first that `fallback` accepts. */
function pick(outputs: ValueInfo[], names: string[], fallback: (o: ValueInfo) => boolean): ValueInfo | undefined {
  for (const n of names) {
    const found = outputs.find((o) => o.name?.toLowerCase() === n);
    if (found) return found;
  }
  return outputs.find(fallback);
}

function stringsOf(attr: onnxProto.onnx.IAttributeProto | undefined): string[] | null {
  return attr?.strings?.length ? attr.strings.map((b) => decoder.decode(b)) : null;
}

/** A classifier node's class labels (ai.onnx.ml classlabels_*), or the class constant a Gather turns into `label`. */
function classLabels(graph: Graph): string[] | null {
  for (const node of graph.node ?? []) {
    for (const attr of node.attribute ?? []) {
      if (attr.name === 'classlabels_strings') return stringsOf(attr);
      if (attr.name === 'classlabels_int64s' && attr.ints?.length) return attr.ints.map((v) => String(v));
    }
  }
  // our exporter: label = Identity(Gather(classes, code)), classes a string constant
  const producer = (name: string | null | undefined) => (graph.node ?? []).find((n) => n.output?.includes(name ?? ''));
  let node = producer(LABEL_NAMES.map((n) => graph.output?.find((o) => o.name === n)?.name).find(Boolean));
  while (node?.opType === 'Identity') node = producer(node.input?.[0]);
  if (node?.opType !== 'Gather') return null;
  const constant = (graph.initializer ?? []).find((t) => t.name === node.input?.[0]);
  return constant?.stringData?.length ? constant.stringData.map((b) => decoder.decode(b)) : null;
}

/** The categories our exporter records for a text input (see INPUT_CATEGORIES_KEY in export.ts). */
function exportedCategories(metadata: onnxProto.onnx.IStringStringEntryProto[], input: string): string[] | null {
  const entry = metadata.find((m) => m.key === 'plumb.input_categories');
  if (!entry?.value) return null;
  try {
    const parsed: unknown = JSON.parse(entry.value);
    const levels = (parsed as Record<string, unknown>)[input];
    return Array.isArray(levels) && levels.every((l) => typeof l === 'string') ? (levels as string[]) : null;
  } catch {
    return null;
  }
}

/** The categories of a text input: keys of a LabelEncoder, or cats of a OneHotEncoder, that reads it directly. */
function levelsRead(graph: Graph, input: string): string[] | null {
  for (const node of graph.node ?? []) {
    if (!node.input?.includes(input)) continue;
    const attrs = node.attribute ?? [];
    if (node.opType === 'LabelEncoder') return stringsOf(attrs.find((a) => a.name === 'keys_strings'));
    if (node.opType === 'OneHotEncoder') return stringsOf(attrs.find((a) => a.name === 'cats_strings'));
  }
  return null;
}
