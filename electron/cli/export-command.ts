// `plumb export <FILE.plumb> <pipeline-name> [-o file]`: the saved pipeline as YAML (stdout without -o).
// Relative file paths are rewritten so they still point at the same files from the output's folder.
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { exportPipelineFile } from '../api/pipelines.js';
import { EXIT } from './exit-codes.js';

export async function exportCommand(projectPath: string, pipelineName: string, outPath?: string): Promise<number> {
  const targetDir = outPath ? dirname(resolve(outPath)) : process.cwd();
  const text = exportPipelineFile(projectPath, pipelineName, targetDir);
  if (outPath) await writeFile(outPath, text);
  else process.stdout.write(text);
  return EXIT.ok;
}
