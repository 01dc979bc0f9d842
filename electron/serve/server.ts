// The scoring server (fastify): TF Serving REST and the MLflow scoring protocol over one or two versions of a
// model (A/B split by weight, sticky by key), Prometheus metrics, live stats, and the prediction log.
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { PLUMB_VERSION } from '../api/plumb-version.js';
import type { PredictionLog } from '../store/prediction-log.js';
import { ServeHttpError, badRequest, notFound } from './http-error.js';
import { inputSignature, type InputSignature } from './input-signature.js';
import { liveStats, type LiveStats } from './live-stats.js';
import { serveMetrics, type ServeMetrics } from './metrics.js';
import { closeBatchWorkers } from './predictor.js';
import { predictionLogWriter, type PredictionLogWriter } from './prediction-log-writer.js';
import { csvRequestTable, mlflowRequestTable, tfRequestTable, type Cell, type RequestTable } from './request-body.js';
import { mlflowResponse, rowAnswer, tfColumnarResponse, tfRowResponse } from './responses.js';
import type { ServedVersion } from './model-source.js';
import { trafficSplit, type TrafficSplit } from './traffic-split.js';

export interface ScoringServerOptions {
  name: string;
  versions: readonly ServedVersion[];
  /** Relative weights per version; default: everything to the first. */
  weights?: readonly number[];
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Where predictions are logged; none: not logged. */
  predictionLog?: PredictionLog;
  onLogError?: (e: unknown) => void;
}

export interface ScoringServer {
  readonly url: string;
  readonly port: number;
  readonly name: string;
  readonly versions: readonly ServedVersion[];
  readonly split: TrafficSplit;
  readonly stats: LiveStats;
  readonly metrics: ServeMetrics;
  /** Stops accepting requests, answers those in flight, flushes the prediction log. */
  close(): Promise<void>;
}

interface Served extends ServedVersion {
  signature: InputSignature;
}

/** What a request resolved to, for the response hook (metrics, stats). */
interface RequestNote {
  startedMs: number;
  servedAt: string;
  model: string;
  version: string | null;
  rows: number;
}

const MODEL_PATH = /^([^/:]+)(?:\/versions\/([^/:]+)|\/labels\/([^/:]+))?(?::(predict)|\/(metadata))?$/;

