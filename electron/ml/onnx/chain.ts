// The stored preprocessing chain (impute / encode / scale / select, ml/preprocessing) folded in front of an exported
// graph: inputs are the original columns the model depends on (numbers as float [N, 1], text and booleans as string
// [N, 1] with '' for missing), every step becomes ops computed in double exactly as preprocessing/apply.ts computes
// it cell by cell, and the model's features come out as double [N, 1] tensors (categorical ones as level codes).

import { invalidInput } from '../../../shared/errors.js';
import type { ModelFileEnvelope } from '../model-file/envelope.js';
import { requiredInputs } from '../preprocessing/signature.js';
import type { EncodeStep, ImputeStep, PreprocessingChain, ScaleStep } from '../preprocessing/types.js';
import { kindOfType, textForm } from '../preprocessing/values.js';
import { BATCH } from './columns.js';
import type { OnnxGraph } from './graph.js';

/** A column inside the graph: double [N, 1] with NaN for missing, or string [N, 1] with '' for missing. */
interface GraphColumn {
  tensor: string;
  kind: 'number' | 'text';
  /** the column's DuckDB type (for the text form of numbers that encode compares) */
  type: string;
}

type Columns = Map<string, GraphColumn>;

/** Declares the chain's inputs and returns the model's features, double [N, 1] each, in the file's order. */
export function chainFeatures(g: OnnxGraph, file: Pick<ModelFileEnvelope, 'features' | 'feature_levels'>, chain: PreprocessingChain): string[] {
  const required = new Set(requiredInputs(chain, file.features));
  let columns: Columns = new Map();
  for (const spec of chain.input) {
    if (!required.has(spec.name)) continue;
    const kind = kindOfType(spec.type);
    if (kind === 'number') {
      g.input(spec.name, 'float', [BATCH, 1]);
      columns.set(spec.name, { tensor: g.op('Cast', [spec.name], { to: { i: 11 } }), kind: 'number', type: spec.type });
    } else if (kind === 'text' || kind === 'boolean') {
      g.input(spec.name, 'string', [BATCH, 1]);
      columns.set(spec.name, { tensor: spec.name, kind: 'text', type: spec.type });
    } else {
      throw invalidInput(`ONNX export: input column '${spec.name}' is of type ${spec.type}; only numeric, text and boolean columns can be exported`);
    }
  }
  for (const step of chain.steps) {
    if (step.kind === 'impute') columns = impute(g, step, columns);
    else if (step.kind === 'encode') columns = encode(g, step, columns);
    else if (step.kind === 'scale') columns = scale(g, step, columns);
    else columns = new Map(step.columns.flatMap(({ from, to }) => (columns.has(from) ? [[to, columns.get(from)!] as const] : [])));
  }
  return file.features.map((name) => {
    const column = columns.get(name);
    if (!column) throw invalidInput(`ONNX export: feature '${name}' is not a column at the end of the preprocessing chain`);
    const levels = file.feature_levels[name];
    if (levels) return levelCode(g, column, levels);
    if (column.kind === 'text') throw invalidInput(`ONNX export: numeric feature '${name}' is text at the end of the preprocessing chain`);
    return column.tensor;
  });
}

function missing(g: OnnxGraph, column: GraphColumn): string {
  return column.kind === 'number' ? g.op('IsNaN', [column.tensor]) : g.op('Equal', [column.tensor, g.constant('string', [], [''], 'empty')]);
}

function impute(g: OnnxGraph, step: ImputeStep, columns: Columns): Columns {
  const out = new Map(columns);
  for (const name of step.indicators) {
    const column = columns.get(name);
    if (column) out.set(`${name}_missing`, { tensor: g.op('Cast', [missing(g, column)], { to: { i: 11 } }), kind: 'number', type: 'INTEGER' });
  }
  for (const { column: name, value } of step.fills) {
    const column = columns.get(name);
    if (!column) continue;
    const fill =
      column.kind === 'number'
        ? g.constant('double', [], [typeof value === 'number' ? value : Number(value)], 'fill')
        : g.constant('string', [], [typeof value === 'string' ? value : textForm(value, column.type)], 'fill');
    out.set(name, { ...column, tensor: g.op('Where', [missing(g, column), fill, column.tensor]) });
  }
  return out;
}

/** Per level, 1 where the column's text form equals it (numbers are compared by value), double [N, L]. */
function matches(g: OnnxGraph, column: GraphColumn, levels: readonly string[]): string {
  const constant =
    column.kind === 'text'
      ? g.constant('string', [1, levels.length], levels, 'levels')
      : g.constant('double', [1, levels.length], levels.map((l) => (l.trim() === '' ? Number.NaN : Number(l))), 'levels');
  return g.op('Cast', [g.op('Equal', [column.tensor, constant])], { to: { i: 11 } });
}

/** The level index of each row (NaN when missing or not a level), double [N, 1]. */
function levelCode(g: OnnxGraph, column: GraphColumn, levels: readonly string[]): string {
  if (levels.length === 0) return g.op('Mul', [g.op('Cast', [missing(g, column)], { to: { i: 11 } }), g.constant('double', [], [Number.NaN], 'nan')]);
  const hits = matches(g, column, levels);
  const code = g.op('MatMul', [hits, g.constant('double', [levels.length, 1], levels.map((_, k) => k), 'codes')]);
  const found = g.op('ReduceSum', [hits, g.constant('int64', [1], [1], 'axis')], { keepdims: { i: 1 } });
  return g.op('Where', [g.op('Equal', [found, g.constant('double', [], [0], 'zero')]), g.constant('double', [], [Number.NaN], 'nan'), code]);
}

function encode(g: OnnxGraph, step: EncodeStep, columns: Columns): Columns {
  const out = new Map(columns);
  for (const { column: name, levels, outputs } of step.columns) {
    const column = columns.get(name);
    if (!column) continue;
    out.delete(name);
    if (step.method === 'ordinal') {
      out.set(name, { tensor: levelCode(g, column, levels), kind: 'number', type: 'DOUBLE' });
      continue;
    }
    outputs.forEach(({ level, name: output }) => {
      out.set(output, { tensor: matches(g, column, [level]), kind: 'number', type: 'INTEGER' });
    });
  }
  return out;
}

function scale(g: OnnxGraph, step: ScaleStep, columns: Columns): Columns {
  const out = new Map(columns);
  for (const s of step.scalings) {
    const column = columns.get(s.column);
    if (!column || column.kind !== 'number') continue;
    const tensor =
      'center' in s
        ? g.op('Div', [g.op('Sub', [column.tensor, g.constant('double', [], [s.center], 'center')]), g.constant('double', [], [s.scale], 'scale')])
        : g.op('Add', [g.op('Mul', [column.tensor, g.constant('double', [], [s.multiply], 'multiply')]), g.constant('double', [], [s.offset], 'offset')]);
    out.set(s.column, { ...column, tensor, type: 'DOUBLE' });
  }
  return out;
}
