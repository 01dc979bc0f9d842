// A small builder for ONNX graphs (ModelProto bytes through onnx-proto/protobufjs): typed constants, nodes with
// typed attributes, inputs and outputs. The exporters in this folder describe a model's computation with it.

import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;

/** ONNX opset of the default domain and of `ai.onnx.ml` written into every exported model. */
export const OPSET = 19;
export const ML_OPSET = 3;
export const ML_DOMAIN = 'ai.onnx.ml';

export type ElemType = 'float' | 'double' | 'int64' | 'string' | 'bool';

const elemTypes: Record<ElemType, number> = {
  float: DataType.FLOAT,
  double: DataType.DOUBLE,
  int64: DataType.INT64,
  string: DataType.STRING,
  bool: DataType.BOOL,
};

/** An attribute value, tagged with its ONNX attribute type (JavaScript numbers cannot tell ints from floats). */
export type Attribute =
  | { i: number }
  | { f: number }
  | { s: string }
  | { ints: readonly number[] }
  | { floats: readonly number[] }
  | { strings: readonly string[] }
  | { tensor: onnxProto.onnx.ITensorProto };

/** A tensor dimension: a fixed size, or a named batch dimension. */
export type Dim = number | string;

const utf8 = new TextEncoder();

function attributeProto(name: string, value: Attribute): onnxProto.onnx.IAttributeProto {
  const A = onnx.AttributeProto.AttributeType;
  if ('i' in value) return { name, type: A.INT, i: value.i };
  if ('f' in value) return { name, type: A.FLOAT, f: value.f };
  if ('s' in value) return { name, type: A.STRING, s: utf8.encode(value.s) };
  if ('ints' in value) return { name, type: A.INTS, ints: value.ints.slice() };
  if ('floats' in value) return { name, type: A.FLOATS, floats: value.floats.slice() };
  if ('strings' in value) return { name, type: A.STRINGS, strings: value.strings.map((s) => utf8.encode(s)) };
  return { name, type: A.TENSOR, t: value.tensor };
}

/** A tensor proto of `type` with `dims` (values in row-major order). */
export function tensorProto(type: ElemType, dims: readonly number[], values: ArrayLike<number> | readonly string[], name = ''): onnxProto.onnx.ITensorProto {
  const t: onnxProto.onnx.ITensorProto = { name, dataType: elemTypes[type], dims: dims.slice() };
  const list = Array.from(values as ArrayLike<number | string>);
  if (type === 'string') t.stringData = (list as string[]).map((s) => utf8.encode(s));
  else if (type === 'float') t.floatData = list as number[];
  else if (type === 'double') t.doubleData = list as number[];
  else t.int64Data = list as number[];
  return t;
}

function valueInfo(name: string, type: ElemType, dims: readonly Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: elemTypes[type], shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

export class OnnxGraph {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(private readonly graphName: string) {}

  /** A fresh tensor name (no user column can collide: user inputs keep their own names, these carry a prefix). */
  fresh(hint: string): string {
    return `plumb_${hint}_${this.counter++}`;
  }

  /** A constant (initializer) and its name. */
  constant(type: ElemType, dims: readonly number[], values: ArrayLike<number> | readonly string[], hint = 'const'): string {
    const name = this.fresh(hint);
    this.initializers.push(tensorProto(type, dims, values, name));
    return name;
  }

  /** Adds one node; returns its output names (fresh unless given). */
  node(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}, options: { domain?: string; outputs?: readonly string[]; nOutputs?: number } = {}): string[] {
    const outputs = options.outputs?.slice() ?? Array.from({ length: options.nOutputs ?? 1 }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push({
      opType,
      domain: options.domain ?? '',
      name: this.fresh(`node_${opType}`),
      input: inputs.slice(),
      output: outputs,
      attribute: Object.entries(attributes).map(([k, v]) => attributeProto(k, v)),
    });
    return outputs;
  }

  /** Adds one node with one output and returns that output's name. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}, domain?: string): string {
    return this.node(opType, inputs, attributes, { domain })[0];
  }

  input(name: string, type: ElemType, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Declares `from` as a graph output named `name` (through Identity when the names differ). */
  output(name: string, from: string, type: ElemType, dims: readonly Dim[]): void {
    if (from !== name) this.node('Identity', [from], {}, { outputs: [name] });
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** The serialized ModelProto; `metadata` goes into its metadata_props. */
  encode(docString: string, metadata: Record<string, string> = {}): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'plumb',
      producerVersion: '1',
      docString,
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      opsetImport: [
        { domain: '', version: OPSET },
        { domain: ML_DOMAIN, version: ML_OPSET },
      ],
      graph: { name: this.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
