// Bootstrap of the fork-join helper thread (fork-join.ts): registers tsx when kernel modules are TypeScript,
// then joins jobs by claiming blocks from the shared control words until the process ends.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';

const ctrl = new Int32Array(workerData.control);
const params = new Float64Array(workerData.params);
const port = workerData.port;
const { GEN, CLAIM, DONE, CONTEXT, BLOCKS, FAILED, RETIRED, HELPER_BLOCKS } = workerData.words;
const SPIN = 4000;

let tsx;
const registerTsx = () => (tsx ??= import('tsx/esm/api').then(({ register }) => register()));
const kernels = new Map();
const states = new Map();

async function loadKernel(url) {
  let kernel = kernels.get(url);
  if (!kernel) {
    if (/\.[cm]?ts$/.test(url)) await registerTsx();
    kernel = await import(url);
    kernels.set(url, kernel);
  }
  return kernel;
}

async function drain() {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const msg = m.message;
    if (msg.type === 'load') await loadKernel(msg.url);
    else if (msg.type === 'open') {
      const kernel = await loadKernel(msg.url);
      states.set(msg.id, { kernel, state: kernel.createBlockState(msg.init) });
    } else if (msg.type === 'update') {
      const entry = states.get(msg.id);
      if (entry) entry.kernel.updateBlockState(entry.state, msg.patch);
    } else if (msg.type === 'close') {
      states.delete(msg.id);
    }
  }
}

/** Claims and computes blocks of job `gen` until none is left; false after a block failed (the caller redoes it). */
function join(gen) {
  const c0 = Atomics.load(ctrl, CLAIM);
  if (c0 >>> 16 !== (gen & 0xffff)) return true;
  const entry = states.get(Atomics.load(ctrl, CONTEXT));
  const nBlocks = Atomics.load(ctrl, BLOCKS);
  if (!entry) return true;
  for (;;) {
    const c = Atomics.load(ctrl, CLAIM);
    if (c >>> 16 !== (gen & 0xffff) || (c & 0xffff) >= nBlocks) return true;
    if (Atomics.compareExchange(ctrl, CLAIM, c, c + 1) !== c) continue;
    let ok = true;
    try {
      const value = entry.kernel.runBlock(entry.state, params, c & 0xffff);
      if (value !== undefined) port.postMessage({ gen: gen & 0xffff, block: c & 0xffff, value });
    } catch {
      Atomics.store(ctrl, FAILED, (c & 0xffff) + 1);
      ok = false;
    }
    Atomics.add(ctrl, HELPER_BLOCKS, 1);
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
    if (!ok) return false;
  }
}

let seen = Atomics.load(ctrl, GEN);
for (;;) {
  let spins = 0;
  while (Atomics.load(ctrl, GEN) === seen) {
    // jobs of one fit come back to back: a short spin saves the futex round trip
    if (spins++ < SPIN) continue;
    Atomics.wait(ctrl, GEN, seen, 1000);
  }
  seen = Atomics.load(ctrl, GEN);
  let ok = true;
  try {
    await drain();
  } catch {
    ok = false;
  }
  if (!ok || !join(seen)) break;
}
// out of service: callers do every block themselves from now on
Atomics.store(ctrl, RETIRED, 1);
