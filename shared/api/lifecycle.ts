// The API shapes of the lifecycle views (runs history and comparison, model registry, lineage, dataset versions),
// used by shared/api/contract.ts, the CLI's --json output and the renderer.
import { z } from 'zod';

const runId = z.string().min(1).max(100);
/** Stored run statuses: how a run ended, still running, or its process died first. */
export const storedRunStatusSchema = z.enum(['running', 'ok', 'failed', 'gate_failed', 'cancelled', 'interrupted']);
const modelName = z.string().min(1).max(200);
const alias = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/);
/** `name`, `name@alias`, `name@3`. */
const modelRef = z.string().min(1).max(500);

export const runListingSchema = z.object({
  id: z.string(),
  pipeline: z.string(),
  pipelineVersion: z.number().nullable(),
  pipelineHash: z.string().nullable(),
  status: storedRunStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  seconds: z.number().nullable(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  /** `<node>.<key>` → value, for every scalar of every `metrics` output. */
  metrics: z.record(z.string(), z.number()),
  retrainOfAlert: z.number().optional(),
});

export const runsListRequest = z.object({
  pipeline: z.string().min(1).max(200).optional(),
  status: storedRunStatusSchema.optional(),
  tag: z.string().min(1).max(100).optional(),
  /** `started_at` (default), `seconds`, `status`, `pipeline` or `metric:<node>.<key>`. */
  sort: z.string().regex(/^(started_at|seconds|status|pipeline|metric:[a-z][a-z0-9_]*\..+)$/).max(300).optional(),
  /** Default true: newest / largest first. */
  descending: z.boolean().optional(),
  /** Default 0. */
  offset: z.number().int().min(0).optional(),
  /** Default 200. */
  limit: z.number().int().min(1).max(1000).optional(),
});

export const runsListResponse = z.object({
  runs: z.array(runListingSchema),
  total: z.number(),
  offset: z.number(),
  metricColumns: z.array(z.string()),
});

const datasetUse = z.object({
  versionId: z.number(),
  name: z.string(),
  version: z.number(),
  hash: z.string(),
  rowCount: z.number().nullable(),
  source: z.string().nullable(),
  /** The node that read it. */
  node: z.string(),
});

export const runDetailSchema = runListingSchema.extend({
  overrides: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  computeBackend: z.string().nullable(),
  plumbVersion: z.string().nullable(),
  nodes: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      status: z.string(),
      seconds: z.number().nullable(),
      error: z.string().nullable(),
      params: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  datasets: z.array(datasetUse),
  /** Model versions registered from this run. */
  models: z.array(z.object({ name: z.string(), version: z.number(), node: z.string().nullable() })),
});
export type RunDetailView = z.infer<typeof runDetailSchema>;

const featureImportance = z.object({ feature: z.string(), importance: z.number() });

export const runComparisonSchema = z.object({
  runs: z.array(runListingSchema),
  /** Every (node, param) of any run; `values` per run in the order of `runs` (null: the run had no such node/param). */
  params: z.array(z.object({ node: z.string(), param: z.string(), values: z.array(z.unknown()), differs: z.boolean() })),
  /** The union of the runs' metrics; `best` lists the indices of the best runs when the metric has a direction. */
  metrics: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.number().nullable()),
      better: z.enum(['higher', 'lower']).nullable(),
      best: z.array(z.number()),
    }),
  ),
  series: z.array(
    z.object({
      node: z.string(),
      port: z.string(),
      runs: z.array(z.object({ runId: z.string(), points: z.array(z.record(z.string(), z.number())) })),
    }),
  ),
  drift: z.array(
    z.object({
      node: z.string(),
      values: z.array(z.object({ datasetDrift: z.boolean(), shareDrifted: z.number(), drifted: z.array(z.string()) }).nullable()),
    }),
  ),
  explanations: z.array(z.object({ node: z.string(), values: z.array(z.array(featureImportance).nullable()) })),
});
export type RunComparison = z.infer<typeof runComparisonSchema>;

export const runsDeletedSchema = z.object({
  runs: z.array(z.string()),
  cacheEntries: z.number(),
  datasetVersions: z.number(),
  blobs: z.number(),
});

export const modelSignatureSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.enum(['numeric', 'categorical']), levels: z.array(z.string()).optional() })),
  target: z.string().nullable(),
  task: z.enum(['classification', 'regression']),
  classes: z.array(z.string()),
});
export type ModelSignature = z.infer<typeof modelSignatureSchema>;