export async function startScoringServer(options: ScoringServerOptions): Promise<ScoringServer> {
  const { name } = options;
  const served: Served[] = options.versions.map((v) => ({ ...v, signature: inputSignature(v.model.file) }));
  if (served.length === 0) throw new Error('nothing to serve');
  const split = trafficSplit(options.weights ?? served.map((_, i) => (i === 0 ? 1 : 0)));
  const metrics = serveMetrics();
  const stats = liveStats();
  const writer: PredictionLogWriter | undefined = options.predictionLog ? predictionLogWriter(options.predictionLog, options.onLogError) : undefined;
  const notes = new WeakMap<FastifyRequest, RequestNote>();

  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024, return503OnClosing: true });
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (request) => {
    notes.set(request, { startedMs: performance.now(), servedAt: new Date().toISOString(), model: '', version: null, rows: 0 });
  });
  app.addHook('onResponse', async (request, reply) => {
    const note = notes.get(request);
    if (!note || request.url === '/metrics') return;
    const seconds = (performance.now() - note.startedMs) / 1000;
    const labels = { model: note.model, version: note.version ?? '' };
    metrics.requests.inc({ ...labels, code: String(reply.statusCode) });
    if (note.version !== null) metrics.duration.observe(labels, seconds);
    stats.record({ atMs: Date.now(), method: request.method, path: request.url.slice(0, 200), code: reply.statusCode, version: note.version, rows: note.rows, latencyMs: seconds * 1000 });
  });
  app.setErrorHandler((error: unknown, _request, reply) => {
    if (error instanceof ServeHttpError) return reply.code(error.status).send({ error: error.message });
    const e = error as { statusCode?: number; message?: string; code?: string };
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      const message = e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported Content-Type: send application/json or text/csv' : `bad request body: ${e.message ?? ''}`;
      return reply.code(e.statusCode).send({ error: message });
    }
    return reply.code(500).send({ error: e.message ?? String(error) });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no endpoint ${request.method} ${request.url.split('?')[0]}` }));

  const versionNamed = (v: string): Served => {
    const found = served.find((s) => s.version === v);
    if (!found) throw notFound(`model '${name}' has no served version '${v}' (served: ${served.map((s) => s.version).join(', ')})`);
    return found;
  };
  const versionLabelled = (label: string): Served => {
    const found = served.find((s) => s.aliases.includes(label));
    if (!found) throw notFound(`model '${name}' has no version labelled '${label}'`);
    return found;
  };
  const checkName = (requested: string) => {
    if (requested !== name) throw notFound(`no model '${requested}' (this server serves '${name}')`);
  };
  const requestKey = (request: FastifyRequest, table: RequestTable): string | undefined => {
    const header = request.headers['x-plumb-key'];
    return table.key ?? (typeof header === 'string' && header !== '' ? header : undefined);
  };

  /** Parses, predicts, logs; the protocol formats the answer. */
  async function predict(
    request: FastifyRequest,
    reply: FastifyReply,
    pinned: Served | undefined,
    parse: (features: readonly string[]) => { table: RequestTable; source: 'json' | 'csv' },
  ) {
    const note = notes.get(request)!;
    note.model = name;
    // Every version reads the same columns in an A/B split only if they were trained alike; parse with the first,
    // then let the chosen version check its own signature.
    const { table, source } = parse((pinned ?? served[0]).signature.columns.map((c) => c.name));
    const key = requestKey(request, table);
    const version = pinned ?? served[split.choose(key)];
    note.version = version.version;
    reply.header('X-Plumb-Model-Version', version.version);
    const { X, warnings, cells } = version.signature.encode(table, source);
    const out = await version.model.predict(X);
    note.rows = X.nRows;
    metrics.predictions.inc({ model: name, version: version.version }, X.nRows);
    const latencyMs = performance.now() - note.startedMs;
    if (writer) {
      const file = version.model.file;
      const names = version.signature.columns.map((c) => c.name);
      writer.add(() => {
        const rows = [];
        for (let i = 0; i < X.nRows; i++) {
          const inputs: Record<string, Cell> = {};
          for (const f of names) inputs[f] = cells[f][i] ?? null;
          rows.push({ servedAt: note.servedAt, model: name, modelVersion: version.version, latencyMs, key: key ?? null, inputs, ...rowAnswer(file, out, i) });
        }
        return rows;
      });
    }
    return { version, out, table, warnings };
  }

  const withWarnings = <T extends object>(body: T, warnings: string[]) => (warnings.length ? { ...body, warnings } : body);

  const parseJson = (body: unknown, what: string) => {
    if (body === undefined || body === null || typeof body !== 'object') throw badRequest(`${what} needs a JSON object body`);
    return body;
  };

  app.get('/v1/models/*', async (request) => {
    const rest = (request.params as { '*': string })['*'];
    const match = MODEL_PATH.exec(rest);
    if (!match || match[4]) throw notFound(`no endpoint GET /v1/models/${rest}`);
    const [, model, v, label, , metadata] = match;
    checkName(model);
    const selected = v !== undefined ? [versionNamed(v)] : label !== undefined ? [versionLabelled(label)] : served;
    if (metadata) return metadataOf(name, selected[0]);
    return {
      model_version_status: selected.map((s) => ({ version: s.version, state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } })),
    };
  });

  app.post('/v1/models/*', async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    const match = MODEL_PATH.exec(rest);
    if (!match || !match[4]) throw notFound(`no endpoint POST /v1/models/${rest} (use /v1/models/<name>:predict)`);
    const [, model, v, label] = match;
    checkName(model);
    const pinned = v !== undefined ? versionNamed(v) : label !== undefined ? versionLabelled(label) : undefined;
    const body = parseJson(request.body, 'a predict request');
    const { version, out, table, warnings } = await predict(request, reply, pinned, (features) => ({ table: tfRequestTable(body, features), source: 'json' }));
    const file = version.model.file;
    return withWarnings(table.format === 'row' ? tfRowResponse(file, out) : tfColumnarResponse(file, out), warnings);
  });

  app.post('/invocations', async (request, reply) => {
    const csv = typeof request.body === 'string';
    const body = csv ? request.body : parseJson(request.body, 'an MLflow scoring request');
    const { version, out, warnings } = await predict(request, reply, undefined, (features) =>
      csv ? { table: csvRequestTable(body as string), source: 'csv' } : { table: mlflowRequestTable(body, features), source: 'json' },
    );
    return withWarnings(mlflowResponse(version.model.file, out), warnings);
  });

  app.get('/ping', async (_request, reply) => reply.code(200).type('text/plain').send(''));
  app.get('/health', async (_request, reply) => reply.code(200).type('text/plain').send(''));
  app.get('/version', async (_request, reply) => reply.type('text/plain').send(PLUMB_VERSION));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8501 });
  const port = new URL(address).port ? Number(new URL(address).port) : (options.port ?? 8501);
  const shownHost = options.host && options.host !== '127.0.0.1' && options.host !== 'localhost' ? options.host : '127.0.0.1';

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    name,
    versions: served,
    split,
    stats,
    metrics,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        writer?.close();
        await closeBatchWorkers();
      })()),
  };
}

/** TF Serving's metadata shape, with the signature's columns (dtype, training categories) and Plumb's facts. */
function metadataOf(name: string, version: Served) {
  const file = version.model.file;
  const inputs = Object.fromEntries(
    version.signature.columns.map((c) => [c.name, c.type === 'numeric' ? { dtype: 'DT_DOUBLE', name: c.name } : { dtype: 'DT_STRING', name: c.name, categories: c.levels }]),
  );
  const outputs =
    file.task === 'regression'
      ? { prediction: { dtype: 'DT_DOUBLE', name: 'prediction' } }
      : { label: { dtype: 'DT_STRING', name: 'label' }, probabilities: { dtype: 'DT_DOUBLE', name: 'probabilities', classes: file.classes } };
  return {
    model_spec: { name, signature_name: '', version: version.version },
    metadata: {
      signature_def: {
        signature_def: { serving_default: { inputs, outputs, method_name: 'tensorflow/serving/predict' } },
      },
      plumb: { type: file.type, task: file.task, target: file.target, classes: file.classes, features: file.features, inputs: version.signature.columns.map((c) => c.name), aliases: version.aliases },
    },
  };
}
