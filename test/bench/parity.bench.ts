// Accuracy parity: each Plumb model vs scikit-learn's equivalent on the same split of each bundled dataset and
// of a generated 100k×20 binary task (test accuracy, or R² for regression). Run: npm run bench -- parity
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runPipelineDocument } from '../../electron/api/pipeline-run.js';
import { portCodecs } from '../../electron/nodes/codecs.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';
import { Random } from '../../electron/ml/random.js';

const root = resolve(import.meta.dirname, '../..');
const PYTHON = '/usr/bin/python3';
const CLASSIFIERS = ['logistic_regression', 'decision_tree', 'random_forest', 'gradient_boosting', 'knn', 'naive_bayes', 'mlp'];
const REGRESSORS = ['linear_regression', 'decision_tree', 'random_forest', 'gradient_boosting', 'knn', 'mlp'];

interface Task {
  name: string;
  path: string;
  target: string;
  task: 'classification' | 'regression';
  models: string[];
}

function generatedBinaryTask(dir: string, rows: number, features: number): string {
  const path = join(dir, `binary-${rows}x${features}.csv`);
  if (existsSync(path)) return path;
  const random = new Random(7);
  const weights = Array.from({ length: features }, (_, j) => (j < features / 2 ? random.normal() : 0));
  const lines = [[...Array.from({ length: features }, (_, j) => `x${j}`), 'y'].join(',')];
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: features }, () => random.normal());
    const margin = x.reduce((s, v, j) => s + weights[j] * v, 0) + 0.8 * Math.sin(2 * x[0]) * x[1] + 0.5 * random.normal();
    lines.push([...x.map((v) => v.toFixed(5)), margin > 0 ? 'pos' : 'neg'].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function pipelineFor(task: Task): PipelineDocument {
  const nodes: PipelineDocument['nodes'] = [
    { id: 'data', type: 'data.read_csv', params: { path: task.path } },
    { id: 'clean', type: 'data.impute', inputs: { table: 'data.table' }, params: { strategy: 'most_frequent' } },
    { id: 'encode', type: 'data.encode', inputs: { table: 'clean.table' }, params: { exclude: [task.target] } },
    { id: 'split', type: 'data.split', inputs: { table: 'encode.table' }, params: { test_size: 0.25, seed: 3, ...(task.task === 'classification' ? { stratify: task.target } : {}) } },
  ];
  for (const model of task.models) {
    nodes.push({ id: model, type: `model.${model}`, inputs: { train: 'split.train' }, params: { target: task.target } });
    nodes.push({ id: `eval_${model}`, type: `evaluate.${task.task}`, inputs: { model: `${model}.model`, data: 'split.test' } });
  }
  return { plumb: 1, name: task.name, nodes };
}

export async function benchParity(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plumb-parity-'));
  const tasks: Task[] = [
    { name: 'penguins', path: join(root, 'assets/datasets/penguins.csv'), target: 'species', task: 'classification', models: CLASSIFIERS },
    { name: 'churn', path: join(root, 'assets/datasets/churn.csv'), target: 'churn', task: 'classification', models: CLASSIFIERS },
    { name: 'housing', path: join(root, 'assets/datasets/housing.csv'), target: 'price', task: 'regression', models: REGRESSORS },
    { name: 'binary-100k×20', path: generatedBinaryTask(tmpdir(), 100_000, 20), target: 'y', task: 'classification', models: CLASSIFIERS },
  ];
  const hasSklearn = spawnSync(PYTHON, ['-c', 'import sklearn, pandas'], { stdio: 'ignore' }).status === 0;
  if (!hasSklearn) console.log('  (python3-sklearn not found at /usr/bin/python3: Plumb numbers only)');
  for (const task of tasks) {
    const metrics = new Map<string, number>();
    const fitSeconds = new Map<string, number>();
    const result = await runPipelineDocument({
      document: pipelineFor(task),
      baseDir: root,
      onEvent: (e) => {
        if (e.kind === 'node_status' && e.status === 'done' && e.seconds !== undefined && task.models.includes(e.node)) fitSeconds.set(e.node, e.seconds);
      },
      onNodeOutputs: async (node, outputs, env) => {
        if (node === 'split') {
          await portCodecs.table.writeFile(outputs.train, join(dir, `${task.name}-train.csv`), env);
          await portCodecs.table.writeFile(outputs.test, join(dir, `${task.name}-test.csv`), env);
        }
        if (node.startsWith('eval_')) {
          const m = outputs.metrics as { accuracy?: number; r2?: number };
          metrics.set(node.slice(5), (task.task === 'classification' ? m.accuracy : m.r2) ?? NaN);
        }
      },
    });
    if (result.status !== 'ok') {
      console.log(`  ${task.name}: run ${result.status}: ${result.nodes.filter((n) => n.error).map((n) => `${n.id}: ${n.error?.message}`).join('; ')}`);
    }
    let reference: Record<string, { score: number; seconds: number }> = {};
    if (hasSklearn) {
      const text = execFileSync(PYTHON, [join(import.meta.dirname, 'parity', 'sklearn_parity.py'), join(dir, `${task.name}-train.csv`), join(dir, `${task.name}-test.csv`), task.target, task.task, task.models.join(',')], {
        encoding: 'utf8',
        env: { ...process.env, PYTHONWARNINGS: 'ignore' },
        maxBuffer: 1 << 24,
      });
      reference = JSON.parse(text.trim().split('\n').pop()!) as typeof reference;
    }
    const what = task.task === 'classification' ? 'accuracy' : 'R²';
    console.log(`  ${task.name} (test ${what}; fit seconds):`);
    for (const model of task.models) {
      const ours = metrics.get(model) ?? NaN;
      const ref = reference[model];
      const diff = ref ? (ours - ref.score) * 100 : NaN;
      console.log(
        `    ${model.padEnd(20)} plumb ${ours.toFixed(4)} (${(fitSeconds.get(model) ?? NaN).toFixed(2)}s)` +
          (ref ? `   sklearn ${ref.score.toFixed(4)} (${ref.seconds.toFixed(2)}s)   diff ${diff >= 0 ? '+' : ''}${diff.toFixed(2)} points${Math.abs(diff) <= 1 ? '' : '  <-- beyond 1 point'}` : ''),
      );
    }
  }
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) await benchParity();
