// `plumb push-mlflow` (SPEC §10): a project's runs and registered models sent to an MLflow tracking server through
// its REST API 2.0 (https://mlflow.org/docs/latest/rest-api.html). One experiment per pipeline; a run already
// pushed is found by its `plumb.run_id` tag and completed, never duplicated; model versions are found by their
// `plumb.model_version` tag; aliases are set as Plumb has them. Artifacts go through the server's artifact proxy
// (`mlflow-artifacts:` URIs) and are skipped, with a note, when the server does not proxy them.
import { z } from 'zod';
import { invalidInput } from '../../shared/errors.js';
import type { ProjectFile } from '../store/project-file.js';
import { alreadyExists, createMlflowClient, doesNotExist, type MlflowAuth, type MlflowClient } from './mlflow/client.js';
import { splitLogBatch, type MlflowTag } from './mlflow/log-batch.js';
import { RUN_ID_TAG, runPayload, type RunPayload } from './mlflow/run-payload.js';
import { resolveRunId, showRun } from './run-history.js';

export interface PushRequest {
  trackingUri: string;
  /** run ids or unique prefixes; default every finished run */
  runs?: readonly string[];
  auth?: MlflowAuth;
  /** one line per step, for the CLI's stderr */
  onProgress?: (line: string) => void;
}

export interface PushSummary {
  runs: { runId: string; mlflowRunId: string; experimentId: string; created: boolean; artifacts: number }[];
  models: { name: string; version: number; mlflowVersion: string; created: boolean }[];
  aliases: { name: string; alias: string; version: number; mlflowVersion: string }[];
  /** why artifacts were not uploaded, when they were not */
  artifactsSkipped?: string;
}

/** Set last on a pushed run: a run without it was interrupted mid-push and is completed by the next push. */
const PUSHED_TAG = 'plumb.pushed';
const MODEL_VERSION_TAG = 'plumb.model_version';

const tag = z.object({ key: z.string(), value: z.string().optional() });
const runReply = z.object({
  info: z.object({ run_id: z.string().optional(), run_uuid: z.string().optional(), experiment_id: z.string().optional(), artifact_uri: z.string().optional() }),
  data: z.object({ tags: z.array(tag).optional() }).optional(),
});
const modelVersionReply = z.object({ name: z.string(), version: z.string(), run_id: z.string().optional(), tags: z.array(tag).optional() });

interface PushedRun {
  mlflowRunId: string;
  experimentId: string;
  artifactUri: string | undefined;
}

export async function pushToMlflow(project: ProjectFile, request: PushRequest): Promise<PushSummary> {
  const client = createMlflowClient(request.trackingUri, request.auth);
  const say = request.onProgress ?? (() => undefined);
  const runIds = request.runs?.length
    ? request.runs.map((id) => resolveRunId(project, id))
    : project.runs.list({ limit: 1_000_000 }).filter((r) => r.status !== 'running').map((r) => r.id).reverse();
  const summary: PushSummary = { runs: [], models: [], aliases: [] };
  const experiments = new Map<string, string>();
  const pushed = new Map<string, PushedRun>();

  for (const runId of runIds) {
    const run = project.runs.get(runId)!;
    if (run.status === 'running') throw invalidInput(`run '${runId}' is still running; push it when it has finished`);
    const payload = runPayload(project, run, showRun(project, runId).tags);
    let experimentId = experiments.get(run.pipeline);
    if (experimentId === undefined) {
      experimentId = await experimentFor(client, run.pipeline);
      experiments.set(run.pipeline, experimentId);
    }
    const result = await pushRun(client, experimentId, payload, project, summary);
    pushed.set(runId, result.run);
    summary.runs.push({ runId, mlflowRunId: result.run.mlflowRunId, experimentId, created: result.created, artifacts: result.artifacts });
    say(`${result.created ? 'pushed' : result.completed ? 'completed' : 'already pushed'} run ${runId.slice(0, 8)} → MLflow run ${result.run.mlflowRunId}`);
  }

  await pushModels(client, project, pushed, summary, say);
  return summary;
}

