// `plumb export-argo`: Workflows and CronWorkflows valid against the Argo CRD schema, one task per node wired like
// the pipeline, and the exported workflow executed locally (pods as subprocesses) equals the single-process run.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CronWorkflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/CronWorkflow';
import { Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { parsePipelineYaml } from '../../shared/pipeline/parse.js';
import { podResourcesFor } from '../../electron/api/node-resources.js';
import { runWorkflowLocally } from './argo-local-executor.js';
import { plumb, repoRoot } from './cli-helpers.js';
import { expectSameOutputs } from './step-outputs.js';

const pipelinesDir = join(repoRoot, 'assets', 'pipelines');
const pipelines = readdirSync(pipelinesDir).filter((f) => f.endsWith('.yaml')).sort();

interface DagTask {
  name: string;
  template: string;
  dependencies?: string[];
  withParam?: string;
}
interface StepTemplate {
  name: string;
  container?: { image: string; args: string[]; resources: { requests: { cpu: string; memory: string } } };
  retryStrategy?: { limit: number; expression: string };
}

async function exportArgo(args: string[]): Promise<{ kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'plumb-argo-'));
  const out = join(dir, 'workflow.yaml');
  const r = await plumb(['export-argo', ...args, '-o', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return parse(readFileSync(out, 'utf8')) as { kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> };
}

describe('plumb export-argo', () => {
  it('the schema check is real: a malformed workflow fails it', () => {
    const broken = new Workflow({
      metadata: { generateName: 'x-' },
      spec: { entrypoint: 'pipeline', templates: [{ name: 'pipeline', dag: { tasks: [{ name: 'a', template: 'a', dependencies: 'b' as unknown as string[] }] } }] },
    });
    expect(() => broken.validate()).toThrow(/dependencies must be array/);
  });

  for (const file of pipelines) {
    it(`${file}: a valid Workflow with one task per node wired by the edges`, async () => {
      const path = join(pipelinesDir, file);
      const document = parsePipelineYaml(readFileSync(path, 'utf8'), { file: path, catalog: nodeCatalog });
      const workflow = await exportArgo([path, '--image', 'registry.example.com/plumb:1']);
      expect(workflow.kind).toBe('Workflow');
      expect(() => new Workflow(workflow as unknown as ConstructorParameters<typeof Workflow>[0]).validate()).not.toThrow();

      const templates = workflow.spec.templates as (StepTemplate & { dag?: { tasks: DagTask[] } })[];
      const tasks = templates.find((t) => t.name === workflow.spec.entrypoint)!.dag!.tasks;
      expect(tasks.map((t) => t.name).sort()).toEqual(document.nodes.map((n) => n.id.replace(/_/g, '-')).sort());
      for (const node of document.nodes) {
        const task = tasks.find((t) => t.name === node.id.replace(/_/g, '-'))!;
        const upstream = [...new Set(Object.values(node.inputs ?? {}).map((ref) => String(ref).split('.')[0].replace(/_/g, '-')))].sort();
        expect((task.dependencies ?? []).slice().sort(), node.id).toEqual(upstream);
        const template = templates.find((t) => t.name === task.template)!;
        expect(template.container!.image).toBe('{{workflow.parameters.image}}');
        expect(template.container!.args).toEqual(['run', `/plumb/pipeline/${file}`, '--node', node.id, '--inputs', '/plumb/in', '--out', '/plumb/out']);
        expect(template.container!.resources.requests).toEqual(podResourcesFor(node.type));
        expect(template.retryStrategy!.limit).toBeGreaterThan(0);
      }
      expect(workflow.spec.arguments).toEqual({ parameters: [expect.objectContaining({ name: 'image', value: 'registry.example.com/plumb:1' })] });
    });
  }

  it('--schedule makes a valid CronWorkflow; --shards fans out with withParam and a reduce task', async () => {
    const path = join(pipelinesDir, 'churn.yaml');
    const cron = await exportArgo([path, '--schedule', '0 2 * * *', '--shards', 'scored=4', '--artifact-repository', 'artifact-repositories/minio']);
    expect(cron.kind).toBe('CronWorkflow');
    expect(() => new CronWorkflow(cron as unknown as ConstructorParameters<typeof CronWorkflow>[0]).validate()).not.toThrow();
    expect(cron.spec.schedules).toEqual(['0 2 * * *']);
    const spec = cron.spec.workflowSpec as { artifactRepositoryRef: unknown; templates: { name: string; dag?: { tasks: DagTask[] } }[] };
    expect(spec.artifactRepositoryRef).toEqual({ configMap: 'artifact-repositories', key: 'minio' });
    const tasks = spec.templates[0].dag!.tasks;
    expect(tasks.find((t) => t.name === 'scored-shard')).toMatchObject({ withParam: '["0","1","2","3"]', dependencies: ['logistic', 'split'] });
    expect(tasks.find((t) => t.name === 'scored')).toMatchObject({ dependencies: ['scored-shard'] });

    const invalid = await plumb(['export-argo', path, '--schedule', 'every night']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^error: .*--schedule 'every night' is not a cron schedule/m);
    const notRowWise = await plumb(['export-argo', path, '--shards', 'split=2']);
    expect(notRowWise.code).toBe(2);
    expect(notRowWise.stderr).toMatch(/node 'split' \(data.split\) cannot be sharded/);
  });

  it('executed locally (each pod a subprocess, artifacts as folders) it equals the single-process run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plumb-argo-run-'));
    const path = join(pipelinesDir, 'churn.yaml');
    const workflowPath = join(root, 'workflow.yaml');
    expect((await plumb(['export-argo', path, '--shards', 'scored=3', '-o', workflowPath])).code).toBe(0);
    const full = join(root, 'full');
    const single = await plumb(['run', path, '--out', full, '--no-cache']);
    expect(single.code).toBe(0);

    const { pods, outputOf } = await runWorkflowLocally({
      workflowYaml: readFileSync(workflowPath, 'utf8'),
      root: join(root, 'cluster'),
      repoRoot,
      // What a volume (or a derived image) provides: the data the pipeline's relative paths point at.
      mounts: { '/plumb/datasets': join(repoRoot, 'assets', 'datasets') },
    });
    expect(pods.filter((p) => p.task === 'scored-shard').map((p) => p.args.slice(-2))).toEqual([
      ['--shard', '0/3'],
      ['--shard', '1/3'],
      ['--shard', '2/3'],
    ]);
    const steps = join(root, 'steps');
    const document = parsePipelineYaml(readFileSync(path, 'utf8'), { file: path, catalog: nodeCatalog });
    for (const node of document.nodes) cpSync(outputOf(node.id.replace(/_/g, '-')), join(steps, node.id), { recursive: true });
    expect(await expectSameOutputs(full, steps)).toBeGreaterThanOrEqual(document.nodes.length);
    rmSync(root, { recursive: true, force: true }); // kept when the test fails, to look at
  }, 300_000);

  it('explain.shap, explain.lime and monitor.anomaly sharded over pods (withParam + reduce) equal the single-process run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plumb-argo-shards-'));
    // Beside a `datasets` link, so the relative path resolves here as it does in the pod (/plumb/datasets).
    mkdirSync(join(root, 'pipelines'));
    symlinkSync(join(repoRoot, 'assets', 'datasets'), join(root, 'datasets'));
    const path = join(root, 'pipelines', 'row-wise.yaml');
    writeFileSync(path, ROW_WISE_PIPELINE);
    const workflowPath = join(root, 'workflow.yaml');
    const exported = await plumb(['export-argo', path, '--shards', 'shap=3', '--shards', 'lime=2', '--shards', 'anomalies=3', '-o', workflowPath]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const workflow = parse(readFileSync(workflowPath, 'utf8')) as ConstructorParameters<typeof Workflow>[0];
    expect(() => new Workflow(workflow).validate()).not.toThrow();
    const full = join(root, 'full');
    const single = await plumb(['run', path, '--out', full, '--no-cache']);
    expect(single.stderr).not.toMatch(/error/);
    expect(single.code).toBe(0);

    const { pods, outputOf } = await runWorkflowLocally({
      workflowYaml: readFileSync(workflowPath, 'utf8'),
      root: join(root, 'cluster'),
      repoRoot,
      mounts: { '/plumb/datasets': join(repoRoot, 'assets', 'datasets') },
    });
    const shardArgs = (task: string) => pods.filter((p) => p.task === task).map((p) => p.args.slice(-2).join(' '));
    expect(shardArgs('shap-shard')).toEqual(['--shard 0/3', '--shard 1/3', '--shard 2/3']);
    expect(shardArgs('lime-shard')).toEqual(['--shard 0/2', '--shard 1/2']);
    expect(shardArgs('anomalies-shard')).toHaveLength(3);
    expect(shardArgs('anomalies')).toEqual(['--reduce 3']);
    // Each shard explained a proper share of the rows (the reduce step put them back together).
    const shapShard = (i: number) => JSON.parse(readFileSync(join(root, 'cluster', 's3', 'local-run', 'shap', `shard-${i}`, 'explanation.json'), 'utf8')) as { rows: unknown[] };
    const shapRows = [0, 1, 2].map((i) => shapShard(i).rows.length);
    expect(Math.max(...shapRows)).toBeLessThan(25);
    expect(shapRows.reduce((a, b) => a + b, 0)).toBe(25);
    const steps = join(root, 'steps');
    const document = parsePipelineYaml(ROW_WISE_PIPELINE, { file: path, catalog: nodeCatalog });
    for (const node of document.nodes) cpSync(outputOf(node.id.replace(/_/g, '-')), join(steps, node.id), { recursive: true });
    expect(await expectSameOutputs(full, steps)).toBeGreaterThanOrEqual(document.nodes.length);
    rmSync(root, { recursive: true, force: true }); // kept when the test fails, to look at
  }, 600_000);
});

