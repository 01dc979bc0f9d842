import { fitMlp, predictMlp } from './electron/ml/mlp/index.js';
import { Random } from './electron/ml/random.js';
const n = 20000, d = 20;
const rng = new Random(1);
const cols = Array.from({ length: d }, () => new Float64Array(n));
const codes = new Int32Array(n);
for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < d; j++) { const v = rng.normal(); cols[j][i] = v; s += (j < 5 ? 1 : 0.1) * v + (j === 0 ? v * cols[1][i] : 0); } codes[i] = s > 0 ? 1 : 0; }
const X = { nRows: n, columns: cols, names: cols.map((_, j) => `x${j}`), levels: cols.map(() => null) };
const y = { task: 'classification' as const, codes, classes: ['0', '1'] };
for (const backend of ['wasm', 'cpu'] as const) {
  const t = performance.now();
  const m = await fitMlp(X, y, { hidden_layer_sizes: [64, 64], max_iter: 5, batch_size: 200 }, { seed: 0, backend, onStep: (s) => console.log(JSON.stringify(s)) });
  const secs = (performance.now() - t) / 1000;
  const pr = predictMlp(m, X);
  let c = 0; for (let i = 0; i < n; i++) if ((pr.proba![2 * i + 1] > 0.5 ? 1 : 0) === codes[i]) c++;
  console.log(backend, m.backend, secs.toFixed(2), 's', 'acc', c / n);
}
