// The app API: one table of methods (zod request/response) and one event stream, shared by both
// transports (Electron IPC and the browser host). Channel names exist only here.
import { z } from 'zod';
import { PORT_TYPES } from '../catalog/ports.js';
import {
  aliasMoveSchema,
  datasetDiffSchema,
  datasetListSchema,
  lifecycleRequests as lifecycle,
  lineageSchema,
  modelDetailSchema,
  modelSummarySchema,
  modelVersionSchema,
  runComparisonSchema,
  runDetailSchema,
  runsDeletedSchema,
  runsListRequest,
  runsListResponse,
} from './lifecycle.js';
import { componentsDeleteRequest, componentsListResponse, componentsSaveRequest, componentsSaveResponse } from './component-library.js';
import { modelCompareRequest, modelCompareResponse } from './model-compare.js';
import { servingStartRequest, servingStatusSchema } from './serving.js';
import { explainReportRequest, whatIfCounterfactualsRequest, whatIfCounterfactualsResponse, whatIfRowsRequest, whatIfRowsResponse } from './what-if.js';

const pipelineName = z.string().min(1).max(200);
const nodeId = z.string().regex(/^[a-z][a-z0-9_]*$/);
const runId = z.string().min(1).max(100);

export const layoutSchema = z.record(z.string(), z.object({ x: z.number(), y: z.number() }));

const documentNodeSchema = z.object({
  id: z.string(),
  type: z.string(),
  inputs: z.record(z.string(), z.string()).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

/** A component under `components:` (SPEC §3), as loosely as the nodes. */
const componentShape = z.object({
  inputs: z.record(z.string(), z.enum(PORT_TYPES)).optional(),
  outputs: z.record(z.string(), z.string()).optional(),
  params: z.record(z.string(), z.object({ default: z.unknown().optional(), doc: z.string().optional() })).optional(),
  nodes: z.array(documentNodeSchema),
});

/** The pipeline document as plain data (validated in depth by the YAML codec, not here). */
export const documentSchema = z.object({
  plumb: z.literal(1),
  name: z.string(),
  description: z.string().optional(),
  components: z.record(z.string(), componentShape).optional(),
  nodes: z.array(documentNodeSchema),
  layout: layoutSchema.optional(),
});

export const issueSchema = z.object({
  message: z.string(),
  node: z.string().optional(),
  key: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});

const pipelineSummary = z.object({ name: z.string(), version: z.number(), savedAt: z.string() });
/** A node's state in a run; the store adds 'interrupted' for runs whose process died. */
export const nodeStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cached', 'skipped', 'cancelled']);
/** How a finished run ended. */
export const runStatusSchema = z.enum(['ok', 'failed', 'gate_failed', 'cancelled']);
/** One point of a training history (a `series` output port). */
export const seriesPointSchema = z.object({
  step: z.number(),
  train_loss: z.number().optional(),
  valid_loss: z.number().optional(),
  metric: z.number().optional(),
  seconds: z.number(),
  /** what the step was, for series that are not a training curve (model.automl: the candidate that finished) */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

export const runEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run_started'), runId, nodes: z.array(z.string()) }),
  z.object({ kind: z.literal('node_status'), runId, node: z.string(), status: nodeStatusSchema, seconds: z.number().optional(), error: z.string().optional() }),
  z.object({ kind: z.literal('node_progress'), runId, node: z.string(), fraction: z.number(), message: z.string().optional() }),
  z.object({
    kind: z.literal('node_series'),
    runId,
    node: z.string(),
    port: z.string(),
    points: z.array(seriesPointSchema),
  }),
  z.object({ kind: z.literal('node_log'), runId, node: z.string(), level: z.enum(['info', 'warn']), message: z.string() }),
  z.object({ kind: z.literal('run_finished'), runId, status: runStatusSchema, seconds: z.number() }),
]);
export type AppRunEvent = z.infer<typeof runEventSchema>;

const cell = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export const tablePreviewSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rowCount: z.number(),
  offset: z.number(),
  rows: z.array(z.array(cell)),
  stats: z.array(z.record(z.string(), z.unknown())).optional(),
});

