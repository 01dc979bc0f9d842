// Run, node and series types every layer shares (engine emits them, store records them, the app forwards them),
// derived from the API contract so each exists once.
import type { z } from 'zod';
import type { AppRunEvent, nodeStatusSchema, runStatusSchema, seriesPointSchema } from './contract.js';

export type NodeStatus = z.infer<typeof nodeStatusSchema>;
export type RunStatus = z.infer<typeof runStatusSchema>;
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

/** The contract's event without its run id: the engine names the run once, in `run_started`. */
type WithoutRunId<E> = E extends { kind: 'run_started' } ? E : Omit<E, 'runId'>;

/**
 * What a run reports as it goes (the engine's view): the app's events without the run id on each, and the
 * node's cache key on `node_status` (the store records it; the app does not forward it).
 */
export type RunEvent =
  | WithoutRunId<Exclude<AppRunEvent, { kind: 'node_status' }>>
  | (WithoutRunId<Extract<AppRunEvent, { kind: 'node_status' }>> & { cacheKey?: string });

/** Node outputs by cache key: the engine reads and writes it, a folder or the project file provides it. */
export interface OutputCache {
  has(key: string): Promise<boolean>;
  get(key: string): Promise<Record<string, Uint8Array> | undefined>;
  put(key: string, outputs: Record<string, Uint8Array>): Promise<void>;
}