export const modelVersionSchema = z.object({
  id: z.number(),
  name: z.string(),
  version: z.number(),
  hash: z.string(),
  size: z.number(),
  type: z.string(),
  createdAt: z.string(),
  runId: z.string().nullable(),
  nodeId: z.string().nullable(),
  aliases: z.array(z.string()),
  /** `<node>.<key>` → value: the metrics the run measured on this model. */
  metrics: z.unknown(),
  params: z.unknown(),
  signature: z.unknown(),
  /** `{ node, method, top: [{feature, importance}] }` when the run explained the model. */
  explanation: z.unknown(),
  pipeline: z.object({ name: z.string(), version: z.number().nullable(), hash: z.string().nullable() }).nullable(),
  datasets: z.array(
    z.object({
      versionId: z.number(),
      name: z.string(),
      version: z.number(),
      role: z.string(),
      hash: z.string(),
      rowCount: z.number().nullable(),
      source: z.string().nullable(),
    }),
  ),
});
export type ModelVersionView = z.infer<typeof modelVersionSchema>;

export const aliasMoveSchema = z.object({
  alias: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  movedAt: z.string(),
  note: z.string().nullable(),
});

export const modelSummarySchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  latestVersion: z.number(),
  aliases: z.record(z.string(), z.number()),
});

export const modelDetailSchema = z.object({
  name: z.string(),
  versions: z.array(modelVersionSchema),
  aliasLog: z.array(aliasMoveSchema),
  /** The version a `name@alias|version` reference named. */
  selected: z.number().optional(),
});

const lineageNode = z.object({
  id: z.string(),
  kind: z.enum(['model', 'run', 'pipeline', 'dataset']),
  label: z.string(),
});

export const lineageSchema = z.object({
  model: modelVersionSchema,
  /** null once the run was deleted (the version keeps the rest of its lineage). */
  run: z
    .object({ id: z.string(), status: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), seconds: z.number().nullable() })
    .nullable(),
  pipeline: z.object({ name: z.string(), version: z.number().nullable(), hash: z.string().nullable(), available: z.boolean() }).nullable(),
  datasets: modelVersionSchema.shape.datasets,
  /** The same as a graph: model ← run ← pipeline version ← dataset versions (edges point from input to output). */
  graph: z.object({ nodes: z.array(lineageNode), edges: z.array(z.object({ from: z.string(), to: z.string() })) }),
});
export type LineageView = z.infer<typeof lineageSchema>;

export const datasetColumnSchema = z.object({
  name: z.string(),
  type: z.string(),
  missing: z.number(),
  distinct: z.number().optional(),
  /** `distinct` is DuckDB's estimate (large tables) */
  distinctApproximate: z.boolean().optional(),
  mean: z.number().optional(),
  std: z.number().optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
});
export type DatasetColumnProfile = z.infer<typeof datasetColumnSchema>;

export const datasetListSchema = z.object({
  datasets: z.array(
    z.object({
      name: z.string(),
      versions: z.array(
        z.object({
          id: z.number(),
          version: z.number(),
          hash: z.string(),
          size: z.number(),
          format: z.string(),
          rowCount: z.number().nullable(),
          /** null: the project stores the whole content; else a seeded sample of this many rows (above the blob cap) */
          sampleRows: z.number().nullable(),
          source: z.string().nullable(),
          createdAt: z.string(),
          runs: z.array(z.string()),
          /** column profile of the whole content (empty for versions recorded before profiling) */
          columns: z.array(datasetColumnSchema),
        }),
      ),
    }),
  ),
});

export const lifecycleRequests = {
  runsShow: z.object({ runId }),
  runsCompare: z.object({ runIds: z.array(runId).min(2).max(10) }),
  runsDelete: z.object({ runIds: z.array(runId).min(1).max(1000) }),
  runsAnnotate: z.object({ runId, note: z.string().max(2000).nullable().optional(), tags: z.array(z.string().min(1).max(100)).max(50).optional() }),
  modelsShow: z.object({ model: modelRef }),
  modelsRegister: z.object({
    runId,
    node: z.string().min(1).max(100),
    name: modelName,
    alias: alias.optional(),
    note: z.string().max(2000).optional(),
    /** binary classifiers: stored in the version's model file as `decision_threshold` (SPEC §5) */
    decisionThreshold: z.number().min(0).max(1).optional(),
  }),
  /** `version: null` deletes the alias. */
  modelsAlias: z.object({ name: modelName, alias, version: z.number().int().min(1).nullable(), note: z.string().max(2000).optional() }),
  modelsRollback: z.object({ name: modelName, alias, note: z.string().max(2000).optional() }),
  modelsLineage: z.object({ model: modelRef }),
};

const columnType = z.object({ name: z.string(), type: z.string() });
const diffSide = z.object({
  name: z.string(),
  version: z.number(),
  hash: z.string(),
  rows: z.number(),
  /** the drift is computed on this many sampled rows (a version above the blob cap); null: on all of them */
  sampleRows: z.number().nullable().default(null),
});

export const datasetDiffSchema = z.object({
  a: diffSide,
  b: diffSide,
  schema: z.object({
    added: z.array(columnType),
    removed: z.array(columnType),
    changed: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  }),
  /** rows of b − rows of a */
  rowChange: z.number(),
  /** monitor.drift's report (SPEC §6 drift.json) over the columns both versions have with the same type; null when none. */
  drift: z.unknown(),
});
export type DatasetDiffView = z.infer<typeof datasetDiffSchema>;
