// `plumb export-onnx <model.json | FILE.plumb:name@alias> -o model.onnx`: the model as ONNX (SPEC §10).
import { writeFile } from 'node:fs/promises';
import { exportOnnxFromSpec } from '../api/onnx-export.js';
import { EXIT } from './exit-codes.js';

export async function exportOnnxCommand(spec: string, out: string): Promise<number> {
  const bytes = await exportOnnxFromSpec(spec);
  await writeFile(out, bytes);
  process.stderr.write(`wrote ${out} (${bytes.length} bytes)\n`);
  return EXIT.ok;
}
