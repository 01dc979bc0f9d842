// The zod shape of a Plumb model file (SPEC §5): the envelope every model shares, and the fitted model object
// each model type keeps under `model`. Only structure is checked here; cross-field rules live in check.ts.

import { z } from 'zod';
import { mlpModelSchema } from '../mlp/schema.js';

export const MODEL_TYPES = [
  'linear_regression',
  'logistic_regression',
  'decision_tree',
  'random_forest',
  'gradient_boosting',
  'knn',
  'naive_bayes',
  'xgboost',
  'mlp',
] as const;

const count = z.number().int().min(0);
const name = z.string().min(1);
const task = z.enum(['classification', 'regression']);
/** Non-finite numbers inside tree ensembles are written as strings (see tree/json.ts). */
const jsonNumber = z.union([z.number(), z.enum(['Infinity', '-Infinity', 'NaN'])]);

export const envelopeSchema = z.object({
  plumb_model: z.literal(1, { message: "this is not a Plumb model file of format 1 ('plumb_model' must be 1)" }),
  type: z.enum(MODEL_TYPES),
  features: z.array(name).min(1),
  target: name.nullable(),
  task,
  classes: z.array(z.string()),
  feature_levels: z.record(z.string(), z.array(z.string())),
  params: z.record(z.string(), z.unknown()),
  model: z.record(z.string(), z.unknown()),
  trained: z.object({ rows: count, seconds: z.number().min(0), backend: z.string().optional() }),
});

const encodingSchema = z.object({
  nFeatures: count,
  fill: z.array(z.number()),
  feature: z.array(count),
  level: z.array(z.number().int().min(-1)),
  center: z.array(z.number()),
  scale: z.array(z.number()),
  names: z.array(z.string()),
});

const coefficientsSchema = z.object({
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

const treeModelSchema = z.object({
  type: z.enum(['decision_tree', 'random_forest', 'gradient_boosting']),
  task,
  classes: z.array(z.string()),
  featureNames: z.array(z.string()),
  params: z.record(z.string(), z.unknown()),
  ensemble: ensembleSchema,
});

/** The fitted object under `model`, per model type. */
export const fittedSchemas = {
  linear_regression: z.object({
    kind: z.literal('linear_regression'),
    task: z.literal('regression'),
    params: z.record(z.string(), z.unknown()),
    encoding: encodingSchema,
    coefficients: coefficientsSchema,
  }),
  logistic_regression: z.object({
    kind: z.literal('logistic_regression'),
    task: z.literal('classification'),
    classes: z.array(z.string()),
    params: z.record(z.string(), z.unknown()),
    encoding: encodingSchema,
    coefficients: coefficientsSchema,
  }),
  decision_tree: treeModelSchema,
  random_forest: treeModelSchema,
  gradient_boosting: treeModelSchema,
  knn: z.object({
    kind: z.literal('knn'),
    task,
    classes: z.array(z.string()),
    params: z.object({ n_neighbors: z.number().int().min(1), weights: z.enum(['uniform', 'distance']), standardize: z.boolean() }),
    encoding: encodingSchema,
    nTrain: count,
    train: z.array(z.number()),
    targets: z.array(z.number()),
  }),
  naive_bayes: z.object({
    kind: z.literal('naive_bayes'),
    task: z.literal('classification'),
    classes: z.array(z.string()),
    params: z.record(z.string(), z.unknown()),
    nFeatures: count,
    classCount: z.array(z.number().min(0)),
    epsilon: z.number(),
    gaussian: z.array(z.object({ feature: count, mean: z.array(z.number()), variance: z.array(z.number().positive()) })),
    categorical: z.array(z.object({ feature: count, logProb: z.array(z.array(z.number())) })),
  }),
  xgboost: z.object({
    objective: z.string(),
    ensemble: ensembleSchema,
  }),
  mlp: mlpModelSchema,
} satisfies Record<(typeof MODEL_TYPES)[number], z.ZodType>;
