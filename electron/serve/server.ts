// The scoring server (fastify): TF Serving REST and the MLflow scoring protocol over one or two versions of a
// model (A/B split by weight, sticky by key), Prometheus metrics, live stats, and the prediction log.
//
// The request path is kept cheap. The common prediction request — POST of a JSON body of at most 1 MiB with a
// Content-Length to `/v1/models/<name>[/versions/<v>|/labels/<alias>]:predict` or `/invocations` — is answered by
// `fastPath` on the node:http request before fastify's routing, content-type parsing and reply pipeline (they cost
// as much as the prediction); every other request, and any of those while the server closes, goes to fastify.
// Both share one core: bodies in the shapes clients send are checked by hand (request-body.ts; zod only words the
// 400s of the others), rows given as JSON objects go straight into the model's matrix (input-signature.ts),
// synchronous models answer without a promise, answers are written as JSON text directly (responses.ts), metrics
// use label children made once per version and code, and a prediction is logged by storing references that a
// timer turns into rows later (prediction-log-writer.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { PLUMB_VERSION } from '../api/plumb-version.js';
import type { ModelOutput } from '../ml/model-file.js';
import type { FeatureMatrix } from '../ml/types.js';
import type { PredictionLog } from '../store/prediction-log.js';
import { ServeHttpError, badRequest, notFound } from './http-error.js';
import { inputSignature, type InputSignature } from './input-signature.js';
import { liveStats, type LiveStats } from './live-stats.js';
import { serveMetrics, type ServeMetrics, type VersionSeries } from './metrics.js';
import type { ServedVersion } from './model-source.js';
import { WORKER_BATCH_ROWS, closeBatchWorkers } from './predictor.js';
import { predictionLogWriter, type LoggedVersion, type PredictionLogWriter } from './prediction-log-writer.js';
import { csvRequestTable, mlflowRequestTable, objectRows, tfRequestTable, type Cell, type RequestTable } from './request-body.js';
import { mlflowJson, tfColumnarJson, tfRowJson, withWarningsJson } from './responses.js';
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
  series: VersionSeries;
  logged: LoggedVersion;
}

/** One request as the core sees it, whichever path it came by. */
interface Call {
  /** performance.now() when the request's headers arrived. */
  start: number;
  /** Date.now() then: the time the log and the live stats show. */
  at: number;
  method: string;
  url: string;
  /** The X-Plumb-Key header, if any. */
  keyHeader: string | undefined;
  /** The served model's name once the request addressed it ('' before, and for other endpoints). */
  model: string;
  version: Served | null;
  rows: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    plumb: Call | null;
  }
}

type Protocol = 'tf' | 'mlflow';

/** What a request's rows became: the matrix, and what the log and the answer need. */
interface Parsed {
  version: Served;
  X: FeatureMatrix;
  key: string | undefined;
  format: RequestTable['format'];
  warnings: string[];
  rows: Record<string, Cell>[] | null;
  cells: Record<string, Cell[]> | null;
}

const MODEL_PATH = /^([^/:]+)(?:\/versions\/([^/:]+)|\/labels\/([^/:]+))?(?::(predict)|\/(metadata))?$/;
const JSON_TYPE = 'application/json; charset=utf-8';
const NO_WARNINGS: string[] = [];
/** Bodies up to this size (with a Content-Length) take the fast path; larger ones fastify's streaming parser. */
const FAST_BODY_BYTES = 1024 * 1024;
/** fastify's defaults, set here because the server is made by `serverFactory`. */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

const headerKeyOf = (header: string | string[] | undefined): string | undefined => (typeof header === 'string' && header !== '' ? header : undefined);

