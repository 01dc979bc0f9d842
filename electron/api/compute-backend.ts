// Which TensorFlow.js backend neural-network training will get, for the status bar. The worker that trains
// makes the real choice (electron/ml/tfjs-backend.ts, recorded in each model file); this mirrors its order
// by checking which optional packages are installed, without loading TensorFlow in the main process.
import { createRequire } from 'node:module';

const ORDER: [pkg: string, label: string][] = [
  ['@tensorflow/tfjs-node-gpu', 'tfjs-node-gpu (GPU)'],
  ['@tensorflow/tfjs-node', 'tfjs-node (CPU)'],
  ['@tensorflow/tfjs-backend-wasm', 'wasm (CPU)'],
];

export function expectedComputeBackend(resolve: (pkg: string) => string = createRequire(import.meta.url).resolve): string {
  for (const [pkg, label] of ORDER) {
    try {
      resolve(pkg);
      return `${label}; trees and linear models on CPU`;
    } catch {
      // not installed: try the next one
    }
  }
  return 'cpu (plain JavaScript)';
}
