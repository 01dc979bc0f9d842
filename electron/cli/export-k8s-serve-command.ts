// `plumb export-k8s-serve FILE.plumb:name@alias [--image IMG] [--replicas N] [--namespace NS] -o serve.yaml`.
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { invalidInput } from '../../shared/errors.js';
import { k8sServeManifests, resolveRegisteredModel } from '../api/k8s-serve.js';
import { EXIT } from './exit-codes.js';
import { DEFAULT_IMAGE } from './export-argo-command.js';

export interface ExportK8sServeOptions {
  spec: string;
  out?: string;
  image?: string;
  replicas?: string;
  namespace?: string;
}

export async function exportK8sServeCommand(options: ExportK8sServeOptions): Promise<number> {
  const replicas = options.replicas === undefined ? 1 : Number(options.replicas);
  if (!Number.isInteger(replicas) || replicas < 1) throw invalidInput(`--replicas '${options.replicas}' is not a positive whole number`, { param: '--replicas' });
  const model = resolveRegisteredModel(options.spec);
  const manifests = k8sServeManifests(model, { image: options.image ?? DEFAULT_IMAGE, replicas, ...(options.namespace ? { namespace: options.namespace } : {}) });
  const text = manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
  if (options.out) await writeFile(options.out, text);
  else process.stdout.write(text);
  return EXIT.ok;
}
