// The file a model.import_* node names in its `path` param (model.import_onnx, model.import_xgboost): resolved
// against the pipeline file's folder and read whole, with a one-line error naming the path when it cannot be read.
import { readFile } from 'node:fs/promises';
import { invalidInput } from '../../../shared/errors.js';
import type { NodeRunContext } from '../../engine/types.js';

export async function readImportedFile(ctx: Pick<NodeRunContext, 'resolvePath'>, pathParam: string): Promise<{ path: string; bytes: Buffer }> {
  const path = ctx.resolvePath(pathParam);
  try {
    return { path, bytes: await readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw invalidInput(code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path}: ${(e as Error).message}`, { file: path, param: 'path' });
  }
}
