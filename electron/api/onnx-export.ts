// ONNX export at the API level: a model named by a model.json path or a registry reference (FILE.plumb:name@alias,
// or name@alias inside the open project) read, checked and written as ONNX bytes (SPEC §10). Used by
// `plumb export-onnx` and the API method models.exportOnnx.
import { readFile } from 'node:fs/promises';
import type { ApiHandlers } from './service.js';
import { invalidInput } from '../../shared/errors.js';
import { parseModelFile, type PlumbModelFile } from '../ml/model-file.js';
import { exportOnnx } from '../ml/onnx/export.js';
import type { ProjectFile } from '../store/project-file.js';
import { resolveRegisteredModel } from './k8s-serve.js';

/** A model file from `model.json` or `FILE.plumb:name[@alias|@version]`. */
export async function modelFileFromSpec(spec: string): Promise<PlumbModelFile> {
  if (/\.plumb:[^:]+$/.test(spec)) return parseModelFile(resolveRegisteredModel(spec).text, spec);
  let text: string;
  try {
    text = await readFile(spec, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw invalidInput(code === 'ENOENT' ? `file not found: ${spec}` : `cannot read ${spec}: ${(e as Error).message}`, { file: spec });
  }
  return parseModelFile(text, spec);
}

/** The ONNX bytes of the model `spec` names. */
export async function exportOnnxFromSpec(spec: string): Promise<Uint8Array> {
  return exportOnnx(await modelFileFromSpec(spec), spec);
}

/** models.exportOnnx: a registered version of the open project as ONNX, base64, with a file name to save it under. */
export function exportRegisteredOnnx(project: ProjectFile, ref: string): { fileName: string; base64: string; bytes: number } {
  const found = project.models.resolve(ref);
  const text = new TextDecoder().decode(project.models.artifact(`${found.name}@${found.version}`));
  const bytes = exportOnnx(parseModelFile(text, `${found.name}@${found.version}`), `${found.name}@${found.version}`);
  return { fileName: `${found.name}-v${found.version}.onnx`, base64: Buffer.from(bytes).toString('base64'), bytes: bytes.length };
}

export function onnxExportHandlers(project: () => ProjectFile): Pick<ApiHandlers, 'models.exportOnnx'> {
  return { 'models.exportOnnx': async ({ model }) => exportRegisteredOnnx(project(), model) };
}