export async function startScoringServer(options: ScoringServerOptions): Promise<ScoringServer> {
  const { name } = options;
  const metrics = serveMetrics();
  const served: Served[] = options.versions.map((v) => {
    const signature = inputSignature(v.model.file);
    return {
      ...v,
      signature,
      series: metrics.series(name, v.version),
      logged: { model: name, version: v.version, file: v.model.file, inputs: signature.columns.map((c) => c.name) },
    };
  });
  if (served.length === 0) throw new Error('nothing to serve');
  await Promise.all(served.map((s) => s.model.ready));
  const split = trafficSplit(options.weights ?? served.map((_, i) => (i === 0 ? 1 : 0)));
  const stats = liveStats();
  const writer: PredictionLogWriter | undefined = options.predictionLog ? predictionLogWriter(options.predictionLog, options.onLogError) : undefined;
  const unaddressed = metrics.series('', '');
  const addressedNoVersion = metrics.series(name, '');
  let closing = false;

  const newCall = (method: string, url: string, keyHeader: string | undefined): Call => ({
    start: performance.now(),
    at: Date.now(),
    method,
    url,
    keyHeader,
    model: '',
    version: null,
    rows: 0,
  });

  /** Metrics and live stats of an answered request (every endpoint but /metrics). */
  const account = (call: Call, code: number) => {
    const latencyMs = performance.now() - call.start;
    const version = call.version;
    if (version) {
      version.series.answered(code);
      version.series.observe(latencyMs / 1000);
    } else (call.model === '' ? unaddressed : addressedNoVersion).answered(code);
    stats.record({
      atMs: call.at,
      method: call.method,
      path: call.url.length > 200 ? call.url.slice(0, 200) : call.url,
      code,
      version: version ? version.version : null,
      rows: call.rows,
      latencyMs,
    });
  };

  /** An error as the client sees it: its status and `{"error": ...}`. */
  const errorAnswer = (error: unknown): { status: number; message: string } => {
    if (error instanceof ServeHttpError) return { status: error.status, message: error.message };
    const e = error as { statusCode?: number; message?: string; code?: string };
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      const message = e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported Content-Type: send application/json or text/csv' : `bad request body: ${e.message ?? ''}`;
      return { status: e.statusCode, message };
    }
    return { status: 500, message: e.message ?? String(error) };
  };

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

  /** The predict paths that resolved (`name:predict`, `name/versions/v:predict`, …) → the pinned version or null. */
  const predictTargets = new Map<string, Served | null>();
  const predictTarget = (rest: string): Served | null => {
    const known = predictTargets.get(rest);
    if (known !== undefined) return known;
    const match = MODEL_PATH.exec(rest);
    if (!match || !match[4]) throw notFound(`no endpoint POST /v1/models/${rest} (use /v1/models/<name>:predict)`);
    const [, model, v, label] = match;
    checkName(model);
    const pinned = v !== undefined ? versionNamed(v) : label !== undefined ? versionLabelled(label) : null;
    if (predictTargets.size < 64) predictTargets.set(rest, pinned);
    return pinned;
  };

  const jsonObject = (body: unknown, what: string) => {
    if (body === undefined || body === null || typeof body !== 'object') throw badRequest(`${what} needs a JSON object body`);
    return body;
  };

  /** Parses a request body into a version's matrix; throws the 400 that names the column. */
  function parse(call: Call, pinned: Served | null, protocol: Protocol, body: unknown, csv: boolean): Parsed {
    call.model = name;
    const objects = csv ? undefined : objectRows(body, protocol);
    if (objects) {
      const key = objects.key ?? call.keyHeader;
      const version = pinned ?? served[split.choose(key)];
      call.version = version;
      // One row for a synchronous model goes into the signature's reused matrix: it is predicted before any other
      // request is parsed.
      const X = version.signature.encodeObjects(objects.rows, objects.rows.length === 1 && version.model.predictNow !== undefined);
      if (X) return { version, X, key, format: 'row', warnings: NO_WARNINGS, rows: objects.rows, cells: null };
    }
    // Every version reads the same columns in an A/B split only if they were trained alike; parse with the first,
    // then let the chosen version check its own signature.
    const features = (pinned ?? served[0]).signature.columns.map((c) => c.name);
    const table = csv ? csvRequestTable(body as string) : protocol === 'tf' ? tfRequestTable(body, features) : mlflowRequestTable(body, features);
    const key = table.key ?? call.keyHeader;
    const version = pinned ?? served[split.choose(key)];
    call.version = version;
    const { X, warnings, cells } = version.signature.encode(table, csv ? 'csv' : 'json');
    return { version, X, key, format: table.format, warnings, rows: null, cells };
  }

  /** Logs and counts a prediction; its answer as JSON text. */
  function answer(call: Call, protocol: Protocol, parsed: Parsed, out: ModelOutput): string {
    const { version, X } = parsed;
    call.rows = X.nRows;
    version.series.predicted(X.nRows);
    if (writer) writer.log(version.logged, call.at, performance.now() - call.start, parsed.key ?? null, out, X.nRows, parsed.rows, parsed.cells);
    const file = version.model.file;
    const json = protocol === 'mlflow' ? mlflowJson(file, out) : parsed.format === 'row' ? tfRowJson(file, out) : tfColumnarJson(file, out);
    return withWarningsJson(json, parsed.warnings);
  }

  /** Predicts and hands the answer to `send`: synchronously when the model can, else when the prediction settles. */
  function predict(call: Call, pinned: Served | null, protocol: Protocol, body: unknown, csv: boolean, send: (json: string) => void): void | Promise<void> {
    const parsed = parse(call, pinned, protocol, body, csv);
    const now = parsed.version.model.predictNow;
    if (now && parsed.X.nRows <= WORKER_BATCH_ROWS) return send(answer(call, protocol, parsed, now(parsed.X)));
    return parsed.version.model.predict(parsed.X).then((out) => send(answer(call, protocol, parsed, out)));
  }

  // ---- the fast path: node:http request → core → response, for the common prediction requests ----

  /** Exact URLs of the fast path → protocol and pinned version. */
  const fastTargets = new Map<string, { protocol: Protocol; pinned: Served | null }>([
    ['/invocations', { protocol: 'mlflow', pinned: null }],
    [`/v1/models/${name}:predict`, { protocol: 'tf', pinned: null }],
  ]);
  for (const s of served) {
    fastTargets.set(`/v1/models/${name}/versions/${s.version}:predict`, { protocol: 'tf', pinned: s });
    for (const alias of s.aliases) if (!fastTargets.has(`/v1/models/${name}/labels/${alias}:predict`)) fastTargets.set(`/v1/models/${name}/labels/${alias}:predict`, { protocol: 'tf', pinned: s });
  }

  const writeJson = (res: ServerResponse, call: Call, status: number, json: string, close = false) => {
    const headers: Record<string, string | number> = { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(json) };
    if (call.version) headers['x-plumb-model-version'] = call.version.version;
    if (close) headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(json);
    account(call, status);
  };
  const writeError = (res: ServerResponse, call: Call, error: unknown, close = false) => {
    if (res.headersSent) return;
    const { status, message } = errorAnswer(error);
    writeJson(res, call, status, JSON.stringify({ error: message }), close);
  };

  /** JSON.parse refusing the keys fastify's parser refuses (`__proto__`, `constructor.prototype`), escaped or not. */
  const parseBody = (text: string): unknown => {
    if (!text.includes('__proto__') && !text.includes('constructor') && !text.includes('\\u')) return JSON.parse(text);
    return JSON.parse(text, function (key, value: unknown) {
      if (key === '__proto__' || (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype'))) {
        throw new Error('forbidden prototype property');
      }
      return value;
    });
  };

  /** Takes the request when it is a common prediction request; false leaves it to fastify. */
  function fastPath(req: IncomingMessage, res: ServerResponse): boolean {
    if (closing || req.method !== 'POST') return false;
    const target = fastTargets.get(req.url!);
    if (!target) return false;
    const headers = req.headers;
    const type = headers['content-type'];
    if (type !== 'application/json' && type !== JSON_TYPE) return false;
    const length = Number(headers['content-length']);
    if (!(length > 0 && length <= FAST_BODY_BYTES) || headers['transfer-encoding'] !== undefined) return false;
    const call = newCall('POST', req.url!, headerKeyOf(headers['x-plumb-key']));
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (received !== length) return writeError(res, call, badRequest('bad request body: Request body size did not match Content-Length'), true);
      let body: unknown;
      try {
        body = parseBody((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8'));
      } catch {
        return writeError(res, call, badRequest("bad request body: Body is not valid JSON but content-type is set to 'application/json'"), true);
      }
      try {
        const what = target.protocol === 'tf' ? 'a predict request' : 'an MLflow scoring request';
        const pending = predict(call, target.pinned, target.protocol, jsonObject(body, what), false, (json) => writeJson(res, call, 200, json));
        if (pending) pending.catch((e: unknown) => writeError(res, call, e));
      } catch (e) {
        writeError(res, call, e);
      }
    });
    return true;
  }

  // ---- fastify: every other request ----

  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024 * 1024,
    return503OnClosing: true,
    serverFactory: (handler) => {
      const server = createServer((req, res) => {
        if (!fastPath(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
      server.requestTimeout = 0;
      return server;
    },
  });
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.decorateRequest('plumb', null);
  app.addHook('onRequest', (request, _reply, done) => {
    request.plumb = newCall(request.method, request.url, headerKeyOf(request.headers['x-plumb-key']));
    done();
  });
  const callOf = (request: FastifyRequest): Call => (request.plumb ??= newCall(request.method, request.url, undefined));

  app.setErrorHandler((error: unknown, request, reply) => {
    const call = callOf(request);
    const { status, message } = errorAnswer(error);
    if (call.version) reply.header('X-Plumb-Model-Version', call.version.version);
    reply.code(status).send({ error: message });
    if (request.url !== '/metrics') account(call, status);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `no endpoint ${request.method} ${request.url.split('?')[0]}` });
    account(callOf(request), 404);
  });

  /** Sends a prediction's answer through fastify. */
  const sender = (request: FastifyRequest, reply: FastifyReply) => (json: string) => {
    const call = callOf(request);
    reply.header('X-Plumb-Model-Version', call.version!.version).type(JSON_TYPE).send(json);
    account(call, reply.statusCode);
  };

  app.get('/v1/models/*', (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    const match = MODEL_PATH.exec(rest);
    if (!match || match[4]) throw notFound(`no endpoint GET /v1/models/${rest}`);
    const [, model, v, label, , metadata] = match;
    checkName(model);
    const selected = v !== undefined ? [versionNamed(v)] : label !== undefined ? [versionLabelled(label)] : served;
    reply.send(
      metadata
        ? metadataOf(name, selected[0])
        : { model_version_status: selected.map((s) => ({ version: s.version, state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } })) },
    );
    account(callOf(request), reply.statusCode);
  });

  app.post('/v1/models/*', (request, reply) => {
    const pinned = predictTarget((request.params as { '*': string })['*']);
    return predict(callOf(request), pinned, 'tf', jsonObject(request.body, 'a predict request'), false, sender(request, reply));
  });

  app.post('/invocations', (request, reply) => {
    const csv = typeof request.body === 'string';
    const body = csv ? request.body : jsonObject(request.body, 'an MLflow scoring request');
    return predict(callOf(request), null, 'mlflow', body, csv, sender(request, reply));
  });

  const text = (path: string, body: () => string) =>
    app.get(path, (request, reply) => {
      reply.code(200).type('text/plain').send(body());
      account(callOf(request), 200);
    });
  text('/ping', () => '');
  text('/health', () => '');
  text('/version', () => PLUMB_VERSION);
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  // A deep accept queue (the kernel caps it at net.core.somaxconn): a burst of a thousand new connections is
  // queued, not reset, while the event loop is busy.
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8501, backlog: 4096 });
  const port = new URL(address).port ? Number(new URL(address).port) : (options.port ?? 8501);
  const shownHost = options.host && options.host !== '127.0.0.1' && options.host !== 'localhost' ? options.host : '127.0.0.1';

  let closed: Promise<void> | undefined;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    name,
    versions: served,
    split,
    stats,
    metrics,
    close: () =>
      (closed ??= (async () => {
        // From now on fastify answers every request (503 while it drains), the fast path none.
        closing = true;
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
