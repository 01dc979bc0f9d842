// `plumb export <FILE.plumb> <pipeline-name> [-o file]`: the saved pipeline as YAML (stdout without -o).
// Relative file paths are rewritten so they still point at the same files from the output's folder.
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { exportPipelineYaml, parsePipelineYaml } from '../../shared/pipeline/index.js';
import { rebaseFileParams } from '../api/rebase-paths.js';
import { openProjectFile } from '../store/project-file.js';
import { EXIT } from './exit-codes.js';

export async function exportCommand(projectPath: string, pipelineName: string, outPath?: string): Promise<number> {
  const project = openProjectFile(projectPath, { readonly: true });
  try {
    const { yaml } = project.pipelines.load(pipelineName);
    const document = parsePipelineYaml(yaml, { file: `${projectPath}:${pipelineName}`, catalog: nodeCatalog });
    const targetDir = outPath ? dirname(resolve(outPath)) : process.cwd();
    const text = exportPipelineYaml(rebaseFileParams(document, dirname(project.path), targetDir, nodeCatalog), nodeCatalog);
    if (outPath) await writeFile(outPath, text);
    else process.stdout.write(text);
    return EXIT.ok;
  } finally {
    project.close();
  }
}
