// Running ONNX bytes through onnxruntime-node: one InferenceSession per model per thread (cached by content hash,
// created once and reused), feeds built from a FeatureMatrix, outputs read back as plain typed arrays.

import { createHash } from 'node:crypto';
import type * as Ort from 'onnxruntime-node';
import { invalidInput } from '../../../shared/errors.js';
import type { FeatureMatrix } from '../types.js';

/** The element types Plumb feeds; other input types are refused when the model is imported. */
export type FeedType = 'float' | 'double' | 'int64' | 'int32' | 'string';

/** One graph input: its name, element type and the features (indices into the matrix) that fill its columns. */
export interface InputBinding {
  name: string;
  type: FeedType;
  /** feature indices, one per column of an [N, columns] tensor */
  columns: number[];
}

// onnxruntime-node is loaded on the first session, so commands and runs without ONNX models never pay for it.
let ort: typeof Ort | undefined;
let loading: Promise<typeof Ort> | undefined;
const loadOrt = (): Promise<typeof Ort> => (loading ??= import('onnxruntime-node').then((m) => (ort = m)));
/** The module, once a session exists (tensors are only built for a session's run). */
function loadedOrt(): typeof Ort {
  if (!ort) throw new Error('onnxruntime-node is used before a session was opened');
  return ort;
}

const MAX_SESSIONS = 8;
const sessions = new Map<string, Promise<Ort.InferenceSession>>();
const hashes = new WeakMap<object, string>();

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Opens `bytes` as a session; a file onnxruntime rejects gives a one-line error naming `source`. */
export async function openSession(bytes: Uint8Array, source?: string): Promise<Ort.InferenceSession> {
  const { InferenceSession } = await loadOrt();
  try {
    return await InferenceSession.create(bytes, { graphOptimizationLevel: 'all', intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300);
    throw invalidInput(`not a model onnxruntime can load: ${message}`, source ? { file: source } : {});
  }
}

/**
 * The session of a model, opened at most once per thread: `owner` is the object the bytes belong to (its hash is
 * remembered), `bytes` are decoded only on the first call.
 */
export function cachedSession(owner: object, bytes: () => Uint8Array, source?: string): Promise<Ort.InferenceSession> {
  let key = hashes.get(owner);
  let decoded: Uint8Array | undefined;
  if (!key) {
    decoded = bytes();
    key = sha256(decoded);
    hashes.set(owner, key);
  }
  let session = sessions.get(key);
  if (!session) {
    session = openSession(decoded ?? bytes(), source);
    session.catch(() => sessions.delete(key));
    sessions.set(key, session);
    if (sessions.size > MAX_SESSIONS) {
      const [oldest] = sessions.keys();
      const evicted = sessions.get(oldest);
      sessions.delete(oldest);
      void evicted?.then((s) => s.release()).catch(() => undefined);
    }
  }
  return session;
}

/** The text a categorical code stands for ('' when missing or out of range); numbers as themselves otherwise. */
function textOf(X: FeatureMatrix, j: number, v: number): string {
  const levels = X.levels[j];
  if (levels) return v === v && v >= 0 && v < levels.length ? levels[v] : '';
  return v === v ? String(v) : '';
}

/** One input tensor (row-major [N, columns]) from the matrix. */
export function feedOf(X: FeatureMatrix, input: InputBinding, dims?: readonly number[]): Ort.Tensor {
  const n = X.nRows;
  const w = input.columns.length;
  const shape = dims ? dims.slice() : [n, w];
  if (input.type === 'string') {
    const data: string[] = new Array<string>(n * w);
    input.columns.forEach((j, c) => {
      const col = X.columns[j];
      for (let i = 0; i < n; i++) data[i * w + c] = textOf(X, j, col[i]);
    });
    return new (loadedOrt().Tensor)('string', data, shape);
  }
  const data =
    input.type === 'float' ? new Float32Array(n * w) : input.type === 'double' ? new Float64Array(n * w) : input.type === 'int32' ? new Int32Array(n * w) : null;
  if (data) {
    input.columns.forEach((j, c) => {
      const col = X.columns[j];
      for (let i = 0; i < n; i++) data[i * w + c] = col[i];
    });
    return new (loadedOrt().Tensor)(input.type === 'float' ? 'float32' : input.type === 'double' ? 'float64' : 'int32', data, shape);
  }
  const ints = new BigInt64Array(n * w);
  input.columns.forEach((j, c) => {
    const col = X.columns[j];
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (!Number.isInteger(v)) throw invalidInput(`ONNX input '${input.name}' takes integers; feature '${X.names[j]}' has ${v} in row ${i + 1}`);
      ints[i * w + c] = BigInt(v);
    }
  });
  return new (loadedOrt().Tensor)('int64', ints, shape);
}

/** A numeric output as float64 values (labels of integer type too). */
export function numbersOf(tensor: Ort.Tensor, what: string): Float64Array {
  const data = tensor.data;
  if (data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array) return Float64Array.from(data);
  if (data instanceof BigInt64Array) return Float64Array.from(data, (v) => Number(v));
  throw invalidInput(`ONNX output '${what}' is of type ${tensor.type}, expected numbers`);
}

/** Runs the session on the matrix with the given bindings. */
export async function runOnnx(session: Ort.InferenceSession, X: FeatureMatrix, inputs: readonly InputBinding[]): Promise<Record<string, Ort.Tensor>> {
  const feeds: Record<string, Ort.Tensor> = {};
  for (const input of inputs) feeds[input.name] = feedOf(X, input);
  return session.run(feeds);
}