export const outputPreviewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('table'), port: z.string(), table: tablePreviewSchema }),
  z.object({ kind: z.literal('json'), port: z.string(), portType: z.string(), value: z.unknown() }),
  z.object({ kind: z.literal('missing'), port: z.string(), reason: z.string() }),
]);

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;

/** An alert raised by a monitor.alert rule, with the retraining run started for it (if any). */
export const alertSchema = z.object({
  id: z.number(),
  createdAt: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  message: z.string(),
  rule: z.string().nullable(),
  /** The run and node whose output fired the rule (the evidence link). */
  runId: z.string().nullable(),
  node: z.string().nullable(),
  pipeline: z.string().nullable(),
  evidence: z.unknown(),
  acknowledged: z.boolean(),
  retrainPipeline: z.string().nullable(),
  retrainRunId: z.string().nullable(),
  retrainStatus: z.string().nullable(),
  /** Model versions the retraining registered (as `challenger`), each against the version it would replace. */
  retrained: z.array(
    z.object({
      name: z.string(),
      version: z.number(),
      comparedWith: z.number().nullable(),
      comparedAlias: z.string().nullable(),
      metrics: z.array(z.object({ key: z.string(), old: z.number().nullable(), new: z.number().nullable() })),
    }),
  ),
});
export type AlertView = z.infer<typeof alertSchema>;

/** A file-browser request: the folder to list and the extensions (no dot) to show; none shows every file. */
export const filesListRequest = z.object({
  folder: z.string().max(4096).default(''),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,12}$/)).max(20).optional(),
});
export const fileEntrySchema = z.object({ name: z.string(), kind: z.enum(['dir', 'file']), size: z.number().int().min(0).nullable(), path: z.string() });
export const filesListResponse = z.object({
  /** the folder listed, as a path to ask for again ('' = the project folder) */
  folder: z.string(),
  /** the folder above it, null at a root */
  parent: z.string().nullable(),
  roots: z.array(z.object({ name: z.string(), folder: z.string(), kind: z.enum(['project', 'added']) })),
  entries: z.array(fileEntrySchema),
});
/** The browser host's answer to a file upload (POST /upload?name=…, the raw bytes as the body). */
export const uploadResponseSchema = z.object({ path: z.string(), bytes: z.number().int().min(0) });
/** Query of an upload: the file's name as the browser gave it (sanitized and made unique by the host). */
export const uploadQuerySchema = z.object({ name: z.string().min(1).max(500) });

function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

