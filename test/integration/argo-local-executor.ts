// Runs an exported Argo Workflow on this machine the way the controller would, minus Kubernetes: DAG tasks in
// dependency order, `withParam` fan-out, each pod's container command as a subprocess (`node bin/plumb.mjs` for the
// image's `plumb`), its absolute paths mapped into a per-pod folder, artifacts copied between folders (named task
// outputs, key-only S3 keys, raw inputs).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

interface Artifact {
  name: string;
  path?: string;
  from?: string;
  raw?: { data: string };
  s3?: { key: string };
}
interface Template {
  name: string;
  dag?: { tasks: Task[] };
  inputs?: { parameters?: { name: string }[]; artifacts?: Artifact[] };
  outputs?: { artifacts?: Artifact[] };
  container?: { image: string; command: string[]; args: string[] };
}
interface Task {
  name: string;
  template: string;
  dependencies?: string[];
  withParam?: string;
  arguments?: { parameters?: { name: string; value: string }[]; artifacts?: Artifact[] };
}

export interface LocalRunOptions {
  workflowYaml: string;
  /** Working folder: pods/, artifacts/, s3/. */
  root: string;
  repoRoot: string;
  /** Container path → host path, linked into every pod (what an image or a volume would provide). */
  mounts?: Record<string, string>;
  workflowName?: string;
}

export interface PodRun {
  task: string;
  item?: string;
  args: string[];
  code: number | null;
  stderr: string;
}

export async function runWorkflowLocally(options: LocalRunOptions): Promise<{ pods: PodRun[]; outputOf: (task: string) => string }> {
  const doc = parse(options.workflowYaml) as { kind: string; spec: Record<string, unknown> };
  const spec = (doc.kind === 'CronWorkflow' ? doc.spec.workflowSpec : doc.spec) as { entrypoint: string; templates: Template[]; arguments?: { parameters?: { name: string; value: string }[] } };
  const templates = new Map(spec.templates.map((t) => [t.name, t]));
  const tasks = templates.get(spec.entrypoint)?.dag?.tasks;
  if (!tasks) throw new Error('the entrypoint is not a DAG template');
  const workflowName = options.workflowName ?? 'local-run';
  const globals: Record<string, string> = { 'workflow.name': workflowName };
  for (const p of spec.arguments?.parameters ?? []) globals[`workflow.parameters.${p.name}`] = p.value;
  const artifactDir = (task: string, name: string) => join(options.root, 'artifacts', task, name);
  const s3Dir = (key: string) => join(options.root, 's3', key);

  const pods: PodRun[] = [];
  const done = new Set<string>();
  const pending = [...tasks];
  while (pending.length) {
    const index = pending.findIndex((t) => (t.dependencies ?? []).every((d) => done.has(d)));
    if (index < 0) throw new Error(`no runnable task among ${pending.map((t) => t.name).join(', ')} (cycle or unknown dependency)`);
    const [task] = pending.splice(index, 1);
    const template = templates.get(task.template);
    if (!template?.container) throw new Error(`task ${task.name}: template ${task.template} has no container`);
    const items = task.withParam !== undefined ? (JSON.parse(task.withParam) as unknown[]).map(String) : [undefined];
    for (const item of items) {
      const vars: Record<string, string> = { ...globals, ...(item !== undefined ? { item } : {}) };
      for (const p of task.arguments?.parameters ?? []) vars[`inputs.parameters.${p.name}`] = substitute(p.value, vars);
      const pod = join(options.root, 'pods', item !== undefined ? `${task.name}-${item}` : task.name);
      const inPod = (path: string) => join(pod, path);
      mkdirSync(pod, { recursive: true });
      for (const [container, host] of Object.entries(options.mounts ?? {})) {
        mkdirSync(dirname(inPod(container)), { recursive: true });
        if (!existsSync(inPod(container))) symlinkSync(host, inPod(container));
      }
      for (const input of template.inputs?.artifacts ?? []) {
        const target = inPod(substitute(required(input.path, `${template.name} input ${input.name} path`), vars));
        mkdirSync(dirname(target), { recursive: true });
        if (input.raw) {
          writeFileSync(target, input.raw.data);
          continue;
        }
        const source = input.s3 ? s3Dir(substitute(input.s3.key, vars)) : artifactSource(task, input.name, artifactDir);
        cpSync(source, target, { recursive: true });
      }
      const container = template.container;
      if (container.command.join(' ') !== 'plumb') throw new Error(`task ${task.name}: expected the image's plumb entrypoint, got ${container.command.join(' ')}`);
      const args = container.args.map((a) => substitute(a, vars)).map((a) => (a.startsWith('/') ? inPod(a) : a));
      const { code, stderr } = await run(process.execPath, [join(options.repoRoot, 'bin', 'plumb.mjs'), ...args], pod);
      pods.push({ task: task.name, ...(item !== undefined ? { item } : {}), args, code, stderr });
      if (code !== 0) throw new Error(`task ${task.name}${item !== undefined ? ` [${item}]` : ''} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
      for (const output of template.outputs?.artifacts ?? []) {
        const source = inPod(substitute(required(output.path, `${template.name} output ${output.name} path`), vars));
        if (!existsSync(source)) throw new Error(`task ${task.name}: output artifact ${output.name} (${output.path}) was not written`);
        // A task's named output from a loop would be ambiguous in Argo too: loop outputs go to key-only S3 artifacts.
        cpSync(source, output.s3 ? s3Dir(substitute(output.s3.key, vars)) : artifactDir(task.name, output.name), { recursive: true });
      }
    }
    done.add(task.name);
  }
  return { pods, outputOf: (task) => artifactDir(task, 'out') };
}

/** The task argument `from: {{tasks.T.outputs.artifacts.N}}` that feeds the template input `name`. */
function artifactSource(task: Task, name: string, artifactDir: (task: string, name: string) => string): string {
  const argument = task.arguments?.artifacts?.find((a) => a.name === name);
  const match = /^\{\{tasks\.([^.]+)\.outputs\.artifacts\.([^}]+)\}\}$/.exec(argument?.from ?? '');
  if (!match) throw new Error(`task ${task.name}: input artifact ${name} has no 'from' of another task's output`);
  return artifactDir(match[1], match[2]);
}

function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (whole, name: string) => {
    const value = vars[name.trim()];
    if (value === undefined) throw new Error(`unresolved ${whole} in '${text}'`);
    return value;
  });
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
