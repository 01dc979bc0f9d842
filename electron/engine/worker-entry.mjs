// Bootstrap of a pool worker: loads a task module (registering tsx first when it is TypeScript), calls the
// named function with the payload, and reports progress, the result or the error to the pool.
import { parentPort, workerData } from 'node:worker_threads';

const PROGRESS_INTERVAL_MS = 50;
let tsxRegistered;
const modules = new Map();

const registerTsx = () => (tsxRegistered ??= import('tsx/esm/api').then(({ register }) => register()));

// A pool running from the TypeScript sources will send .ts task modules: get the loader ready while idle.
if (workerData?.typescript) void registerTsx().catch(() => {});

function loadModule(url) {
  let loaded = modules.get(url);
  if (!loaded) {
    loaded = (async () => {
      if (/\.[cm]?ts$/.test(url)) await registerTsx();
      return import(url);
    })();
    modules.set(url, loaded);
  }
  return loaded;
}

function serializeError(e) {
  if (e && typeof e === 'object') {
    return {
      name: e.name,
      kind: e.kind,
      message: typeof e.message === 'string' ? e.message : String(e),
      where: e.where,
      details: e.details,
      stack: e.stack,
    };
  }
  return { message: String(e) };
}

parentPort.on('message', async (job) => {
  const { id, url, fn, payload, cancel } = job;
  const flag = new Int32Array(cancel);
  let lastProgressAt = -Infinity;
  const ctx = {
    isCancelled: () => Atomics.load(flag, 0) !== 0,
    progress(fraction, message) {
      const now = performance.now();
      // Hot loops may report every iteration; only what the UI can show crosses the thread boundary.
      if (fraction !== 0 && fraction !== 1 && now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
      lastProgressAt = now;
      parentPort.postMessage({ type: 'progress', id, fraction, message });
    },
    post(data) {
      parentPort.postMessage({ type: 'message', id, data });
    },
  };
  try {
    const mod = await loadModule(url);
    // A CommonJS task module shows its exports on `default` only.
    const task = mod[fn] ?? mod.default?.[fn];
    if (typeof task !== 'function') throw new Error(`task module ${url} has no exported function '${fn}'`);
    const value = await task(payload, ctx);
    parentPort.postMessage({ type: 'result', id, value });
  } catch (e) {
    parentPort.postMessage({ type: 'error', id, error: serializeError(e) });
  }
});
