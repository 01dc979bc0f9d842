// Fork-join over shared memory for synchronous fits: the calling thread and one helper thread claim the blocks
// of a job (e.g. feature blocks of a histogram pass) from a shared counter. Each block is computed by exactly one
// thread with the same code, so results never depend on the thread count; blocks the helper does not claim (not
// started yet, busy, or threads off) are done by the caller, which never waits for the helper to start.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Indices of the shared control words; the helper gets this table in its workerData, so it is defined only here. */
const CONTROL_WORDS = {
  GEN: 0,
  CLAIM: 1,
  DONE: 2,
  CONTEXT: 3,
  BLOCKS: 4,
  /** 1 + a block the helper failed on (the caller redoes it) */
  FAILED: 5,
  /** 1 once the helper stopped taking part */
  RETIRED: 6,
  /** blocks the helper has computed so far (for tests and benches) */
  HELPER_BLOCKS: 7,
} as const;
const { GEN, CLAIM, DONE, CONTEXT, BLOCKS, FAILED, RETIRED, HELPER_BLOCKS } = CONTROL_WORDS;
/** doubles of per-job parameters the kernels read (block states hold the bulk data) */
export const JOB_PARAMS = 64;
const MAX_BLOCKS = 0xffff;

/**
 * A kernel module (loaded by URL in the helper, imported normally by the caller) exports these three functions;
 * `init` and `patch` cross threads by structured clone, so their typed arrays must sit on SharedArrayBuffers.
 * What `runBlock` returns (if anything) is cloned back to the caller: small results, e.g. one grown tree.
 */
export interface BlockKernel<TInit, TState, TPatch = never, TResult = void> {
  createBlockState(init: TInit): TState;
  updateBlockState(state: TState, patch: TPatch): void;
  runBlock(state: TState, params: Float64Array, block: number): TResult;
}

/** One kernel state opened on both threads; `run` computes blocks 0..nBlocks-1 of one job. */
export interface ForkJoinContext<TPatch, TResult = void> {
  /** Job parameters, written by the caller before `run` (read by the kernel as `params`). */
  readonly params: Float64Array;
  /** Sends new shared buffers to the helper's copy of the state (and applies them to the caller's). */
  update(patch: TPatch): void;
  /** Computes the job's blocks, returning each block's result; `here` keeps them on this thread (a job too small to share). */
  run(nBlocks: number, here?: boolean): TResult[];
  close(): void;
}

class Helper {
  readonly control = new Int32Array(new SharedArrayBuffer(Object.keys(CONTROL_WORDS).length * 4));
  readonly params = new Float64Array(new SharedArrayBuffer(JOB_PARAMS * 8));
  private readonly port: MessagePort;
  private gen = 0;
  private nextId = 1;
  private busy = false;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const worker = new Worker(new URL('./helper-entry.mjs', import.meta.url), {
      workerData: { control: this.control.buffer, params: this.params.buffer, port: port2, words: CONTROL_WORDS },
      transferList: [port2],
    });
    // an idle helper never keeps the process alive; if it dies, callers just do every block themselves
    worker.unref();
    worker.on('error', () => Atomics.store(this.control, RETIRED, 1));
    this.port.unref();
  }

  /** Has the helper import a kernel module now, so the first fit that needs it finds it loaded. */
  load(url: string): void {
    this.port.postMessage({ type: 'load', url });
    // a new generation with no blocks to claim: the helper wakes, drains its messages and waits again
    Atomics.store(this.control, GEN, ++this.gen);
    Atomics.notify(this.control, GEN);
  }

  open<TInit, TState, TPatch, TResult>(url: string, kernel: BlockKernel<TInit, TState, TPatch, TResult>, init: TInit): ForkJoinContext<TPatch, TResult> | null {
    // one fit at a time per thread uses the helper; a nested or concurrent fit runs on its own thread
    if (this.busy) return null;
    this.busy = true;
    const id = this.nextId++;
    const state = kernel.createBlockState(init);
    this.port.postMessage({ type: 'open', id, url, init });
    const ctrl = this.control;
    const params = new Float64Array(JOB_PARAMS);
    let closed = false;
    return {
      params,
      update: (patch) => {
        kernel.updateBlockState(state, patch);
        this.port.postMessage({ type: 'update', id, patch });
      },
      run: (nBlocks, here) => {
        if (here || Atomics.load(ctrl, RETIRED) !== 0) return runAll(kernel, state, params, nBlocks);
        if (nBlocks > MAX_BLOCKS) throw new Error(`fork-join: ${nBlocks} blocks is more than ${MAX_BLOCKS}`);
        this.params.set(params);
        const gen = ++this.gen;
        Atomics.store(ctrl, CONTEXT, id);
        Atomics.store(ctrl, BLOCKS, nBlocks);
        Atomics.store(ctrl, DONE, 0);
        Atomics.store(ctrl, CLAIM, (gen & 0xffff) << 16);
        Atomics.store(ctrl, GEN, gen);
        Atomics.notify(ctrl, GEN);
        const results: TResult[] = new Array<TResult>(nBlocks);
        let holding = 0;
        try {
          for (;;) {
            const c = Atomics.load(ctrl, CLAIM);
            if ((c & 0xffff) >= nBlocks) break;
            if (Atomics.compareExchange(ctrl, CLAIM, c, c + 1) !== c) continue;
            holding = 1;
            results[c & 0xffff] = kernel.runBlock(state, this.params, c & 0xffff);
            holding = 0;
            Atomics.add(ctrl, DONE, 1);
          }
        } catch (e) {
          // no more claims; the helper finishes the blocks it holds before the control words serve another job
          const claimed = Math.min(Atomics.exchange(ctrl, CLAIM, ((gen & 0xffff) << 16) | 0xffff) & 0xffff, nBlocks);
          for (let done = Atomics.load(ctrl, DONE); done < claimed - holding; done = Atomics.load(ctrl, DONE)) Atomics.wait(ctrl, DONE, done, 100);
          while (receiveMessageOnPort(this.port));
          throw e;
        }
        for (let done = Atomics.load(ctrl, DONE), spins = 0; done < nBlocks; done = Atomics.load(ctrl, DONE)) {
          if (spins++ > 2000) Atomics.wait(ctrl, DONE, done, 100);
        }
        // the helper posts a block's result before counting it done
        for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
          const { gen: from, block, value } = m.message as { gen: number; block: number; value: TResult };
          if (from === (gen & 0xffff)) results[block] = value;
        }
        const failed = Atomics.exchange(ctrl, FAILED, 0);
        if (failed > 0) results[failed - 1] = kernel.runBlock(state, this.params, failed - 1);
        return results;
      },
      close: () => {
        if (closed) return;
        closed = true;
        this.busy = false;
        this.port.postMessage({ type: 'close', id });
      },
    };
  }
}

