// `plumb validate <pipeline.yaml>`: parse and check against the catalog, touching no data.
import { EXIT } from './exit-codes.js';
import { loadPipelineFile } from './load-pipeline.js';

export async function validateCommand(path: string): Promise<number> {
  const { document } = await loadPipelineFile(path);
  process.stdout.write(`ok: ${path}: pipeline '${document.name}' with ${document.nodes.length} nodes is valid\n`);
  return EXIT.ok;
}
