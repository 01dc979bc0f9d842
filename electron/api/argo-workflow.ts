// `plumb export-argo` (SPEC §10): a pipeline as an Argo Workflow (or CronWorkflow) whose DAG has one task per node,
// each a container running one step (`plumb run <pipeline> --node <id> --inputs /plumb/in --out /plumb/out`).
// The pipeline YAML travels inside the workflow as a raw input artifact (no ConfigMap to create beside it); each
// node's output folder is an output artifact that its consumers mount under /plumb/in/<node id>.
import { basename } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput } from '../../shared/errors.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';
import { planFromDocument, topologicalOrder, type PlannedNode } from '../engine/plan.js';
import { podResourcesFor } from './node-resources.js';
import { shardableTypes, shardFolder, shardSpecOf } from './shards.js';

export const CONTAINER_ROOT = '/plumb';
export const PIPELINE_DIR = `${CONTAINER_ROOT}/pipeline`;
export const INPUTS_DIR = `${CONTAINER_ROOT}/in`;
export const OUTPUTS_DIR = `${CONTAINER_ROOT}/out`;
/** The CronWorkflow CRD's own pattern for a schedule. */
const CRON_SCHEDULE = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every\s+([0-9]+(ns|us|µs|ms|s|m|h))+|([0-9*,/?-]+\s+){4}[0-9*,/?-]+)$/u;
/** The DAG template; no node's task may take its name. */
const ENTRY_TEMPLATE = 'pipeline';
/** Retries for transient failures only: Plumb's own outcomes (1 node failed, 2 invalid input, 3 gate) are final. */
export const RETRY_LIMIT = 2;
export const RETRY_EXPRESSION = 'lastRetry.status == "Error" || asInt(lastRetry.exitCode) > 3';

export interface ArgoExportOptions {
  document: PipelineDocument;
  /** The pipeline file's text, shipped as is; its relative paths then resolve against /plumb/pipeline. */
  pipelineText: string;
  pipelineFile: string;
  image: string;
  /** A cron schedule: emit a CronWorkflow instead of a Workflow. */
  schedule?: string;
  /** node id → number of shards (row-wise nodes only). */
  shards?: Readonly<Record<string, number>>;
  /** `configmap` or `configmap/key` naming the artifact repository; the namespace default otherwise. */
  artifactRepository?: string;
}

type Json = Record<string, unknown>;

/** Argo names (tasks, templates, artifacts) as DNS labels: lowercase alphanumerics and '-'. */
function dnsLabel(text: string): string {
  const label = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50);
  return label || 'node';
}

function uniqueNames(ids: string[]): Map<string, string> {
  const used = new Set<string>([ENTRY_TEMPLATE]);
  const names = new Map<string, string>();
  for (const id of ids) {
    const base = dnsLabel(id);
    let name = base;
    for (let i = 2; used.has(name) || used.has(`${name}-shard`); i++) name = `${base}-${i}`;
    used.add(name);
    names.set(id, name);
  }
  return names;
}

export function parseShardOptions(values: readonly string[], document: PipelineDocument): Record<string, number> {
  const shards: Record<string, number> = {};
  for (const value of values) {
    const match = /^([^=]+)=(\d+)$/.exec(value);
    if (!match || Number(match[2]) < 1) throw invalidInput(`--shards '${value}' is not valid: expected node=N with N >= 1`, { param: '--shards' });
    const node = document.nodes.find((n) => n.id === match[1]);
    if (!node) throw invalidInput(`--shards names no node '${match[1]}' of pipeline '${document.name}'`, { param: '--shards' });
    if (!shardSpecOf(node.type)) {
      throw invalidInput(`node '${node.id}' (${node.type}) cannot be sharded; row-wise types: ${shardableTypes().join(', ')}`, { param: '--shards' });
    }
    shards[node.id] = Number(match[2]);
  }
  return shards;
}