/** Every API method: name → request and response schemas. */
export const apiMethods = {
  'project.info': method(z.object({}), z.object({ path: z.string(), name: z.string(), readonly: z.boolean(), host: z.enum(['electron', 'browser']), computeBackend: z.string() })),
  'project.open': method(z.object({ path: z.string().min(1) }), z.object({ path: z.string() })),
  'project.create': method(z.object({ path: z.string().min(1) }), z.object({ path: z.string() })),
  'project.saveAs': method(z.object({ path: z.string().min(1) }), z.object({ path: z.string() })),
  'project.recent': method(z.object({}), z.object({ paths: z.array(z.string()) })),
  'pipelines.list': method(z.object({}), z.object({ pipelines: z.array(pipelineSummary) })),
  'pipelines.load': method(z.object({ name: pipelineName }), z.object({ name: z.string(), version: z.number(), document: documentSchema, issues: z.array(issueSchema) })),
  'pipelines.save': method(z.object({ name: pipelineName, document: documentSchema, message: z.string().max(500).optional() }), z.object({ version: z.number(), issues: z.array(issueSchema) })),
  'pipelines.create': method(z.object({ name: pipelineName }), z.object({ version: z.number() })),
  'pipelines.delete': method(z.object({ name: pipelineName }), z.object({})),
  'pipelines.rename': method(z.object({ name: pipelineName, to: pipelineName }), z.object({})),
  'pipelines.importYaml': method(z.object({ yaml: z.string().max(5_000_000), name: pipelineName.optional() }), z.object({ name: z.string().optional(), issues: z.array(issueSchema) })),
  'pipelines.exportYaml': method(z.object({ name: pipelineName }), z.object({ yaml: z.string() })),
  'components.list': method(z.object({}), componentsListResponse),
  'components.save': method(componentsSaveRequest, componentsSaveResponse),
  'components.delete': method(componentsDeleteRequest, z.object({})),
  'runs.start': method(z.object({ pipeline: pipelineName, targetNode: nodeId.optional() }), z.object({ runId })),
  'runs.cancel': method(z.object({ runId }), z.object({})),
  /** One page of runs, filtered and sorted in SQL (by any metric too), newest first by default. */
  'runs.list': method(runsListRequest, runsListResponse),
  'runs.show': method(lifecycle.runsShow, runDetailSchema),
  /** 2–10 runs side by side: param differences, the union of metrics (best marked), curves, drift, explanations. */
  'runs.compare': method(lifecycle.runsCompare, runComparisonSchema),
  /** Deletes runs in one transaction, with the artifacts no other run or model refers to. */
  'runs.delete': method(lifecycle.runsDelete, runsDeletedSchema),
  'runs.annotate': method(lifecycle.runsAnnotate, z.object({})),
  /** Runs a recorded run again exactly: its pipeline version (not the latest save) with its overrides; a new run. */
  'runs.rerun': method(z.object({ runId }), z.object({ runId })),
  'runs.nodeStates': method(z.object({ runId }), z.object({ nodes: z.array(z.object({ node: z.string(), status: nodeStatusSchema, seconds: z.number().nullable(), error: z.string().nullable() })) })),
  'outputs.preview': method(
    z.object({
      runId,
      node: nodeId,
      port: z.string().max(100),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
      stats: z.boolean().default(false),
      /** rows ordered by one column (missing values last, ties in table order) */
      sort: z.object({ column: z.string().min(1).max(300), descending: z.boolean() }).optional(),
      /** only rows where some cell's text contains this, ignoring case */
      search: z.string().max(200).optional(),
    }),
    outputPreviewSchema,
  ),
  /** The columns an output table will have, without running (from params, input schemas, file headers, DuckDB). */
  'pipelines.schemas': method(
    z.object({ document: documentSchema, ref: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/) }),
    z.object({ columns: z.array(z.object({ name: z.string(), type: z.string() })).nullable(), partial: z.boolean(), problem: z.string().nullable() }),
  ),
  'outputs.columns': method(z.object({ pipeline: pipelineName, node: nodeId, port: z.string().max(100) }), z.object({ columns: z.array(z.object({ name: z.string(), type: z.string() })) })),
  /** What-if: predict one edited row with a trained model and explain it (SHAP waterfall data). */
  'whatIf.explain': method(
    z.object({
      runId,
      node: nodeId,
      port: z.string().max(100).default('model'),
      row: z.record(z.string().max(500), z.union([z.number(), z.string().max(10_000), z.boolean(), z.null()])),
      classIndex: z.number().int().min(0).optional(),
    }),
    z.object({
      prediction: z.union([z.string(), z.number()]),
      proba: z.record(z.string(), z.number()).optional(),
      classes: z.array(z.string()).optional(),
      explainedClass: z.string().optional(),
      method: z.string(),
      output: z.enum(['raw', 'probability']),
      base_value: z.number(),
      output_value: z.number(),
      contributions: z.array(z.object({ feature: z.string(), value: z.union([z.number(), z.string(), z.boolean(), z.null()]), shap: z.number() })),
      seconds: z.number(),
    }),
  ),
  /** What-if form: the model's input columns (original ones when it stores a preprocessing chain) and rows of a table in them. */
  'whatIf.rows': method(whatIfRowsRequest, whatIfRowsResponse),
  /** Counterfactuals of one form row: the nearest reference row with another prediction and k generated ones within constraints. */
  'whatIf.counterfactuals': method(whatIfCounterfactualsRequest, whatIfCounterfactualsResponse),
  /** A standalone HTML explanation report of a run (inline CSS and SVG, no scripts). */
  'explain.exportHtml': method(explainReportRequest, z.object({ html: z.string() })),
  /** Alerts, newest first, and how many are not acknowledged yet (the badge). */
  'alerts.list': method(z.object({ limit: z.number().int().min(1).max(1000).default(200) }), z.object({ alerts: z.array(alertSchema), unacknowledged: z.number() })),
  'alerts.acknowledge': method(z.object({ id: z.number().int() }), z.object({})),
  /** Starts the alert's retraining run, once: later calls return the same run. */
  'alerts.retrain': method(z.object({ id: z.number().int() }), z.object({ runId })),
  'models.list': method(z.object({}), z.object({ models: z.array(modelSummarySchema) })),
  'models.show': method(lifecycle.modelsShow, modelDetailSchema),
  /** Registers a run's model output as the next version of `name` (the same file again returns its version). */
  'models.register': method(lifecycle.modelsRegister, z.object({ version: modelVersionSchema, created: z.boolean() })),
  /** Moves (or with `version: null` deletes) an alias; every move is logged with its note. */
  'models.alias': method(lifecycle.modelsAlias, z.object({ move: aliasMoveSchema })),
  /** Moves an alias back to the version it named before its last move. */
  'models.rollback': method(lifecycle.modelsRollback, z.object({ move: aliasMoveSchema })),
  'models.lineage': method(lifecycle.modelsLineage, lineageSchema),
  /** A registered model version as ONNX (SPEC §10): the bytes as base64 and a file name to save them under. */
  'models.exportOnnx': method(
    z.object({ model: z.string().min(1).max(500) }),
    z.object({ fileName: z.string(), base64: z.string(), bytes: z.number().int().min(0) }),
  ),
  /** Trained models of runs scored on one table side by side: metrics, overlaid curves, each row's predictions. */
  'models.compare': method(modelCompareRequest, modelCompareResponse),
  'datasets.list': method(z.object({}), datasetListSchema),
  /** Two dataset versions (`<name>@<n>` or a hash prefix): schema changes, row-count change, per-column drift. */
  'datasets.diff': method(z.object({ a: z.string().min(1).max(300), b: z.string().min(1).max(300) }), datasetDiffSchema),
  /** A standalone HTML drift report (inline CSS and SVG, no scripts). */
  'drift.exportHtml': method(z.object({ runId, node: nodeId }), z.object({ html: z.string() })),
  /** Starts the scoring server (plumb serve) in this process for registered models; replaces a running one. */
  'serving.start': method(servingStartRequest, servingStatusSchema),
  'serving.stop': method(z.object({}), servingStatusSchema),
  /** Live throughput, latency percentiles and the last requests of the running server. */
  'serving.status': method(z.object({}), servingStatusSchema),
  /**
   * A folder's files for the file browser: the project folder (folder '' or relative), or a folder the user added
   * (absolute); anything else is refused. Files are filtered by extension; `path` is what a file param gets.
   */
  'files.list': method(filesListRequest, filesListResponse),
  /** Adds a folder the file browser may show (remembered in the user's settings). */
  'files.addFolder': method(z.object({ path: z.string().min(1).max(4096) }), z.object({ folders: z.array(z.string()) })),
  /** A path picked outside the app (native dialog, dropped file) as a file param value: relative when inside the project. */
  'files.locate': method(z.object({ path: z.string().min(1).max(4096) }), z.object({ path: z.string(), insideProject: z.boolean() })),
  /** Copies a file into the project folder (next to the project file; never replacing one: name-2.csv). */
  'files.copyIntoProject': method(z.object({ path: z.string().min(1).max(4096) }), z.object({ path: z.string(), bytes: z.number().int().min(0) })),
} as const;

export type ApiMethodName = keyof typeof apiMethods;
export type ApiRequest<M extends ApiMethodName> = z.input<(typeof apiMethods)[M]['request']>;
export type ApiResponse<M extends ApiMethodName> = z.infer<(typeof apiMethods)[M]['response']>;

/** What both transports give the renderer. */
export interface AppApi {
  call<M extends ApiMethodName>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  onRunEvent(listener: (event: AppRunEvent) => void): () => void;
}

export const isApiMethod = (name: string): name is ApiMethodName => Object.prototype.hasOwnProperty.call(apiMethods, name);

/** Errors travel as data: the renderer shows `message` and highlights `node`/`param`. */
export const apiErrorSchema = z.object({
  error: z.object({ kind: z.string(), message: z.string(), node: z.string().optional(), param: z.string().optional(), line: z.number().optional(), details: z.array(z.string()).optional() }),
});