/** https://mlflow.org/docs/latest/rest-api.html#get-experiment-by-name and #create-experiment */
async function experimentFor(client: MlflowClient, name: string): Promise<string> {
  const byName = () =>
    client.call('GET', 'experiments/get-by-name', { experiment_name: name }, z.object({ experiment: z.object({ experiment_id: z.string() }) })).then((r) => r.experiment.experiment_id);
  try {
    return await byName();
  } catch (e) {
    if (!doesNotExist(e)) throw e;
  }
  try {
    const created = await client.call('POST', 'experiments/create', { name, tags: [{ key: 'plumb.pipeline', value: name }] }, z.object({ experiment_id: z.string() }));
    return created.experiment_id;
  } catch (e) {
    if (alreadyExists(e)) return byName();
    throw e;
  }
}

/** https://mlflow.org/docs/latest/rest-api.html#search-runs */
async function findRun(client: MlflowClient, experimentId: string, runId: string): Promise<z.infer<typeof runReply> | undefined> {
  const reply = await client.call(
    'POST',
    'runs/search',
    { experiment_ids: [experimentId], filter: `tags.\`${RUN_ID_TAG}\` = '${runId.replace(/'/g, '')}'`, run_view_type: 'ALL', max_results: 1 },
    z.object({ runs: z.array(runReply).optional(), next_page_token: z.string().optional() }),
  );
  return reply.runs?.[0];
}

async function pushRun(
  client: MlflowClient,
  experimentId: string,
  payload: RunPayload,
  project: ProjectFile,
  summary: PushSummary,
): Promise<{ run: PushedRun; created: boolean; completed: boolean; artifacts: number }> {
  const found = await findRun(client, experimentId, payload.runId);
  let info: z.infer<typeof runReply>['info'];
  if (found) {
    info = found.info;
    const done = found.data?.tags?.some((t) => t.key === PUSHED_TAG && t.value === 'true');
    const run = { mlflowRunId: info.run_id ?? info.run_uuid ?? '', experimentId, artifactUri: info.artifact_uri };
    if (done) return { run, created: false, completed: false, artifacts: 0 };
  } else {
    // https://mlflow.org/docs/latest/rest-api.html#create-run — the plumb.run_id tag is set at once, so an
    // interrupted push is found again.
    const created = await client.call(
      'POST',
      'runs/create',
      { experiment_id: experimentId, run_name: payload.runName, start_time: payload.startTime, tags: [{ key: RUN_ID_TAG, value: payload.runId }] },
      z.object({ run: runReply }),
    );
    info = created.run.info;
  }
  const mlflowRunId = info.run_id ?? info.run_uuid;
  if (!mlflowRunId) throw invalidInput(`MLflow runs/create: the reply names no run id`);
  const run: PushedRun = { mlflowRunId, experimentId, artifactUri: info.artifact_uri };

  // https://mlflow.org/docs/latest/rest-api.html#log-batch — within its limits (log-batch.ts). Metric timestamps
  // are fixed by the run, so logging again after an interruption adds nothing new (MLflow skips exact duplicates).
  for (const batch of splitLogBatch(payload.log)) await client.call('POST', 'runs/log-batch', { run_id: mlflowRunId, ...batch }, z.object({}).passthrough());

  let artifacts = 0;
  const proxy = artifactPath(run.artifactUri);
  if (proxy === undefined) {
    summary.artifactsSkipped ??= `the server stores artifacts at '${run.artifactUri ?? '(none)'}', not through its mlflow-artifacts proxy (start it with --serve-artifacts)`;
  } else {
    const files = [...payload.artifacts, ...registeredArtifacts(project, payload.runId)];
    // https://mlflow.org/docs/latest/rest-api.html — artifacts: PUT /api/2.0/mlflow-artifacts/artifacts/<path>
    // (mlflow/server/handlers.py `_upload_artifact`), the route MLflow's own client uses for mlflow-artifacts: URIs.
    for (const file of files) await client.upload(`${proxy}/${file.path}`, file.bytes);
    artifacts = files.length;
  }

  // https://mlflow.org/docs/latest/rest-api.html#update-run
  await client.call('POST', 'runs/update', { run_id: mlflowRunId, status: payload.status, ...(payload.endTime !== null ? { end_time: payload.endTime } : {}) }, z.object({}).passthrough());
  const doneTag: MlflowTag[] = [{ key: PUSHED_TAG, value: 'true' }];
  await client.call('POST', 'runs/log-batch', { run_id: mlflowRunId, metrics: [], params: [], tags: doneTag }, z.object({}).passthrough());
  return { run, created: !found, completed: Boolean(found), artifacts };
}

