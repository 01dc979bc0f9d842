// model.import_onnx: an ONNX file read into a Plumb model file of type 'onnx' (see ml/onnx/import.ts).
import { readFile } from 'node:fs/promises';
import { importOnnx as declaration } from '../../../shared/catalog/model/import_onnx.js';
import { invalidInput } from '../../../shared/errors.js';
import { loadModelFile } from '../../ml/model-file.js';
import { importOnnx } from '../../ml/onnx/import.js';
import { implementNode } from '../env.js';

export const importOnnxNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, _inputs, params) {
    const path = ctx.resolvePath(params.path);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw invalidInput(code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path}: ${(e as Error).message}`, { file: path, param: 'path' });
    }
    const file = await importOnnx(new Uint8Array(bytes), { inputs: params.inputs, task: params.task, classes: params.classes, target: params.target }, path);
    return { model: loadModelFile(file, path) };
  },
});
