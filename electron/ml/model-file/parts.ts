// Zod pieces several model kinds share in their model-file schema: the feature encoding of the linear-algebra
// models, linear coefficients and the tree ensemble. Each kind's own schema sits in its estimator record.

import { z } from 'zod';

export const count = z.number().int().min(0);
export const taskSchema = z.enum(['classification', 'regression']);
/** Non-finite numbers inside tree ensembles are written as strings (see tree/json.ts). */
const jsonNumber = z.union([z.number(), z.enum(['Infinity', '-Infinity', 'NaN'])]);

export const encodingSchema = z.object({
  nFeatures: count,
  fill: z.array(z.number()),
  feature: z.array(count),
  level: z.array(z.number().int().min(-1)),
  center: z.array(z.number()),
  scale: z.array(z.number()),
  names: z.array(z.string()),
});

export const coefficientsSchema = z.object({
  terms: z.array(z.string()),
  weights: z.array(z.array(z.number())),
  intercept: z.array(z.number()),
});

const treeSchema = z.object({
  feature: z.array(z.number().int().min(-1)),
  threshold: z.array(jsonNumber),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  missingLeft: z.array(z.number().int().min(0).max(1)),
  cover: z.array(jsonNumber),
  value: z.array(jsonNumber),
  nValues: z.number().int().min(1),
});

export const ensembleSchema = z.object({
  trees: z.array(treeSchema),
  treeOutput: z.array(count),
  nOutputs: z.number().int().min(1),
  baseMargin: z.array(jsonNumber),
  splitRule: z.enum(['le', 'lt_f32']),
  aggregation: z.enum(['sum', 'mean']),
  link: z.enum(['identity', 'logistic', 'softmax']),
  nFeatures: count,
});