/** The registered versions' own model files (a version may differ from the run output, e.g. by a decision threshold). */
function registeredArtifacts(project: ProjectFile, runId: string): { path: string; bytes: Uint8Array }[] {
  return project.models.fromRun(runId).map((v) => ({ path: registeredPath(v.name, v.version) + '/model.json', bytes: project.models.artifact(`${v.name}@${v.version}`) }));
}

const registeredPath = (name: string, version: number) => `registered/${name.replace(/[^A-Za-z0-9_.-]/g, '_')}/v${version}`;

/** The path below the proxy of an `mlflow-artifacts:` URI (`mlflow-artifacts:/1/abc/artifacts`, or with a host). */
export function artifactPath(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/.exec(uri);
  return match ? match[1].replace(/\/+$/, '') : undefined;
}

async function pushModels(client: MlflowClient, project: ProjectFile, pushed: Map<string, PushedRun>, summary: PushSummary, say: (line: string) => void): Promise<void> {
  for (const model of project.models.list()) {
    const versions = project.models.versions(model.name).filter((v) => v.runId !== null && pushed.has(v.runId));
    if (versions.length === 0) continue;
    // https://mlflow.org/docs/latest/rest-api.html#create-registeredmodel
    try {
      await client.call('POST', 'registered-models/create', { name: model.name, tags: [{ key: 'plumb.registry', value: 'true' }] }, z.object({}).passthrough());
    } catch (e) {
      if (!alreadyExists(e)) throw e;
    }
    const known = await existingVersions(client, model.name);
    const mlflowVersions = new Map<number, string>();
    for (const v of versions) {
      const run = pushed.get(v.runId!)!;
      let mlflowVersion = known.get(v.version);
      if (mlflowVersion === undefined) {
        const source = run.artifactUri ? `${run.artifactUri.replace(/\/+$/, '')}/${registeredPath(v.name, v.version)}` : `runs:/${run.mlflowRunId}/${registeredPath(v.name, v.version)}`;
        // https://mlflow.org/docs/latest/rest-api.html#create-modelversion
        const created = await client.call(
          'POST',
          'model-versions/create',
          { name: model.name, source, run_id: run.mlflowRunId, tags: [{ key: MODEL_VERSION_TAG, value: String(v.version) }, { key: 'plumb.hash', value: v.hash }], description: `Plumb ${model.name}@${v.version}` },
          z.object({ model_version: modelVersionReply }),
        );
        mlflowVersion = created.model_version.version;
        summary.models.push({ name: model.name, version: v.version, mlflowVersion, created: true });
        say(`registered ${model.name}@${v.version} → MLflow version ${mlflowVersion}`);
      } else {
        summary.models.push({ name: model.name, version: v.version, mlflowVersion, created: false });
      }
      mlflowVersions.set(v.version, mlflowVersion);
    }
    for (const [alias, version] of Object.entries(model.aliases)) {
      const mlflowVersion = mlflowVersions.get(version) ?? known.get(version);
      if (mlflowVersion === undefined) continue;
      // https://mlflow.org/docs/latest/rest-api.html#set-registered-model-alias
      await client.call('POST', 'registered-models/alias', { name: model.name, alias, version: mlflowVersion }, z.object({}).passthrough());
      summary.aliases.push({ name: model.name, alias, version, mlflowVersion });
    }
  }
}

/** Plumb version → MLflow version of what was pushed before (https://mlflow.org/docs/latest/rest-api.html#search-modelversions). */
async function existingVersions(client: MlflowClient, name: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let pageToken: string | undefined;
  do {
    const reply = await client.call(
      'GET',
      'model-versions/search',
      { filter: `name='${name.replace(/'/g, "\\'")}'`, max_results: 1000, page_token: pageToken },
      z.object({ model_versions: z.array(modelVersionReply).optional(), next_page_token: z.string().optional() }),
    );
    for (const v of reply.model_versions ?? []) {
      const plumbVersion = Number(v.tags?.find((t) => t.key === MODEL_VERSION_TAG)?.value);
      if (Number.isInteger(plumbVersion)) out.set(plumbVersion, v.version);
    }
    pageToken = reply.next_page_token || undefined;
  } while (pageToken);
  return out;
}
