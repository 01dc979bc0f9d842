// A pool of worker threads for heavy compute (training, explanations): tasks are a module + exported function,
// progress is forwarded, cancel is cooperative first and ends in terminating the worker.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { cancelledError, PlumbError, runtimeError, toPlumbError, type PlumbErrorKind } from '../../shared/errors.js';

/** A task that has not returned this long after its cancel gets its worker terminated. */
export const TERMINATE_AFTER_MS = 200;

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);
/** Running from the TypeScript sources (not the CLI bundle, whose build points ENTRY and task URLs at bundled files). */
const FROM_SOURCES = /\.[cm]?ts$/.test(import.meta.url);
const KINDS: readonly PlumbErrorKind[] = ['invalid_input', 'runtime', 'cancelled', 'gate_failed'];

export interface WorkerTask {
  /** Absolute path (or file: URL) of a .ts or .js module. */
  module: string;
  /** Name of the exported function: `(payload, ctx: WorkerTaskContext) => result | Promise<result>`. */
  fn: string;
}

/** What a task function gets besides its payload; `TMessage` is what it posts to the caller. */
export interface WorkerTaskContext<TMessage = unknown> {
  progress(fraction: number, message?: string): void;
  /** True once the caller cancelled; long loops check it and stop. */
  isCancelled(): boolean;
  /** Sends `data` (structured-cloned, in order) to the caller's `onMessage`, e.g. training history points. */
  post(data: TMessage): void;
}

export type WorkerTaskFunction<TIn, TOut, TMessage = unknown> = (payload: TIn, ctx: WorkerTaskContext<TMessage>) => TOut | Promise<TOut>;

/** A task typed by its function (made by `taskModule(...).task(name)`): `run` takes its payload and returns its result. */
export interface TaskHandle<TIn, TOut, TMessage = unknown> extends WorkerTask {
  /** Never set: carries the function's types to `WorkerPool.run`. */
  readonly types?: { payload: TIn; result: TOut; message: TMessage };
}

/** The exported functions of a task module type `M`, by name. */
type TaskNames<M> = { [K in keyof M]: M[K] extends (payload: never, ctx: never) => unknown ? K : never }[keyof M] & string;

/** The handle type of one task function. */
export type TaskHandleOf<F> = F extends (payload: infer TIn, ctx: WorkerTaskContext<infer TMessage>) => infer TOut
  ? TaskHandle<TIn, Awaited<TOut>, TMessage>
  : never;

/**
 * The tasks of one module, typed from its exports. Pass the module's type with a type-only import, so the caller
 * never loads the module itself (the worker does):
 *
 *     import type * as trainTasks from './train-task.js';
 *     export const trainTask = taskModule<typeof trainTasks>(new URL('./train-task.ts', import.meta.url)).task('trainModel');
 */
export function taskModule<M>(url: URL): { task<K extends TaskNames<M>>(fn: K): TaskHandleOf<M[K]> } {
  const module = fileURLToPath(url);
  // The handle is only { module, fn } at run time; its type is a deferred conditional, hence the cast.
  return { task: <K extends TaskNames<M>>(fn: K) => ({ module, fn }) satisfies WorkerTask as unknown as TaskHandleOf<M[K]> };
}

export interface RunTaskOptions<TMessage = unknown> {
  signal?: AbortSignal;
  onProgress?: (fraction: number, message?: string) => void;
  /** What the task sends with `ctx.post`; not called once the caller cancelled. */
  onMessage?: (data: TMessage) => void;
  /** Buffers moved to the worker instead of copied (unusable in the caller afterwards). */
  transfer?: TransferListItem[];
}

export interface WorkerPoolStats {
  workers: number;
  busy: number;
  queued: number;
  /** Workers terminated because a task ignored its cancel or crashed the thread. */
  replaced: number;
}

export interface WorkerPool {
  run<TIn, TOut, TMessage = unknown>(task: TaskHandle<TIn, TOut, TMessage>, payload: TIn, options?: RunTaskOptions<TMessage>): Promise<TOut>;
  /**
   * Starts up to `count` workers now (at most the pool's size), so the first heavy node does not wait for a thread
   * to start (and, from the sources, for the TypeScript loader). Idle warm workers do not keep the process alive.
   */
  warm?(count: number): void;
  stats(): WorkerPoolStats;
  close(): Promise<void>;
}

/**
 * The one place that turns a task module path into what the worker imports. Source runs use the .ts file;
 * a packaged build ships the compiled .js beside where the .ts was.
 */
export function taskModuleUrl(module: string): string {
  const path = module.startsWith('file:') ? fileURLToPath(module) : module;
  if (!isAbsolute(path)) throw new Error(`task module must be an absolute path: ${module}`);
  const compiled = path.replace(/\.([cm]?)ts$/, '.$1js');
  return pathToFileURL(!existsSync(path) && existsSync(compiled) ? compiled : path).href;
}

type WorkerMessage =
  | { type: 'progress'; id: number; fraction: number; message?: string }
  | { type: 'message'; id: number; data: unknown }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError };

interface SerializedError {
  name?: string;
  kind?: string;
  message: string;
  where?: PlumbError['where'];
  details?: string[];
}

