// Reading a model file: JSON text or a parsed value in, a checked PlumbModelFile out, or an invalid_input error
// that names the key at fault. A value that passed once is remembered, so a node can check every input cheaply.

import type { z } from 'zod';
import { invalidInput, type ErrorLocation } from '../../../shared/errors.js';
import { checkEnvelope } from './check.js';
import { estimatorOf, MODEL_TYPES } from '../estimators.js';
import { envelopeSchema, fittedSchema } from './schema.js';
import type { PlumbModelFile } from './types.js';

const MAX_LISTED = 5;
const checked = new WeakSet<object>();

/** `source` (a file path) only labels errors. */
export function parseModelFile(text: string, source?: string): PlumbModelFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw invalidInput(`not a JSON model file: ${e instanceof Error ? e.message : String(e)}`, where(source));
  }
  return loadModelFile(json, source);
}

/** Checks a parsed model file and returns it unchanged (typed). */
export function loadModelFile(value: unknown, source?: string): PlumbModelFile {
  if (typeof value === 'object' && value !== null && checked.has(value)) return value as PlumbModelFile;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(`a model file is a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`, where(source));
  }
  if (!('plumb_model' in value)) {
    throw invalidInput("not a Plumb model file: it has no 'plumb_model' key (an XGBoost model needs model.import_xgboost)", where(source));
  }
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) throw shapeError(envelope.error, [], source);
  const type = envelope.data.type;
  const fitted = fittedSchema(type).safeParse(envelope.data.model);
  if (!fitted.success) throw shapeError(fitted.error, ['model'], source, `a '${type}' model`);
  const problems = checkEnvelope(envelope.data, fitted.data);
  if (problems.length) throw listError(`the model file is inconsistent`, problems, source);
  // A composite kind's members are whole model files, checked like this one.
  for (const member of estimatorOf(type).members?.(fitted.data) ?? []) loadModelFile(member, source);
  checked.add(value);
  return value as PlumbModelFile;
}

export const modelTypes: readonly string[] = MODEL_TYPES;

function where(source?: string): ErrorLocation {
  return source ? { file: source } : {};
}

function shapeError(error: z.ZodError, prefix: PropertyKey[], source?: string, what = 'a Plumb model file'): Error {
  const lines = error.issues.map((issue) => {
    const path = [...prefix, ...issue.path].map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('').replace(/^\./, '');
    return path ? `key '${path}': ${issue.message}` : issue.message;
  });
  return listError(`not ${what}`, lines, source);
}

function listError(message: string, lines: string[], source?: string): Error {
  const shown = lines.slice(0, MAX_LISTED);
  const more = lines.length > MAX_LISTED ? ` (and ${lines.length - MAX_LISTED} more problems)` : '';
  return invalidInput(`${message}: ${shown[0]}${more}`, where(source), shown.slice(1));
}
