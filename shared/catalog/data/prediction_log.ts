// data.prediction_log: the predictions `plumb serve` logged to the project, as a table for monitoring.
import { z } from 'zod';
import { defineNode } from '../define.js';

const isoTime = z
  .string()
  .refine((t) => !Number.isNaN(Date.parse(t)), { message: 'expected an ISO-8601 time such as 2026-01-31T12:00:00Z' })
  .nullable()
  .default(null);

export const predictionLog = defineNode({
  type: 'data.prediction_log',
  version: 1,
  group: 'data',
  title: 'Prediction log',
  docs:
    'The predictions `plumb serve` (or the Serving view) logged to this project, oldest first: `served_at`, ' +
    '`model_version`, `latency_ms`, `key` (the request key, to join labels that arrive later), the input columns as ' +
    'requested, `prediction` and, for classifiers, `proba_<class>`. Filter by the served model name, a version and a ' +
    'time range, then compare the inputs with the training data in `monitor.drift`. Needs a project (the app, or ' +
    '`plumb run --project FILE.plumb`).',
  inputs: {},
  outputs: { table: { type: 'table', docs: 'One row per served prediction, oldest first.' } },
  params: z.object({
    model: z.string().min(1).describe('The served model name (the registry name, or the model file stem, or --name).'),
    version: z.string().min(1).nullable().default(null).describe('Only this served version (e.g. "3"); null = every version.'),
    since: isoTime.describe('Only predictions served at or after this time (ISO-8601); null = from the start.'),
    until: isoTime.describe('Only predictions served at or before this time (ISO-8601); null = up to now.'),
  }),
});
