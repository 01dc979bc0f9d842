// Prediction responses as each protocol pairs them: TF Serving rows → `predictions` of `{label, probabilities}`,
// columnar → `outputs` with `label` and `probabilities` as columns; MLflow → `predictions` (labels or values).
import type { ModelOutput, PlumbModelFile } from '../ml/model-file.js';

type File = Pick<PlumbModelFile, 'task' | 'classes'>;

/** One row's answer in plain values: the label (or value) and class probabilities. */
export function rowAnswer(file: File, out: ModelOutput, i: number): { prediction: string | number; probabilities: Record<string, number> | null } {
  if (file.task === 'regression') return { prediction: out.prediction[i], probabilities: null };
  const K = file.classes.length;
  const probabilities: Record<string, number> = {};
  for (let k = 0; k < K; k++) probabilities[file.classes[k]] = out.proba![i * K + k];
  return { prediction: file.classes[out.prediction[i]], probabilities };
}

export function tfRowResponse(file: File, out: ModelOutput): { predictions: unknown[] } {
  const n = out.prediction.length;
  const predictions: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { prediction, probabilities } = rowAnswer(file, out, i);
    predictions[i] = probabilities ? { label: prediction, probabilities } : prediction;
  }
  return { predictions };
}

export function tfColumnarResponse(file: File, out: ModelOutput): { outputs: unknown } {
  const n = out.prediction.length;
  if (file.task === 'regression') return { outputs: Array.from(out.prediction) };
  const K = file.classes.length;
  const probabilities: Record<string, number[]> = {};
  file.classes.forEach((c, k) => {
    const column = new Array<number>(n);
    for (let i = 0; i < n; i++) column[i] = out.proba![i * K + k];
    probabilities[c] = column;
  });
  return { outputs: { label: Array.from(out.prediction, (code) => file.classes[code]), probabilities } };
}

export function mlflowResponse(file: File, out: ModelOutput): { predictions: (string | number)[] } {
  if (file.task === 'regression') return { predictions: Array.from(out.prediction) };
  return { predictions: Array.from(out.prediction, (code) => file.classes[code]) };
}

// The same answers written straight to JSON text, byte for byte what JSON.stringify makes of the objects above
// (the class-name order of an object's keys included), without building them: the request path's serializer.

/** A number as JSON writes it. */
const num = (v: number): string => (v === v && v !== Infinity && v !== -Infinity ? `${v}` : 'null');

interface ClassText {
  /** JSON of each class name (a label). */
  label: string[];
  /** Class indices in the order JSON.stringify writes an object keyed by class name (integer-like names first). */
  keyOrder: number[];
  /** `"name":` per class. */
  key: string[];
  /** Some class cannot be written as a plain key (`__proto__`): use the objects. */
  plain: boolean;
}

const classTexts = new WeakMap<readonly string[], ClassText>();

function classText(classes: readonly string[]): ClassText {
  let text = classTexts.get(classes);
  if (!text) {
    const index = new Map(classes.map((c, k) => [c, k]));
    const ordered = Object.keys(Object.fromEntries(classes.map((c) => [c, 0])));
    text = {
      label: classes.map((c) => JSON.stringify(c)),
      keyOrder: ordered.map((c) => index.get(c)!),
      key: classes.map((c) => `${JSON.stringify(c)}:`),
      plain: !classes.includes('__proto__') && ordered.length === classes.length,
    };
    classTexts.set(classes, text);
  }
  return text;
}

/** Every prediction is a class code of the file (else the objects' own handling of a missing label applies). */
function codesInRange(out: ModelOutput, K: number): boolean {
  const p = out.prediction;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (!(c >= 0 && c < K && c === Math.floor(c))) return false;
  }
  return true;
}

/** `body` with `warnings` as its last key when there are any (the JSON of `{ ...body, warnings }`). */
export function withWarningsJson(json: string, warnings: readonly string[]): string {
  return warnings.length ? `${json.slice(0, -1)},"warnings":${JSON.stringify(warnings)}}` : json;
}

export function tfRowJson(file: File, out: ModelOutput): string {
  const n = out.prediction.length;
  if (file.task === 'regression') {
    let s = '{"predictions":[';
    for (let i = 0; i < n; i++) s += (i ? ',' : '') + num(out.prediction[i]);
    return `${s}]}`;
  }
  const K = file.classes.length;
  const text = classText(file.classes);
  if (!text.plain || !codesInRange(out, K)) return JSON.stringify(tfRowResponse(file, out));
  const proba = out.proba!;
  let s = '{"predictions":[';
  for (let i = 0; i < n; i++) {
    s += `${i ? ',' : ''}{"label":${text.label[out.prediction[i]]},"probabilities":{`;
    for (let j = 0; j < K; j++) {
      const k = text.keyOrder[j];
      s += (j ? ',' : '') + text.key[k] + num(proba[i * K + k]);
    }
    s += '}}';
  }
  return `${s}]}`;
}

export function tfColumnarJson(file: File, out: ModelOutput): string {
  const n = out.prediction.length;
  if (file.task === 'regression') {
    let s = '{"outputs":[';
    for (let i = 0; i < n; i++) s += (i ? ',' : '') + num(out.prediction[i]);
    return `${s}]}`;
  }
  const K = file.classes.length;
  const text = classText(file.classes);
  if (!text.plain || !codesInRange(out, K)) return JSON.stringify(tfColumnarResponse(file, out));
  const proba = out.proba!;
  let s = '{"outputs":{"label":[';
  for (let i = 0; i < n; i++) s += (i ? ',' : '') + text.label[out.prediction[i]];
  s += '],"probabilities":{';
  for (let j = 0; j < K; j++) {
    const k = text.keyOrder[j];
    s += `${j ? ',' : ''}${text.key[k]}[`;
    for (let i = 0; i < n; i++) s += (i ? ',' : '') + num(proba[i * K + k]);
    s += ']';
  }
  return `${s}}}}`;
}

export function mlflowJson(file: File, out: ModelOutput): string {
  const n = out.prediction.length;
  let s = '{"predictions":[';
  if (file.task === 'regression') {
    for (let i = 0; i < n; i++) s += (i ? ',' : '') + num(out.prediction[i]);
    return `${s}]}`;
  }
  const text = classText(file.classes);
  if (!codesInRange(out, file.classes.length)) return JSON.stringify(mlflowResponse(file, out));
  for (let i = 0; i < n; i++) s += (i ? ',' : '') + text.label[out.prediction[i]];
  return `${s}]}`;
}
