// Builds assets/sample.plumb from assets/pipelines/*.yaml (file paths rewritten relative to assets/).
// Run: npm run build:sample
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nodeCatalog } from '../shared/catalog/index.js';
import { exportPipelineYaml, parsePipelineYaml } from '../shared/pipeline/index.js';
import { rebaseFileParams } from '../electron/api/rebase-paths.js';
import { openProjectFile } from '../electron/store/project-file.js';

const assets = import.meta.dirname;
const target = join(assets, 'sample.plumb');
for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });

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
} finally {
  project.close();
}
