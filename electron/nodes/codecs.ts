// How each port type is cached (bytes) and written by `--out`: tables as Parquet / CSV, the rest as JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PORT_TYPES, type PortType } from '../../shared/catalog/ports.js';
import { runtimeError } from '../../shared/errors.js';
import type { TableRef } from '../data/types.js';
import type { PortCodec } from '../engine/types.js';
import type { NodeEnv } from './env.js';
import { chainOf, unwrapTableBytes, wrapTableBytes } from './data/table-chain.js';

function asTable(value: unknown): TableRef {
  if (typeof value === 'object' && value !== null && typeof (value as TableRef).table === 'string') {
    return value as TableRef;
  }
  throw runtimeError(`expected a table, got ${typeof value}`);
}

const tableCodec: PortCodec<NodeEnv> = {
  type: 'table',
  // DuckDB writes the same Parquet bytes for the same rows (checked in test/unit/electron/data/parquet.test.ts).
  // A table's preprocessing chain travels in front of the Parquet bytes (data/table-chain.ts).
  save: async (value, env) => wrapTableBytes(await env.data.toParquetBytes(asTable(value)), chainOf(value)),
  async load(bytes, env) {
    const { parquet, chain } = unwrapTableBytes(bytes);
    const table = await env.data.fromParquetBytes(parquet, 'cached');
    return chain ? { ...table, preprocessing: chain } : table;
  },
  async writeFile(value, path, env) {
    await mkdir(dirname(path), { recursive: true });
    await env.data.writeCsv(asTable(value), path);
  },
};

/** Typed arrays become plain arrays; key order is the object's own, so the same value gives the same text. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function canonicalJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, jsonReplacer, indent);
  if (text === undefined) throw runtimeError(`cannot serialize a ${typeof value} port value as JSON`);
  return text;
}

function jsonCodec(type: Exclude<PortType, 'table'>): PortCodec<NodeEnv> {
  return {
    type,
    save: async (value) => new TextEncoder().encode(canonicalJson(value)),
    load: async (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
    async writeFile(value, path) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, `${canonicalJson(value, 2)}\n`, 'utf8');
    },
  };
}

export const portCodecs: Record<PortType, PortCodec<NodeEnv>> = Object.fromEntries(
  PORT_TYPES.map((type) => [type, type === 'table' ? tableCodec : jsonCodec(type)]),
) as Record<PortType, PortCodec<NodeEnv>>;