export function argoWorkflow(options: ArgoExportOptions): Json {
  const { document } = options;
  const order = topologicalOrder(planFromDocument(document, nodeCatalog));
  const names = uniqueNames(order.map((n) => n.id));
  const pipelinePath = `${PIPELINE_DIR}/${basename(options.pipelineFile)}`;
  const shards = options.shards ?? {};

  const tasks: Json[] = [];
  const templates: Json[] = [];
  for (const node of order) {
    const name = names.get(node.id) as string;
    const upstream = [...new Set(Object.values(node.inputs).map((ref) => ref.node))];
    const dependencies = upstream.map((id) => names.get(id) as string);
    const inputArtifacts = upstream.map((id) => ({ name: `in-${names.get(id)}`, from: `{{tasks.${names.get(id)}.outputs.artifacts.out}}` }));
    const count = shards[node.id];
    const base = { node, pipelinePath, pipelineText: options.pipelineText, upstream, names };
    if (count === undefined) {
      tasks.push({ name, template: name, ...(dependencies.length ? { dependencies } : {}), ...(inputArtifacts.length ? { arguments: { artifacts: inputArtifacts } } : {}) });
      templates.push(stepTemplate({ ...base, template: name, args: [], outputs: { artifacts: [{ name: 'out', path: `${OUTPUTS_DIR}/${node.id}` }] } }));
      continue;
    }
    // Fan-out: one pod per shard writing a key-only artifact under <workflow>/<node>/shard-i; the reduce task
    // (named like the node, so consumers wire to it unchanged) reads the whole prefix and concatenates in order.
    const shardKey = `{{workflow.name}}/${node.id}`;
    tasks.push({
      name: `${name}-shard`,
      template: `${name}-shard`,
      ...(dependencies.length ? { dependencies } : {}),
      withParam: JSON.stringify(Array.from({ length: count }, (_, i) => String(i))),
      arguments: { parameters: [{ name: 'shard', value: '{{item}}' }], ...(inputArtifacts.length ? { artifacts: inputArtifacts } : {}) },
    });
    templates.push(
      stepTemplate({
        ...base,
        template: `${name}-shard`,
        parameters: [{ name: 'shard' }],
        args: ['--shard', `{{inputs.parameters.shard}}/${count}`],
        outputs: {
          artifacts: [
            {
              name: 'out',
              path: `${OUTPUTS_DIR}/${node.id}/${shardFolder('{{inputs.parameters.shard}}')}`,
              archive: { none: {} },
              s3: { key: `${shardKey}/${shardFolder('{{inputs.parameters.shard}}')}` },
            },
          ],
        },
      }),
    );
    tasks.push({ name, template: name, dependencies: [`${name}-shard`] });
    templates.push(
      stepTemplate({
        ...base,
        upstream: [],
        template: name,
        extraInputs: [{ name: 'shards', path: `${INPUTS_DIR}/${node.id}`, s3: { key: shardKey } }],
        args: ['--reduce', String(count)],
        outputs: { artifacts: [{ name: 'out', path: `${OUTPUTS_DIR}/${node.id}` }] },
      }),
    );
  }

  const spec: Json = {
    entrypoint: ENTRY_TEMPLATE,
    arguments: { parameters: [{ name: 'image', value: options.image, description: 'container image with the plumb CLI' }] },
    ...(options.artifactRepository ? { artifactRepositoryRef: artifactRepositoryRef(options.artifactRepository) } : {}),
    templates: [{ name: ENTRY_TEMPLATE, dag: { tasks } }, ...templates],
  };
  const labels = { 'app.kubernetes.io/name': 'plumb', 'plumb.dev/pipeline': dnsLabel(document.name) };
  const annotations = { 'plumb.dev/pipeline-file': basename(options.pipelineFile), 'plumb.dev/shards': JSON.stringify(shards) };
  if (options.schedule !== undefined) {
    if (!CRON_SCHEDULE.test(options.schedule.trim())) {
      throw invalidInput(`--schedule '${options.schedule}' is not a cron schedule (5 fields like '0 2 * * *', or @daily, @every 6h)`, { param: '--schedule' });
    }
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata: { name: dnsLabel(document.name), labels, annotations },
      spec: { schedules: [options.schedule.trim()], concurrencyPolicy: 'Forbid', workflowMetadata: { labels }, workflowSpec: spec },
    };
  }
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: `${dnsLabel(document.name)}-`, labels, annotations }, spec };
}

function artifactRepositoryRef(text: string): Json {
  const [configMap, key] = text.split('/', 2);
  if (!configMap) throw invalidInput(`--artifact-repository '${text}' is not valid: expected CONFIGMAP or CONFIGMAP/KEY`, { param: '--artifact-repository' });
  return { configMap, ...(key ? { key } : {}) };
}

interface StepTemplateOptions {
  node: PlannedNode;
  template: string;
  pipelinePath: string;
  pipelineText: string;
  upstream: string[];
  names: Map<string, string>;
  args: string[];
  parameters?: Json[];
  extraInputs?: Json[];
  outputs: Json;
}

function stepTemplate(o: StepTemplateOptions): Json {
  const resources = podResourcesFor(o.node.declaration.type);
  return {
    name: o.template,
    metadata: { labels: { 'plumb.dev/node': dnsLabel(o.node.id), 'plumb.dev/node-type': dnsLabel(o.node.declaration.type) } },
    inputs: {
      ...(o.parameters ? { parameters: o.parameters } : {}),
      artifacts: [
        { name: 'pipeline', path: o.pipelinePath, raw: { data: o.pipelineText } },
        ...o.upstream.map((id) => ({ name: `in-${o.names.get(id)}`, path: `${INPUTS_DIR}/${id}` })),
        ...(o.extraInputs ?? []),
      ],
    },
    outputs: o.outputs,
    retryStrategy: { limit: RETRY_LIMIT, retryPolicy: 'Always', expression: RETRY_EXPRESSION, backoff: { duration: '10s', factor: 2 } },
    container: {
      name: 'main',
      image: '{{workflow.parameters.image}}',
      command: ['plumb'],
      args: ['run', o.pipelinePath, '--node', o.node.id, '--inputs', INPUTS_DIR, '--out', OUTPUTS_DIR, ...o.args],
      resources: { requests: { cpu: resources.cpu, memory: resources.memory }, limits: { memory: resources.memory } },
    },
  };
}
