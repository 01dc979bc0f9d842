// The contract between the DAG engine and node implementations. The engine is generic over the
// environment (`Env`) that nodes get: it never sees DuckDB, models or files itself.
import type { NodeDeclaration } from '../../shared/catalog/define.js';
import type { PortType } from '../../shared/catalog/ports.js';
import type { z } from 'zod';

export type NodeStatus = 'queued' | 'running' | 'done' | 'failed' | 'cached' | 'skipped' | 'cancelled';

export type RunStatus = 'ok' | 'failed' | 'gate_failed' | 'cancelled';

export type RunEvent =
  | { kind: 'run_started'; runId: string; nodes: string[] }
  | { kind: 'node_status'; node: string; status: NodeStatus; seconds?: number; error?: string; cacheKey?: string }
  | { kind: 'node_progress'; node: string; fraction: number; message?: string }
  | { kind: 'node_series'; node: string; port: string; points: SeriesPoint[] }
  | { kind: 'node_log'; node: string; level: 'info' | 'warn'; message: string }
  | { kind: 'run_finished'; status: RunStatus; seconds: number };

export interface SeriesPoint {
  step: number;
  train_loss?: number;
  valid_loss?: number;
  metric?: number;
  seconds: number;
}

export interface NodeRunContext {
  readonly nodeId: string;
  readonly nodeType: string;
  readonly signal: AbortSignal;
  /** Throws a `cancelled` PlumbError when the run was cancelled; call it often in long loops. */
  throwIfCancelled(): void;
  /** fraction in 0..1; the engine throttles what it forwards. */
  progress(fraction: number, message?: string): void;
  /** Live points of a `series` output port (history of training), throttled by the engine to 10/s. */
  series(port: string, points: SeriesPoint[]): void;
  warn(message: string): void;
  /** Absolute path for a path param, resolved against the pipeline file's folder. */
  resolvePath(path: string): string;
}

export interface NodeImplementation<Env, D extends NodeDeclaration = NodeDeclaration> {
  declaration: D;
  /** Bumped whenever the code's output for the same inputs changes: part of the cache key. */
  implVersion: number;
  run(
    ctx: NodeRunContext,
    inputs: Record<string, unknown>,
    params: z.infer<D['params']>,
    env: Env,
  ): Promise<Record<string, unknown>>;
}

/** How values of one port type are cached and written to `--out`. Provided by the nodes layer. */
export interface PortCodec<Env> {
  type: PortType;
  /** Serialize for the cache; the bytes must be a pure function of the value. */
  save(value: unknown, env: Env): Promise<Uint8Array>;
  load(bytes: Uint8Array, env: Env): Promise<unknown>;
  writeFile(value: unknown, path: string, env: Env): Promise<void>;
}

/** Stores node outputs by cache key (a directory, or the project file). */
export interface OutputCache {
  has(key: string): Promise<boolean>;
  get(key: string): Promise<Record<string, Uint8Array> | undefined>;
  put(key: string, outputs: Record<string, Uint8Array>): Promise<void>;
}
