// The zod shape of a Plumb model file (SPEC §5): the envelope every model shares, and the fitted model object
// each model type keeps under `model` (its estimator record's schema). Only structure is checked here; cross-field
// rules live in check.ts.

import { z } from 'zod';
import { estimators, MODEL_TYPES, type ModelType } from '../estimators.js';
import { preprocessingChainSchema } from '../preprocessing/types.js';
import { count, taskSchema } from './parts.js';

const name = z.string().min(1);

export const envelopeSchema = z.object({
  plumb_model: z.literal(1, { message: "this is not a Plumb model file of format 1 ('plumb_model' must be 1)" }),
  type: z.enum(MODEL_TYPES),
  features: z.array(name).min(1),
  target: name.nullable(),
  task: taskSchema,
  classes: z.array(z.string()),
  feature_levels: z.record(z.string(), z.array(z.string())),
  params: z.record(z.string(), z.unknown()),
  model: z.record(z.string(), z.unknown()),
  trained: z.object({ rows: count, seconds: z.number().min(0), backend: z.string().optional() }),
  preprocessing: preprocessingChainSchema.optional(),
  decision_threshold: z.number().min(0).max(1).optional(),
});

/** The fitted object under `model`, per model type. */
export function fittedSchema(type: ModelType): z.ZodType {
  return estimators[type].schema;
}