interface Job {
  id: number;
  url: string;
  fn: string;
  payload: unknown;
  options: RunTaskOptions;
  cancelFlag: Int32Array;
  resolve(value: unknown): void;
  reject(error: PlumbError): void;
  onAbort?: () => void;
  killTimer?: ReturnType<typeof setTimeout>;
  done: boolean;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

export function createWorkerPool(options: { size: number }): WorkerPool {
  const size = Math.max(1, Math.floor(options.size));
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let replaced = 0;
  let closed = false;

  const finish = (job: Job, outcome: { value: unknown } | { error: PlumbError }) => {
    if (job.done) return;
    job.done = true;
    clearTimeout(job.killTimer);
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
  };

  const release = (slot: Slot) => {
    slot.job = undefined;
    // Idle workers must not keep a CLI process alive.
    slot.worker.unref();
    dispatch();
  };

  const retire = (slot: Slot) => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    replaced += 1;
  };

  const onMessage = (slot: Slot, message: WorkerMessage) => {
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    if (message.type === 'progress') {
      if (!job.options.signal?.aborted) job.options.onProgress?.(message.fraction, message.message);
      return;
    }
    if (message.type === 'message') {
      if (!job.options.signal?.aborted) job.options.onMessage?.(message.data);
      return;
    }
    if (job.options.signal?.aborted) finish(job, { error: cancelledError() });
    else if (message.type === 'result') finish(job, { value: message.value });
    else finish(job, { error: fromWorkerError(message.error) });
    release(slot);
  };

  const onCrash = (slot: Slot, error: Error) => {
    const job = slot.job;
    retire(slot);
    if (job) finish(job, { error: job.options.signal?.aborted ? cancelledError() : runtimeError(`worker crashed: ${error.message}`) });
    dispatch();
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(ENTRY, { workerData: { typescript: FROM_SOURCES } }) };
    slot.worker.on('message', (m: WorkerMessage) => onMessage(slot, m));
    slot.worker.on('error', (e) => onCrash(slot, e));
    slot.worker.on('exit', (code) => onCrash(slot, new Error(`worker exited with code ${code}`)));
    slot.worker.unref();
    slots.push(slot);
    return slot;
  };

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.worker.ref();
    try {
      slot.worker.postMessage(
        { id: job.id, url: job.url, fn: job.fn, payload: job.payload, cancel: job.cancelFlag.buffer },
        job.options.transfer,
      );
    } catch (e) {
      finish(job, { error: runtimeError(`cannot send the task to a worker: ${e instanceof Error ? e.message : String(e)}`) });
      release(slot);
    }
  };

  function dispatch() {
    while (queue.length && !closed) {
      const slot = slots.find((s) => !s.job) ?? (slots.length < size ? spawn() : undefined);
      if (!slot) return;
      start(slot, queue.shift() as Job);
    }
  }

  const cancel = (job: Job) => {
    const queued = queue.indexOf(job);
    if (queued >= 0) {
      queue.splice(queued, 1);
      finish(job, { error: cancelledError() });
      return;
    }
    Atomics.store(job.cancelFlag, 0, 1);
    job.killTimer = setTimeout(() => {
      const slot = slots.find((s) => s.job === job);
      if (!slot || job.done) return;
      retire(slot);
      finish(job, { error: cancelledError() });
      dispatch();
    }, TERMINATE_AFTER_MS);
  };

  return {
    run<TIn, TOut, TMessage = unknown>(task: TaskHandle<TIn, TOut, TMessage>, payload: TIn, runOptions: RunTaskOptions<TMessage> = {}): Promise<TOut> {
      if (closed) return Promise.reject(runtimeError('the worker pool is closed'));
      if (runOptions.signal?.aborted) return Promise.reject(cancelledError());
      let url: string;
      try {
        url = taskModuleUrl(task.module);
      } catch (e) {
        return Promise.reject(runtimeError(e instanceof Error ? e.message : String(e)));
      }
      return new Promise<TOut>((resolve, reject) => {
        const job: Job = {
          id: nextId++,
          url,
          fn: task.fn,
          payload,
          options: runOptions as RunTaskOptions,
          cancelFlag: new Int32Array(new SharedArrayBuffer(4)),
          resolve: resolve as (value: unknown) => void,
          reject,
          done: false,
        };
        if (runOptions.signal) {
          job.onAbort = () => cancel(job);
          runOptions.signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queue.push(job);
        dispatch();
      });
    },
    warm(count: number) {
      const wanted = Math.min(size, Math.floor(count));
      while (!closed && slots.length < wanted) spawn();
    },
    stats: () => ({ workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length, replaced }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) finish(job, { error: runtimeError('the worker pool was closed') });
      const all = slots.splice(0);
      for (const slot of all) {
        slot.worker.removeAllListeners();
        if (slot.job) finish(slot.job, { error: runtimeError('the worker pool was closed') });
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

function fromWorkerError(error: SerializedError): PlumbError {
  const kind = KINDS.find((k) => k === error.kind);
  if (kind && error.name === 'PlumbError') return new PlumbError(kind, error.message, error.where ?? {}, error.details ?? []);
  // A RangeError (a count or nesting beyond JavaScript's limits) is classified as on the main thread.
  if (error.name === 'RangeError') return toPlumbError(new RangeError(error.message));
  return runtimeError(error.message, {}, error.details ?? []);
}
