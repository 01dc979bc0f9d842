// A local stand-in for an MLflow tracking server (REST API 2.0, https://mlflow.org/docs/latest/rest-api.html):
// every request's method, path and body are checked against the documented request schema (zod, written from
// the docs, not from Plumb's code) including log-batch's limits; replies and errors look like MLflow's
// (`{"error_code": "RESOURCE_ALREADY_EXISTS", "message": ...}` with 400, RESOURCE_DOES_NOT_EXIST with 404).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

const keyValue = z.object({ key: z.string().min(1).max(250), value: z.string() }).strict();
const metric = z.object({ key: z.string().min(1).max(250), value: z.number(), timestamp: z.number().int(), step: z.number().int().optional() }).strict();

// Request bodies as the REST API reference documents them.
const requests = {
  'POST experiments/create': z.object({ name: z.string().min(1), artifact_location: z.string().optional(), tags: z.array(keyValue).optional() }).strict(),
  'POST runs/create': z.object({ experiment_id: z.string().min(1), user_id: z.string().optional(), run_name: z.string().optional(), start_time: z.number().int().optional(), tags: z.array(keyValue).optional() }).strict(),
  'POST runs/search': z.object({
    experiment_ids: z.array(z.string()).min(1),
    filter: z.string().optional(),
    run_view_type: z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).optional(),
    max_results: z.number().int().min(1).max(50000).optional(),
    order_by: z.array(z.string()).optional(),
    page_token: z.string().optional(),
  }).strict(),
  'POST runs/log-batch': z
    .object({
      run_id: z.string().min(1),
      metrics: z.array(metric).max(1000).optional(),
      params: z.array(z.object({ key: z.string().min(1).max(250), value: z.string().max(6000) }).strict()).max(100).optional(),
      tags: z.array(z.object({ key: z.string().min(1).max(250), value: z.string().max(5000) }).strict()).max(100).optional(),
    })
    .strict()
    .refine((b) => (b.metrics?.length ?? 0) + (b.params?.length ?? 0) + (b.tags?.length ?? 0) <= 1000, 'more than 1000 entities in one log-batch'),
  'POST runs/update': z.object({ run_id: z.string().min(1), status: z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']).optional(), end_time: z.number().int().optional(), run_name: z.string().optional() }).strict(),
  'POST registered-models/create': z.object({ name: z.string().min(1), tags: z.array(keyValue).optional(), description: z.string().optional() }).strict(),
  'POST model-versions/create': z.object({ name: z.string().min(1), source: z.string().min(1), run_id: z.string().optional(), tags: z.array(keyValue).optional(), run_link: z.string().optional(), description: z.string().optional() }).strict(),
  'POST registered-models/alias': z.object({ name: z.string().min(1), alias: z.string().min(1), version: z.string().regex(/^\d+$/) }).strict(),
} as const;
const queries = {
  'GET experiments/get-by-name': z.object({ experiment_name: z.string().min(1) }).strict(),
  'GET model-versions/search': z.object({ filter: z.string().optional(), max_results: z.string().regex(/^\d+$/).optional(), order_by: z.string().optional(), page_token: z.string().optional() }).strict(),
} as const;

export interface StubRun {
  id: string;
  experimentId: string;
  name?: string;
  status: string;
  startTime?: number;
  endTime?: number;
  tags: Map<string, string>;
  params: Map<string, string>;
  metrics: z.infer<typeof metric>[];
  artifactUri: string;
}

export interface MlflowStub {
  url: string;
  calls: { method: string; path: string; body?: unknown }[];
  violations: string[];
  experiments: Map<string, string>;
  runs: Map<string, StubRun>;
  models: Map<string, { versions: { version: string; source: string; runId?: string; tags: Map<string, string> }[]; aliases: Map<string, string> }>;
  artifacts: Map<string, Buffer>;
  authorization: (string | undefined)[];
  close(): Promise<void>;
}

export async function startMlflowStub(options: { proxyArtifacts?: boolean } = {}): Promise<MlflowStub> {
  const proxy = options.proxyArtifacts ?? true;
  const stub: Omit<MlflowStub, 'url' | 'close'> = { calls: [], violations: [], experiments: new Map(), runs: new Map(), models: new Map(), artifacts: new Map(), authorization: [] };
  let nextRun = 1;

  const runJson = (run: StubRun) => ({
    info: { run_id: run.id, run_uuid: run.id, run_name: run.name, experiment_id: run.experimentId, status: run.status, start_time: run.startTime, end_time: run.endTime, artifact_uri: run.artifactUri, lifecycle_stage: 'active' },
    data: { tags: [...run.tags].map(([key, value]) => ({ key, value })), params: [...run.params].map(([key, value]) => ({ key, value })) },
  });

  function handle(method: string, path: string, input: Record<string, unknown>, raw: Buffer): [number, unknown] {
    const error = (status: number, code: string, message: string): [number, unknown] => [status, { error_code: code, message }];
    const run = (id: unknown) => stub.runs.get(String(id));
    switch (`${method} ${path}`) {
      case 'GET experiments/get-by-name': {
        const id = stub.experiments.get(String(input.experiment_name));
        return id === undefined ? error(404, 'RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${String(input.experiment_name)}'`) : [200, { experiment: { experiment_id: id, name: input.experiment_name, lifecycle_stage: 'active' } }];
      }
      case 'POST experiments/create': {
        const name = String(input.name);
        if (stub.experiments.has(name)) return error(400, 'RESOURCE_ALREADY_EXISTS', `Experiment '${name}' already exists.`);
        const id = String(stub.experiments.size + 1);
        stub.experiments.set(name, id);
        return [200, { experiment_id: id }];
      }
      case 'POST runs/create': {
        const experimentId = String(input.experiment_id);
        if (![...stub.experiments.values()].includes(experimentId)) return error(404, 'RESOURCE_DOES_NOT_EXIST', `No experiment ${experimentId}`);
        const id = `run${nextRun++}`;
        const tags = new Map(((input.tags as { key: string; value: string }[] | undefined) ?? []).map((t) => [t.key, t.value]));
        const created: StubRun = { id, experimentId, name: input.run_name as string | undefined, status: 'RUNNING', startTime: input.start_time as number | undefined, tags, params: new Map(), metrics: [], artifactUri: proxy ? `mlflow-artifacts:/${experimentId}/${id}/artifacts` : `file:///mlruns/${experimentId}/${id}/artifacts` };
        stub.runs.set(id, created);
        return [200, { run: runJson(created) }];
      }
      case 'POST runs/search': {
        const filter = /^tags\.`([^`]+)` = '([^']*)'$/.exec(String(input.filter ?? ''));
        if (!filter) return error(400, 'INVALID_PARAMETER_VALUE', `the stub understands only tags.\`key\` = 'value', got ${String(input.filter)}`);
        const ids = input.experiment_ids as string[];
        const found = [...stub.runs.values()].filter((r) => ids.includes(r.experimentId) && r.tags.get(filter[1]) === filter[2]);
        return [200, { runs: found.slice(0, Number(input.max_results ?? 1000)).map(runJson) }];
      }
      case 'POST runs/log-batch': {
        const target = run(input.run_id);
        if (!target) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Run '${String(input.run_id)}' not found`);
        for (const p of (input.params as { key: string; value: string }[] | undefined) ?? []) {
          const old = target.params.get(p.key);
          if (old !== undefined && old !== p.value) return error(400, 'INVALID_PARAMETER_VALUE', `Changing param values is not allowed. Param with key='${p.key}' was already logged with value='${old}'`);
        }
        for (const p of (input.params as { key: string; value: string }[] | undefined) ?? []) target.params.set(p.key, p.value);
        for (const t of (input.tags as { key: string; value: string }[] | undefined) ?? []) target.tags.set(t.key, t.value);
        for (const m of (input.metrics as z.infer<typeof metric>[] | undefined) ?? []) {
          // MLflow's SQL store skips a metric identical to one it has (same key, value, timestamp and step).
          if (!target.metrics.some((o) => o.key === m.key && o.value === m.value && o.timestamp === m.timestamp && (o.step ?? 0) === (m.step ?? 0))) target.metrics.push(m);
        }
        return [200, {}];
      }
      case 'POST runs/update': {
        const target = run(input.run_id);
        if (!target) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Run '${String(input.run_id)}' not found`);
        if (input.status) target.status = String(input.status);
        if (input.end_time !== undefined) target.endTime = Number(input.end_time);
        return [200, { run_info: runJson(target).info }];
      }
      case 'POST registered-models/create': {
        const name = String(input.name);
        if (stub.models.has(name)) return error(400, 'RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists.`);
        stub.models.set(name, { versions: [], aliases: new Map() });
        return [200, { registered_model: { name } }];
      }
      case 'GET model-versions/search': {
        const name = /^name='(.*)'$/.exec(String(input.filter ?? ''))?.[1];
        if (name === undefined) return error(400, 'INVALID_PARAMETER_VALUE', `bad filter ${String(input.filter)}`);
        const versions = stub.models.get(name)?.versions ?? [];
        return [200, { model_versions: versions.map((v) => ({ name, version: v.version, source: v.source, run_id: v.runId, tags: [...v.tags].map(([key, value]) => ({ key, value })) })) }];
      }
      case 'POST model-versions/create': {
        const model = stub.models.get(String(input.name));
        if (!model) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${String(input.name)} not found`);
        if (input.run_id !== undefined && !run(input.run_id)) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Run '${String(input.run_id)}' not found`);
        const version = String(model.versions.length + 1);
        model.versions.push({ version, source: String(input.source), runId: input.run_id as string | undefined, tags: new Map(((input.tags as { key: string; value: string }[] | undefined) ?? []).map((t) => [t.key, t.value])) });
        return [200, { model_version: { name: input.name, version, source: input.source, run_id: input.run_id, status: 'READY' } }];
      }
      case 'POST registered-models/alias': {
        const model = stub.models.get(String(input.name));
        if (!model) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${String(input.name)} not found`);
        if (!model.versions.some((v) => v.version === input.version)) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Model version ${String(input.version)} not found`);
        model.aliases.set(String(input.alias), String(input.version));
        return [200, {}];
      }
      default:
        if (method === 'PUT' && path.startsWith('artifacts/')) {
          if (!proxy) return error(404, 'ENDPOINT_NOT_FOUND', 'artifact proxy is disabled');
          stub.artifacts.set(decodeURIComponent(path.slice('artifacts/'.length)), raw);
          return [200, {}];
        }
        stub.violations.push(`undocumented endpoint ${method} ${path}`);
        return error(404, 'ENDPOINT_NOT_FOUND', `${method} ${path}`);
    }
  }

  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://stub');
      const method = req.method ?? 'GET';
      stub.authorization.push(req.headers.authorization);
      let path: string;
      if (url.pathname.startsWith('/api/2.0/mlflow/')) path = url.pathname.slice('/api/2.0/mlflow/'.length);
      else if (url.pathname.startsWith('/api/2.0/mlflow-artifacts/')) path = url.pathname.slice('/api/2.0/mlflow-artifacts/'.length);
      else path = url.pathname;
      let input: Record<string, unknown> = {};
      const route = `${method} ${path}` as keyof typeof requests | keyof typeof queries;
      if (route in requests) {
        if (!String(req.headers['content-type']).startsWith('application/json')) stub.violations.push(`${route}: content-type ${String(req.headers['content-type'])}`);
        try {
          input = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        } catch {
          stub.violations.push(`${route}: body is not JSON`);
        }
        const checked = requests[route as keyof typeof requests].safeParse(input);
        if (!checked.success) {
          stub.violations.push(`${route}: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'bad request' }));
          return;
        }
      } else if (route in queries) {
        input = Object.fromEntries(url.searchParams);
        const checked = queries[route as keyof typeof queries].safeParse(input);
        if (!checked.success) stub.violations.push(`${route}: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      stub.calls.push({ method, path, body: route in requests ? input : route in queries ? input : undefined });
      const [status, body] = handle(method, path, input, raw);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { ...stub, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