/** Every node type with a row-wise shard mode that draws random numbers (KernelSHAP coalitions, LIME
 * neighbourhoods, the forest's samples), plus a contamination share whose threshold needs every row's score. */
const ROW_WISE_PIPELINE = `plumb: 1
name: row-wise
nodes:
  - id: data
    type: data.read_csv
    params: { path: ../datasets/churn.csv }
  - id: clean
    type: data.impute
    inputs: { table: data.table }
    params: { strategy: median }
  - id: encode
    type: data.encode
    inputs: { table: clean.table }
    params: { exclude: [churn] }
  - id: split
    type: data.split
    inputs: { table: encode.table }
    params: { test_size: 0.2, seed: 42, stratify: churn }
  - id: logistic
    type: model.logistic_regression
    inputs: { train: split.train }
    params: { target: churn }
  - id: shap
    type: explain.shap
    inputs: { model: logistic.model, data: split.test, background: split.train }
    params: { method: kernel, max_rows: 25, nsamples: 300, seed: 5 }
  - id: lime
    type: explain.lime
    inputs: { model: logistic.model, data: split.test, background: split.train }
    params: { max_rows: 9, num_samples: 400, num_features: 4, seed: 3 }
  - id: anomalies
    type: monitor.anomaly
    inputs: { table: split.test }
    params: { n_estimators: 40, contamination: 0.05, seed: 11 }
`;
