// `plumb export-k8s-serve`: ConfigMap + Deployment + Service valid by the Kubernetes schemas, the ConfigMap holding
// exactly the registered model file (its sha256 is the registry's), and that file served by `plumb serve` as the pod would.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { plumb, repoRoot, tempDir } from './cli-helpers.js';

interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { template: { spec: { containers: { args: string[]; image: string }[]; volumes: { configMap: { name: string } }[] } } };
}

describe('plumb export-k8s-serve', () => {
  it('emits valid manifests whose ConfigMap carries the registered model file, servable by plumb serve', async () => {
    const dir = tempDir('plumb-k8s-');
    const project = join(dir, 'sample.plumb');
    copyFileSync(join(repoRoot, 'assets', 'sample.plumb'), project);
    const out = join(dir, 'serve.yaml');
    const r = await plumb(['export-k8s-serve', `${project}:churn@champion`, '--image', 'registry.example.com/plumb:1', '--replicas', '2', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(readFileSync(out, 'utf8')).map((d) => d.toJS() as Manifest);
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'Deployment', 'Service']);
    expect(() => new ConfigMap(docs[0] as unknown as ConstructorParameters<typeof ConfigMap>[0]).validate()).not.toThrow();
    expect(() => new Deployment(docs[1] as unknown as ConstructorParameters<typeof Deployment>[0]).validate()).not.toThrow();
    expect(() => new Service(docs[2] as unknown as ConstructorParameters<typeof Service>[0]).validate()).not.toThrow();

    const shown = await plumb(['models', 'show', project, 'churn@champion', '--json']);
    const registered = JSON.parse(shown.stdout) as { version: number; hash: string };
    const [file, text] = Object.entries(docs[0].data!)[0];
    expect(createHash('sha256').update(text).digest('hex')).toBe(registered.hash);
    const container = docs[1].spec!.template.spec.containers[0];
    expect(container.image).toBe('registry.example.com/plumb:1');
    expect(container.args.slice(0, 2)).toEqual(['serve', `/models/${file}`]);
    expect(docs[1].spec!.template.spec.volumes[0].configMap.name).toBe(docs[0].metadata.name);

    // What the pod does with the mounted file (on loopback and a free port here).
    const modelPath = join(dir, file);
    writeFileSync(modelPath, text);
    const serve = spawn(process.execPath, [join(repoRoot, 'bin', 'plumb.mjs'), 'serve', modelPath, '--name', 'churn', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        serve.stdout.on('data', (d: Buffer) => {
          seen += d.toString();
          const m = /Plumb serving \S+ at (http:\/\/\S+)/.exec(seen);
          if (m) resolve(m[1]);
        });
        serve.on('close', (code) => reject(new Error(`plumb serve exited ${code}`)));
      });
      expect((await fetch(`${url}/ping`)).status).toBe(200);
      const status = (await (await fetch(`${url}/v1/models/churn`)).json()) as { model_version_status: { state: string }[] };
      expect(status.model_version_status[0].state).toBe('AVAILABLE');
    } finally {
      serve.kill('SIGTERM');
    }
  }, 120_000);

  it('names a missing model or a non-project spec in a one-line error', async () => {
    const dir = tempDir('plumb-k8s-');
    const project = join(dir, 'sample.plumb');
    copyFileSync(join(repoRoot, 'assets', 'sample.plumb'), project);
    const missing = await plumb(['export-k8s-serve', `${project}:nope@champion`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toMatch(/^error: .*nope/);
    const notProject = await plumb(['export-k8s-serve', 'model.json']);
    expect(notProject.code).toBe(2);
    expect(notProject.stderr).toMatch(/expected FILE\.plumb:name@alias/);
  }, 60_000);
});
