// Request/response schemas of the what-if form (rows in the model's original columns), its counterfactual search,
// and the explanation report export. Kept beside contract.ts, which lists the methods.
import { z } from 'zod';

const nodeId = z.string().regex(/^[a-z][a-z0-9_]*$/);
const runId = z.string().min(1).max(100);
/** An output port of a run: where the model (or a table) comes from. */
export const runOutputRef = z.object({ runId, node: nodeId, port: z.string().max(100) });

const cell = z.union([z.number(), z.string().max(10_000), z.boolean(), z.null()]);
const columnName = z.string().min(1).max(500);

/** One field of the what-if form: a number (with the range seen in the rows) or a category (its training levels). */
export const formColumnSchema = z.object({
  name: z.string(),
  kind: z.enum(['number', 'category']),
  /** DuckDB type of the column in the training data (DOUBLE for a model feature without a chain) */
  type: z.string(),
  categories: z.array(z.string()).optional(),
  integer: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FormColumn = z.infer<typeof formColumnSchema>;

export const whatIfRowsRequest = z.object({ model: runOutputRef, data: runOutputRef, limit: z.number().int().min(1).max(5000).default(1000) });
export const whatIfRowsResponse = z.object({
  /** true when the model stores a preprocessing chain and the form shows the columns before it */
  original: z.boolean(),
  columns: z.array(formColumnSchema),
  /** the table's first rows in the form's columns (chain undone when the table holds the model's columns) */
  rows: z.array(z.array(cell)),
  rowCount: z.number().int(),
});

export const whatIfCounterfactualsRequest = z.object({
  model: runOutputRef,
  /** the reference rows: nearest counterfactual candidates and the MAD scales */
  reference: runOutputRef,
  row: z.record(columnName, cell),
  k: z.number().int().min(1).max(10).default(3),
  seed: z.number().int().min(0).default(0),
  immutable: z.array(columnName).max(500).default([]),
  ranges: z.record(columnName, z.tuple([z.number(), z.number()])).default({}),
  directions: z.record(columnName, z.enum(['up', 'down'])).default({}),
});

const changes = z.record(z.string(), z.tuple([cell, cell]));
export const whatIfCounterfactualsResponse = z.object({
  /** the columns searched: the original ones (through the chain) or the model's features */
  space: z.enum(['original', 'model']),
  distance: z.string(),
  prediction: z.string(),
  nearest: z.object({ row: z.number().int(), changes, prediction: z.string(), distance: z.number() }).nullable(),
  generated: z.array(z.object({ changes, prediction: z.string(), proximity: z.number(), sparsity: z.number().int(), valid: z.boolean() })),
  referenceRows: z.number().int(),
  seconds: z.number(),
});

/** The explanation report of a run: every explanation and fairness output (or the chosen nodes), counterfactual rows picked. */
export const explainReportRequest = z.object({
  runId,
  nodes: z.array(nodeId).max(200).optional(),
  /** per explain.counterfactual node, the rows to include (default: the first 5) */
  counterfactualRows: z.record(nodeId, z.array(z.number().int().min(0)).max(100)).optional(),
});
