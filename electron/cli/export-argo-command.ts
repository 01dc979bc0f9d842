// `plumb export-argo <pipeline.yaml> [--image IMG] [--schedule CRON] [--shards node=N]... -o workflow.yaml`.
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { argoWorkflow, parseShardOptions } from '../api/argo-workflow.js';
import { PLUMB_VERSION } from '../api/plumb-version.js';
import { EXIT } from './exit-codes.js';
import { loadPipelineFile } from './load-pipeline.js';

export interface ExportArgoOptions {
  pipelinePath: string;
  out?: string;
  image?: string;
  schedule?: string;
  shards: string[];
  artifactRepository?: string;
}

/** The image `README.md` builds (`docker build -t plumb:<version> .`); push it and pass --image REGISTRY/plumb:<version>. */
export const DEFAULT_IMAGE = `plumb:${PLUMB_VERSION}`;

export async function exportArgoCommand(options: ExportArgoOptions): Promise<number> {
  const loaded = await loadPipelineFile(options.pipelinePath);
  const workflow = argoWorkflow({
    document: loaded.document,
    pipelineText: loaded.text,
    pipelineFile: loaded.path,
    image: options.image ?? DEFAULT_IMAGE,
    ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
    shards: parseShardOptions(options.shards, loaded.document),
    ...(options.artifactRepository ? { artifactRepository: options.artifactRepository } : {}),
  });
  const text = stringify(workflow, { lineWidth: 0 });
  if (options.out) await writeFile(options.out, text);
  else process.stdout.write(text);
  return EXIT.ok;
}
