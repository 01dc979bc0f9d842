// Benchmark: model.mlp (64-64, 5 epochs, batch 200) on 20k × 20 rows on the wasm backend, against scikit-learn's
// MLPClassifier on the same rows in the same run. Goal: at most 1.5× scikit-learn's fit time.
// Run directly: npx tsx test/bench/mlp.bench.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fitMlp, mlpModelOutput, type MlpParams } from '../../electron/ml/mlp/index.js';
import { Random } from '../../electron/ml/random.js';
import { selectTfBackend } from '../../electron/ml/tfjs-backend.js';
import type { FeatureMatrix, Target } from '../../electron/ml/types.js';

const TRAIN_ROWS = 20_000;
const TEST_ROWS = 5_000;
const FEATURES = 20;
const REPEATS = 3;
const PARAMS: Partial<MlpParams> = { hidden_layer_sizes: [64, 64], max_iter: 5, batch_size: 200 };

/** A binary task: five strong features, fifteen weak ones, one interaction, and noise. */
function generate(rows: number, rng: Random): { X: FeatureMatrix; y: Int32Array } {
  const columns = Array.from({ length: FEATURES }, () => new Float64Array(rows));
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let score = 0;
    for (let j = 0; j < FEATURES; j++) {
      const v = rng.normal();
      columns[j][i] = v;
      score += (j < 5 ? 1 : 0.1) * v;
    }
    score += columns[0][i] * columns[1][i] + 0.5 * rng.normal();
    y[i] = score > 0 ? 1 : 0;
  }
  return { X: { nRows: rows, columns, names: columns.map((_, j) => `x${j}`), levels: columns.map(() => null) }, y };
}

function csv(X: FeatureMatrix, y: Int32Array): string {
  const lines: string[] = [];
  for (let i = 0; i < X.nRows; i++) lines.push([...X.columns.map((c) => c[i]), y[i]].join(','));
  return `${lines.join('\n')}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const SKLEARN = `
import sys, time, warnings
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
warnings.filterwarnings('ignore', category=ConvergenceWarning)
train = np.loadtxt(sys.argv[1], delimiter=',')
test = np.loadtxt(sys.argv[2], delimiter=',')
times = []
for _ in range(int(sys.argv[3])):
    model = MLPClassifier(hidden_layer_sizes=(64, 64), max_iter=5, batch_size=200, random_state=0)
    start = time.perf_counter()
    model.fit(train[:, :-1], train[:, -1])
    times.append(time.perf_counter() - start)
print(' '.join(str(t) for t in times), model.score(test[:, :-1], test[:, -1]))
`;

export async function benchMlp(): Promise<void> {
  const rng = new Random(2024);
  const train = generate(TRAIN_ROWS, rng);
  const test = generate(TEST_ROWS, rng);
  const y: Target = { task: 'classification', codes: train.y, classes: ['0', '1'] };

  const started = performance.now();
  const { description } = await selectTfBackend('wasm');
  const backendStart = (performance.now() - started) / 1000;
  const times: number[] = [];
  let accuracy = 0;
  for (let r = 0; r <= REPEATS; r++) {
    const start = performance.now();
    const model = await fitMlp(train.X, y, PARAMS, { seed: 0, backend: 'wasm' });
    times.push((performance.now() - start) / 1000);
    const { prediction } = mlpModelOutput(model, test.X);
    let right = 0;
    for (let i = 0; i < TEST_ROWS; i++) if (prediction[i] === test.y[i]) right++;
    accuracy = right / TEST_ROWS;
  }
  const [cold, ...warm] = times;
  const plumb = median(warm);
  console.log(`  data: ${TRAIN_ROWS} × ${FEATURES} train, ${TEST_ROWS} test; MLP 64-64, 5 epochs, batch 200`);
  console.log(`  plumb ${description}: ${plumb.toFixed(3)} s (median of ${REPEATS}; first fit in the process: ${cold.toFixed(3)} s, after ${backendStart.toFixed(3)} s loading the backend), test accuracy ${accuracy.toFixed(4)}`);

  const dir = mkdtempSync(join(tmpdir(), 'plumb-bench-mlp-'));
  try {
    const trainCsv = join(dir, 'train.csv');
    const testCsv = join(dir, 'test.csv');
    writeFileSync(trainCsv, csv(train.X, train.y));
    writeFileSync(testCsv, csv(test.X, test.y));
    const out = execFileSync('/usr/bin/python3', ['-c', SKLEARN, trainCsv, testCsv, String(REPEATS)], { encoding: 'utf8' }).trim().split(' ').map(Number);
    const sklearn = median(out.slice(0, REPEATS));
    const ratio = plumb / sklearn;
    console.log(`  scikit-learn MLPClassifier: ${sklearn.toFixed(3)} s (median of ${REPEATS}), test accuracy ${out[REPEATS].toFixed(4)}`);
    console.log(`  ratio plumb / scikit-learn: ${ratio.toFixed(2)}× (goal ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'}); first fit: ${(cold / sklearn).toFixed(2)}×, with the backend loading: ${((cold + backendStart) / sklearn).toFixed(2)}×`);
  } catch (e) {
    console.log(`  scikit-learn: not available (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchMlp();
}
