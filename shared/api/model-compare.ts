// models.compare (Orange's Test & Score): several trained models of runs scored on one table — a metrics row per
// model, overlaid curves of one class (classification) or residuals (regression), and each row's predictions.
import { z } from 'zod';

const runId = z.string().min(1).max(100);
const nodeId = z.string().regex(/^[a-z][a-z0-9_]*$/);
const portName = z.string().max(100);
const cell = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const label = z.union([z.string(), z.number()]);

/** An output port of a run: the model file of a trainer, or the table the models are scored on. */
export const outputRefSchema = z.object({ runId, node: nodeId, port: portName });

export const modelCompareRequest = z.object({
  models: z.array(outputRefSchema.extend({ port: portName.default('model') })).min(1).max(8),
  data: outputRefSchema,
  /** the class whose ROC, precision–recall and calibration curves are drawn (default: the last, positive class) */
  positive: z.string().max(500).optional(),
  /** at most this many rows (in table order) come back with their predictions; metrics use every row */
  maxRows: z.number().int().min(1).max(20_000).default(5000),
});

const curveSchema = z.object({ x: z.array(z.number()), y: z.array(z.number()) });

export const comparedModelSchema = z.object({
  node: z.string(),
  runId: z.string(),
  type: z.string(),
  /** evaluate.classification / evaluate.regression's numbers (SPEC §6), for this table */
  metrics: z.record(z.string(), z.number().nullable()),
  confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }).optional(),
  /** one-vs-rest for the `positive` class: ROC (fpr → tpr), precision–recall (recall → precision), calibration bins */
  roc: curveSchema.optional(),
  pr: curveSchema.optional(),
  calibration: curveSchema.optional(),
  /** regression: a seeded sample of (actual, predicted) points */
  residuals: z.array(z.object({ y: z.number(), yhat: z.number() })).optional(),
});

export const modelCompareResponse = z.object({
  task: z.enum(['classification', 'regression']),
  target: z.string(),
  classes: z.array(z.string()),
  positive: z.string().nullable(),
  /** rows scored (with a target the models know) and rows left out */
  n: z.number(),
  dropped: z.number(),
  /** classification: rows where the models predict different classes (over all n rows); null for regression */
  disagreements: z.number().nullable(),
  models: z.array(comparedModelSchema),
  rows: z.object({
    /** the row's position in the data table (0-based) */
    index: z.array(z.number()),
    actual: z.array(label),
    /** predicted[model][row]: the class label, or the predicted value */
    predicted: z.array(z.array(label)),
    /** classification: score[model][row] = P(positive) */
    score: z.array(z.array(z.number())).optional(),
    /** the models' feature columns and their values per row, as in the table */
    columns: z.array(z.string()),
    cells: z.array(z.array(cell)),
    truncated: z.boolean(),
  }),
});

export type ModelCompareRequest = z.input<typeof modelCompareRequest>;
export type ModelComparison = z.infer<typeof modelCompareResponse>;
export type ComparedModel = z.infer<typeof comparedModelSchema>;
