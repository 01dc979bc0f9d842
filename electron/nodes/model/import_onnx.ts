// model.import_onnx: an ONNX file read into a Plumb model file of type 'onnx' (see ml/onnx/import.ts).
import { importOnnx as declaration } from '../../../shared/catalog/model/import_onnx.js';
import { loadModelFile } from '../../ml/model-file.js';
import { importOnnx } from '../../ml/onnx/import.js';
import { implementNode } from '../env.js';
import { readImportedFile } from './imported-file.js';

export const importOnnxNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, _inputs, params) {
    const { path, bytes } = await readImportedFile(ctx, params.path);
    const file = await importOnnx(new Uint8Array(bytes), { inputs: params.inputs, task: params.task, classes: params.classes, target: params.target }, path);
    return { model: loadModelFile(file, path) };
  },
});
