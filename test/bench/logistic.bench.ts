// Logistic regression fit time on 100k × 20 against scikit-learn's LogisticRegression (lbfgs, after a
// StandardScaler, as ours standardizes) on the same CSV in the same run; best of 3 on each side.
// Run: npm run bench -- logistic
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fitLogisticRegression } from '../../electron/ml/linear/logistic.js';
import { binaryTask, toCsv } from './trees.bench.js';

const PYTHON = '/usr/bin/python3';
const REPEATS = 3;

const SKLEARN = `
import sys, time, json
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1); X, y = d[:, :-1], d[:, -1].astype(int)
best = 1e9
for _ in range(${REPEATS}):
    t = time.perf_counter(); Z = StandardScaler().fit_transform(X); m = LogisticRegression(max_iter=100).fit(Z, y); best = min(best, time.perf_counter() - t)
print(json.dumps({"seconds": best, "n_iter": int(m.n_iter_[0])}))
`;

export async function benchLogistic(): Promise<void> {
  const task = binaryTask(100_000, 20, 5);
  fitLogisticRegression(task.X, task.y); // JIT warm-up
  let ours = Infinity;
  let iterations = 0;
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    iterations = fitLogisticRegression(task.X, task.y).n_iter;
    ours = Math.min(ours, (performance.now() - started) / 1000);
  }
  let line = `  LogisticRegression 100k×20 (standardized, lbfgs): plumb ${ours.toFixed(3)} s (${iterations} iterations)`;
  if (spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0) {
    const dir = mkdtempSync(join(tmpdir(), 'plumb-bench-logistic-'));
    try {
      const csv = join(dir, 'train.csv');
      toCsv(csv, task);
      const ref = JSON.parse(execFileSync(PYTHON, ['-c', SKLEARN, csv], { encoding: 'utf8' })) as { seconds: number; n_iter: number };
      const ratio = ours / ref.seconds;
      line += `, sklearn ${ref.seconds.toFixed(3)} s (${ref.n_iter} iterations), ratio ${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    line += ' (python3-sklearn not found: no reference time)';
  }
  console.log(line);
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) await benchLogistic();
