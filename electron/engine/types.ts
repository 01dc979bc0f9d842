// The contract between the DAG engine and node implementations. The engine is generic over the
// environment (`Env`) that nodes get: it never sees DuckDB, models or files itself.
import type { NodeDeclaration, TableSchema } from '../../shared/catalog/define.js';
import type { PortType } from '../../shared/catalog/ports.js';
import type { z } from 'zod';
import type { SeriesPoint } from '../../shared/api/run-types.js';

export type { NodeStatus, OutputCache, RunEvent, RunStatus, SeriesPoint } from '../../shared/api/run-types.js';

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
  /**
   * What else decides the outputs besides inputs, params and file bytes (e.g. the registered model version a
   * `name@alias` param names right now): part of the cache key. Throwing fails the node.
   */
  keyMaterial?(params: z.infer<D['params']>, env: Env): unknown;
  /**
   * Output table schemas without running, for nodes that must look at a file or ask DuckDB (the pure ones say it
   * in their declaration's `schema`); a port left out is unknown until a run.
   */
  schema?(
    params: z.infer<D['params']>,
    inputs: Readonly<Record<string, TableSchema | undefined>>,
    env: Env,
    resolvePath: (path: string) => string,
  ): Promise<Record<string, TableSchema | undefined>>;
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
