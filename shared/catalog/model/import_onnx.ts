// model.import_onnx: an ONNX model file (e.g. a scikit-learn pipeline converted by skl2onnx, a PyTorch export, or
// one written by `plumb export-onnx`) as a Plumb model that predicts through onnxruntime.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const importOnnx = defineNode({
  type: 'model.import_onnx',
  version: 1,
  group: 'model',
  title: 'Import ONNX model',
  docs:
    'Reads an ONNX model and predicts with onnxruntime (CPU). Each graph input reads the column of its own name, ' +
    'or the columns `inputs` maps it to (an [N, k] input takes k columns in order). Inputs may be float, double, ' +
    'int32, int64 or string tensors; a string input\'s categories are read from the LabelEncoder/OneHotEncoder that ' +
    'consumes it. A probabilities output ([N, classes] tensor, e.g. `probabilities` or `output_probability`; ZipMap ' +
    'outputs are not supported) makes it a classifier, whose classes come from the graph\'s class labels unless ' +
    '`classes` names them; otherwise it is a regression model reading its first numeric output. SHAP explains it ' +
    'with KernelSHAP (or exact) on its probabilities or values.',
  inputs: {},
  outputs: { model: { type: 'model', docs: 'The ONNX model as a Plumb model file.' } },
  params: z.object({
    path: z.string().min(1).describe('The ONNX model file (.onnx).'),
    inputs: z
      .record(z.string(), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))
      .default({})
      .describe('Graph input → the column it reads, or a list of columns for an [N, k] input, e.g. {float_input: [x1, x2]}.'),
    task: z.enum(['auto', 'classification', 'regression']).default('auto').describe('auto: classification when the graph has a probabilities output.'),
    target: z.string().min(1).nullable().default(null).describe('The column the model predicts (for evaluate.*).'),
    classes: z.array(z.string()).nullable().default(null).describe('Class labels in the order of the probabilities columns; null reads them from the graph.'),
  }),
  ui: { path: { widget: 'file', extensions: ['onnx'] } },
});
