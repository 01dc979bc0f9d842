// What every node implementation gets besides its inputs and params.
import type { DataSession } from '../data/types.js';
import type { WorkerPool } from '../engine/workers.js';
import type { NodeImplementation } from '../engine/types.js';
import type { NodeDeclaration } from '../../shared/catalog/define.js';
import type { OutputCache } from '../../shared/api/run-types.js';
import type { RowShard } from './row-shard.js';
import type { LoggedPrediction, PredictionLogFilter } from '../store/prediction-log.js';

export interface NodeEnv {
  data: DataSession;
  /** Heavy compute (training, explanations) runs here, off the main thread. */
  workers: WorkerPool;
  /**
   * Set by headless runs (the CLI's own pool, no UI thread to keep free): fits whose cost is small run in this
   * thread instead of a worker round-trip. The app leaves it unset, so its fits stay in a warm worker.
   */
  smallFitsInProcess?: boolean;
  /** The project's model registry; absent when the run has no project. */
  models?: ModelLookup;
  /**
   * One-step mode's `--shard i/N` for the row-wise nodes that take all their rows (to sample them, summarize a
   * background or fit a forest exactly as the whole run does) and compute only this share of them.
   */
  rowShard?: RowShard;
  /**
   * The run's output cache, for a node that keeps work by its own content key (model.automl keeps its fitted
   * candidates, so picking another leaderboard row after a restart needs no refit). Absent: nothing is kept.
   */
  cache?: OutputCache;
}

/** A registered model version as `model.load` sees it. */
export interface RegisteredModel {
  name: string;
  version: number;
  /** sha256 of the model file: what the cache key needs. */
  hash: string;
  /** The Plumb model file bytes (JSON). */
  read(): Uint8Array;
}

/** The narrow view of the project's registry that nodes get (nodes never import the store). */
export interface ModelLookup {
  /** `name@alias`, `name@3` or `name`; throws invalid_input naming what is not there. */
  resolve(ref: string): RegisteredModel;
  /** Predictions `plumb serve` logged to the project (data.prediction_log). */
  predictions?: ServedPredictions;
}

export type ServedPredictionFilter = Omit<PredictionLogFilter, 'limit'>;

/** One logged prediction, as the store keeps it. */
export type ServedPrediction = Omit<LoggedPrediction, 'model'>;

/** The read side of the project's prediction log (oldest first; `stamp` lets a cache key see new rows). */
export interface ServedPredictions {
  list(filter: ServedPredictionFilter): ServedPrediction[];
  stamp(filter: ServedPredictionFilter): { count: number; lastId: number };
}

export type PlumbNode<D extends NodeDeclaration> = NodeImplementation<NodeEnv, D>;

/** Typed helper so `run` gets params inferred from the declaration. */
export function implementNode<D extends NodeDeclaration>(node: PlumbNode<D>): PlumbNode<D> {
  return node;
}
