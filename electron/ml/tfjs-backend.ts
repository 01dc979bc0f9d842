// Picks the TensorFlow.js backend a thread trains on: tfjs-node-gpu, tfjs-node, wasm, then plain JavaScript,
// taking the first that loads. The native packages are optional dependencies, so their absence is normal.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export type Tf = typeof import('@tensorflow/tfjs');

/** Where to start in the fallback order; `auto` starts at the top. */
export type TfBackendPreference = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export const TF_BACKEND_PREFERENCES: readonly TfBackendPreference[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface TfBackendAttempt {
  /** tensorflow-gpu | tensorflow | wasm | cpu */
  name: string;
  /** why it was skipped; absent for the one chosen */
  error?: string;
}

export interface TfBackendChoice {
  tf: Tf;
  /** the backend name as TensorFlow.js knows it: tensorflow | wasm | cpu */
  backend: string;
  device: 'GPU' | 'CPU';
  /** every backend tried, in order, ending with the chosen one */
  tried: TfBackendAttempt[];
  /** short text for the UI, e.g. "wasm (CPU, SIMD, 1 thread)" */
  description: string;
}

export interface SelectTfBackendOptions {
  /** Replaces `import()` of the backend packages; tests use it to make a package look missing. Bypasses the memo. */
  importPackage?: (specifier: string) => Promise<unknown>;
}

interface Candidate {
  name: 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
  load(importPackage: (specifier: string) => Promise<unknown>): Promise<Omit<TfBackendChoice, 'tried'>>;
}

const CANDIDATES: readonly Candidate[] = [
  { name: 'tensorflow-gpu', load: (imp) => loadNative(imp, '@tensorflow/tfjs-node-gpu') },
  { name: 'tensorflow', load: (imp) => loadNative(imp, '@tensorflow/tfjs-node') },
  { name: 'wasm', load: loadWasm },
  { name: 'cpu', load: loadCpu },
];

const memo = new Map<TfBackendPreference, Promise<TfBackendChoice>>();
let lastChoice: TfBackendChoice | undefined;

/**
 * The first backend that loads, starting at `preferred` in the order tensorflow-gpu → tensorflow → wasm → cpu.
 * Memoized per thread: TensorFlow.js keeps one global engine per thread, so every worker selects once.
 */
export function selectTfBackend(preferred: TfBackendPreference = 'auto', options: SelectTfBackendOptions = {}): Promise<TfBackendChoice> {
  if (options.importPackage) return select(preferred, options.importPackage);
  let pending = memo.get(preferred);
  if (!pending) {
    pending = select(preferred, (specifier) => import(specifier));
    memo.set(preferred, pending);
    pending.catch(() => memo.delete(preferred));
  }
  // Another preference may have switched the thread's engine since; switching back is cheap once initialized.
  return pending.then(async (choice) => {
    if (choice.tf.getBackend() !== choice.backend) await choice.tf.setBackend(choice.backend);
    lastChoice = choice;
    return choice;
  });
}

/** Short text for the UI about a choice (or the last one made in this thread), e.g. "wasm (CPU, SIMD, 1 thread)". */
export function describeBackend(choice: TfBackendChoice | undefined = lastChoice): string {
  return choice ? choice.description : 'no TensorFlow.js backend selected yet';
}

async function select(preferred: TfBackendPreference, importPackage: (specifier: string) => Promise<unknown>): Promise<TfBackendChoice> {
  const start = preferred === 'auto' ? 0 : CANDIDATES.findIndex((c) => c.name === preferred);
  if (start < 0) throw new Error(`unknown TensorFlow.js backend '${String(preferred)}'`);
  const tried: TfBackendAttempt[] = [];
  for (const candidate of CANDIDATES.slice(start)) {
    try {
      const loaded = await candidate.load(importPackage);
      tried.push({ name: candidate.name });
      const choice: TfBackendChoice = { ...loaded, tried };
      lastChoice = choice;
      return choice;
    } catch (e) {
      tried.push({ name: candidate.name, error: firstLine(e) });
    }
  }
  throw new Error(`no TensorFlow.js backend could be loaded: ${tried.map((t) => `${t.name}: ${t.error ?? '?'}`).join('; ')}`);
}

async function baseTf(importPackage: (specifier: string) => Promise<unknown>): Promise<Tf> {
  const tf = asTf(await importPackage('@tensorflow/tfjs'));
  // Production mode silences the "install tfjs-node" banner on stderr, which would break the CLI's clean output.
  tf.enableProdMode();
  return tf;
}

/**
 * tfjs-node(-gpu) re-exports the whole tfjs API bound to the copy of tfjs-core its backend registered in,
 * so its module (not our own tfjs import) is the `tf` to train with.
 */
async function loadNative(importPackage: (specifier: string) => Promise<unknown>, specifier: string): Promise<Omit<TfBackendChoice, 'tried'>> {
  const tf = asTf(await importPackage(specifier));
  tf.enableProdMode();
  if (!(await tf.setBackend('tensorflow'))) throw new Error(`${specifier} loaded but its backend did not initialize`);
  const engineBackend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
  const device = specifier.endsWith('-gpu') && engineBackend.isUsingGpuDevice === true ? 'GPU' : 'CPU';
  return { tf, backend: 'tensorflow', device, description: `tensorflow (${device}, ${specifier.replace('@tensorflow/', '')})` };
}

async function loadWasm(importPackage: (specifier: string) => Promise<unknown>): Promise<Omit<TfBackendChoice, 'tried'>> {
  const tf = await baseTf(importPackage);
  const wasm = (await importPackage('@tensorflow/tfjs-backend-wasm')) as {
    setWasmPaths?: (prefix: string) => void;
    getThreadsCount?: () => number;
  };
  if (typeof wasm.setWasmPaths !== 'function') throw new Error('@tensorflow/tfjs-backend-wasm has no setWasmPaths');
  // In Node the backend reads the .wasm binaries from disk, from the package's own dist folder.
  const require = createRequire(import.meta.url);
  wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialize');
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const threads = wasm.getThreadsCount?.() ?? 1;
  const features = [simd ? 'SIMD' : 'no SIMD', `${threads} thread${threads === 1 ? '' : 's'}`];
  return { tf, backend: 'wasm', device: 'CPU', description: `wasm (CPU, ${features.join(', ')})` };
}

async function loadCpu(importPackage: (specifier: string) => Promise<unknown>): Promise<Omit<TfBackendChoice, 'tried'>> {
  const tf = await baseTf(importPackage);
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialize');
  return { tf, backend: 'cpu', device: 'CPU', description: 'cpu (CPU, plain JavaScript)' };
}

function asTf(module: unknown): Tf {
  // A CommonJS package imported from ESM shows its exports on `default`.
  const m = module as { default?: unknown; setBackend?: unknown };
  const tf = (typeof m.setBackend === 'function' ? m : m.default) as Tf | undefined;
  if (!tf || typeof tf.setBackend !== 'function') throw new Error('the package does not look like TensorFlow.js');
  return tf;
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].slice(0, 300);
}
