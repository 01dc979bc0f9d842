// The preprocessing chain a table carries: data.impute/encode/scale/select append their fitted step to the chain
// of their input, row-only nodes (filter, sample, split) pass it on, any other node starts tables without one.
// A trainer stores the chain of its `train` table in the model file (SPEC §5). Cached tables keep it (codecs.ts).
import type { ColumnInfo, TableRef } from '../../data/types.js';
import type { PreprocessingChain, PreprocessingStep } from '../../ml/preprocessing/index.js';
import { preprocessingChainSchema } from '../../ml/preprocessing/index.js';

export interface ChainedTable extends TableRef {
  readonly preprocessing?: PreprocessingChain;
}

/** The chain `value` carries, if it is a table with one. */
export function chainOf(value: unknown): PreprocessingChain | undefined {
  if (typeof value !== 'object' || value === null || !('preprocessing' in value)) return undefined;
  return (value as ChainedTable).preprocessing;
}

/** `output` carrying the input's chain plus `step`; `inputColumns` are the input's columns (the chain's start when it has none). */
export function withStep(input: unknown, inputColumns: readonly ColumnInfo[], step: PreprocessingStep, output: TableRef): ChainedTable {
  const before = chainOf(input) ?? { input: inputColumns.map(({ name, type }) => ({ name, type })), steps: [] };
  return { ...output, preprocessing: { input: before.input, steps: [...before.steps, step] } };
}

/** `output` carrying the input's chain unchanged (a node that only picks rows). */
export function carryChain(input: unknown, output: TableRef): ChainedTable {
  const chain = chainOf(input);
  return chain ? { ...output, preprocessing: chain } : output;
}

// Cache bytes of a table with a chain: MAGIC, the chain's JSON length (u32 LE), the JSON, then the Parquet file.
// Parquet starts with 'PAR1', so plain Parquet bytes are told apart from these by their first bytes.
const MAGIC = new TextEncoder().encode('PLMBCHN1');

export function wrapTableBytes(parquet: Uint8Array, chain: PreprocessingChain | undefined): Uint8Array {
  if (!chain) return parquet;
  const json = new TextEncoder().encode(JSON.stringify(chain));
  const out = new Uint8Array(MAGIC.length + 4 + json.length + parquet.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  out.set(parquet, MAGIC.length + 4 + json.length);
  return out;
}

/** The Parquet file and the chain inside cached table bytes (plain Parquet bytes have no chain). */
export function unwrapTableBytes(bytes: Uint8Array): { parquet: Uint8Array; chain?: PreprocessingChain } {
  if (bytes.length < MAGIC.length + 4 || !MAGIC.every((b, i) => bytes[i] === b)) return { parquet: bytes };
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4;
  const chain = preprocessingChainSchema.parse(JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + length))));
  return { parquet: bytes.subarray(start + length), chain };
}
