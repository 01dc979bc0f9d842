// `plumb run --out DIR`: every output port of a node written as `<DIR>/<node>/<port>.<ext>` by its port codec.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeDeclaration } from '../../shared/catalog/define.js';
import { PORT_FILE_EXTENSION } from '../../shared/catalog/ports.js';
import { portCodecs } from '../nodes/codecs.js';
import type { NodeEnv } from '../nodes/env.js';

export async function writeOutputFiles(
  outDir: string,
  nodeId: string,
  declaration: NodeDeclaration,
  outputs: Record<string, unknown>,
  env: NodeEnv,
): Promise<void> {
  await mkdir(join(outDir, nodeId), { recursive: true });
  for (const [port, value] of Object.entries(outputs)) {
    const type = declaration.outputs[port]?.type;
    if (!type || value === undefined) continue;
    await portCodecs[type].writeFile(value, join(outDir, nodeId, `${port}.${PORT_FILE_EXTENSION[type]}`), env);
  }
}
