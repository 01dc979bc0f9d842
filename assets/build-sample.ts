// Builds assets/sample.plumb from assets/pipelines/*.yaml (file paths rewritten relative to assets/).
// Run: npm run build:sample
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nodeCatalog } from '../shared/catalog/index.js';
import { exportPipelineYaml, parsePipelineYaml } from '../shared/pipeline/index.js';
import { rebaseFileParams } from '../electron/api/rebase-paths.js';
import { loadPipeline } from '../electron/api/pipelines.js';
import { registerRunModel } from '../electron/api/registry.js';
import { startRun } from '../electron/api/runs.js';
import { openProjectFile } from '../electron/store/project-file.js';

const assets = import.meta.dirname;
const target = join(assets, 'sample.plumb');
for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });

/**
 * One run of the churn pipeline, its two models registered as `churn` — the better one by ROC AUC as `champion`,
 * the other as `challenger` — so a new user can serve, compare and load them at once.
 */
async function registerSampleModels(): Promise<void> {
  const { document, version } = loadPipeline(project, 'churn');
  const { result } = await startRun({
    document,
    baseDir: assets,
    record: { project, pipeline: 'churn', version, runId: 'sample-churn-1', note: 'the sample run', computeBackend: 'cpu (plain JavaScript)' },
  }).finished;
  if (result.status !== 'ok') throw new Error(`the sample churn run ended ${result.status}`);
  const auc = (node: string) => Number((project.metrics.get(result.runId, node) as { roc_auc?: number } | undefined)?.roc_auc);
  const [champion, challenger] = auc('evaluate_forest') >= auc('evaluate_logistic') ? ['forest', 'logistic'] : ['logistic', 'forest'];
  for (const [node, alias] of [[champion, 'champion'], [challenger, 'challenger']]) {
    const { version: registered } = registerRunModel(project, { runId: result.runId, node, name: 'churn', alias, note: `sample: ${node}` });
    console.log(`registered churn@${registered.version} (${alias}: ${node}, roc_auc ${auc(`evaluate_${node}`).toFixed(4)})`);
  }
}

const project = openProjectFile(target, { create: true, now: () => new Date('2026-01-01T00:00:00Z') });
try {
  const folder = join(assets, 'pipelines');
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
    const path = join(folder, file);
    const document = parsePipelineYaml(readFileSync(path, 'utf8'), { file: path, catalog: nodeCatalog });
    const stored = rebaseFileParams(document, dirname(path), assets, nodeCatalog);
    project.pipelines.save(stored.name, exportPipelineYaml(stored, nodeCatalog), undefined, `from assets/pipelines/${file}`);
    console.log(`added ${stored.name}`);
  }
  await registerSampleModels();
} finally {
  project.close();
}