function runAll<TState, TResult>(kernel: BlockKernel<never, TState, never, TResult>, state: TState, params: Float64Array, nBlocks: number): TResult[] {
  const results: TResult[] = new Array<TResult>(nBlocks);
  for (let b = 0; b < nBlocks; b++) results[b] = kernel.runBlock(state, params, b);
  return results;
}

/** A context that computes every block on the calling thread. */
function localContext<TInit, TState, TPatch, TResult>(kernel: BlockKernel<TInit, TState, TPatch, TResult>, init: TInit): ForkJoinContext<TPatch, TResult> {
  const state = kernel.createBlockState(init);
  const params = new Float64Array(JOB_PARAMS);
  return {
    params,
    update: (patch) => kernel.updateBlockState(state, patch),
    run: (nBlocks) => runAll(kernel, state, params, nBlocks),
    close: () => undefined,
  };
}

let helper: Helper | null | undefined;

function sharedHelper(): Helper | null {
  if (helper === undefined) {
    try {
      helper = new Helper();
    } catch {
      helper = null;
    }
  }
  return helper;
}

/** Starts the helper thread and has it load these kernel modules, ahead of the first fit that uses them. */
export function warmForkJoin(kernelUrls: string[]): void {
  const h = defaultThreads() >= 2 ? sharedHelper() : null;
  for (const url of kernelUrls) h?.load(url);
}

/** Blocks the helper thread has computed since it started (0 when it never ran). */
export function helperBlockCount(): number {
  return helper ? Atomics.load(helper.control, HELPER_BLOCKS) : 0;
}

/** Threads a fit uses by default: 2 on a machine with two or more cores (the caller plus one helper). */
export function defaultThreads(): number {
  const fromEnv = Number(process.env.PLUMB_FIT_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return Math.min(2, availableParallelism());
}

/**
 * Opens a kernel state for a run of jobs. With threads >= 2 the helper thread (started on first use) joins each
 * job; with threads 1, or when the helper is taken by another fit on this thread, every block runs here.
 * `url` is the kernel module's URL (`new URL('./x.ts', import.meta.url).href`), `kernel` the same module imported.
 */
export function openForkJoin<TInit, TState, TPatch, TResult>(
  url: string,
  kernel: BlockKernel<TInit, TState, TPatch, TResult>,
  init: TInit,
  threads: number = defaultThreads(),
): ForkJoinContext<TPatch, TResult> {
  if (threads < 2) return localContext(kernel, init);
  return sharedHelper()?.open(url, kernel, init) ?? localContext(kernel, init);
}
