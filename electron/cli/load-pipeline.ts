// Reads a pipeline YAML file for the CLI: missing or unreadable files are invalid input naming the file.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput } from '../../shared/errors.js';
import { parsePipelineYaml } from '../../shared/pipeline/parse.js';
import type { PipelineDocument } from '../../shared/pipeline/schema.js';

export interface LoadedPipeline {
  document: PipelineDocument;
  path: string;
  baseDir: string;
  text: string;
}

export async function loadPipelineFile(path: string): Promise<LoadedPipeline> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw invalidInput(code === 'ENOENT' ? 'pipeline file not found' : `cannot read pipeline file (${code ?? String(e)})`, { file: path });
  }
  const document = parsePipelineYaml(text, { file: path, catalog: nodeCatalog });
  return { document, path: absolute, baseDir: dirname(absolute), text };
}
