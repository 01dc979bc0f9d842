// `plumb export-k8s-serve FILE.plumb:name@alias`: Kubernetes manifests that run `plumb serve` for one registered
// model version — a ConfigMap holding the model file (so the stock image serves it; no derived image to build), a
// Deployment mounting it and probing /ping, and a ClusterIP Service on TF Serving's REST port.
import { invalidInput } from '../../shared/errors.js';
import { openExistingProject } from './projects.js';

/** ConfigMaps (like every etcd object) stop at 1 MiB; leave room for the object's own metadata. */
export const CONFIGMAP_MAX_BYTES = 1_000_000;
export const SERVE_PORT = 8501;
export const MODEL_MOUNT = '/models';

export interface K8sServeOptions {
  /** `FILE.plumb:name[@alias|@version]` */
  spec: string;
  image: string;
  replicas?: number;
  namespace?: string;
}

type Json = Record<string, unknown>;

export interface ResolvedModel {
  name: string;
  version: number;
  hash: string;
  text: string;
}

export function resolveRegisteredModel(spec: string): ResolvedModel {
  const match = /^(.*\.plumb):([^:]+)$/.exec(spec);
  if (!match) throw invalidInput(`'${spec}' is not a registered model: expected FILE.plumb:name@alias (or @version)`, { param: 'model' });
  const project = openExistingProject(match[1], { readonly: true });
  try {
    const found = project.models.resolve(match[2]);
    const bytes = project.models.artifact(`${found.name}@${found.version}`);
    return { name: found.name, version: found.version, hash: found.hash, text: new TextDecoder().decode(bytes) };
  } finally {
    project.close();
  }
}

const dnsLabel = (text: string) => text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'model';

/** ConfigMap, Deployment and Service, in the order `kubectl apply -f` should create them. */
export function k8sServeManifests(model: ResolvedModel, options: Omit<K8sServeOptions, 'spec'>): Json[] {
  const size = new TextEncoder().encode(model.text).length;
  if (size > CONFIGMAP_MAX_BYTES) {
    throw invalidInput(
      `model ${model.name}@${model.version} is ${(size / 1e6).toFixed(1)} MB, more than a ConfigMap holds (1 MB); bake it into an image FROM the plumb image instead`,
      { param: 'model' },
    );
  }
  const name = `plumb-serve-${dnsLabel(model.name)}`;
  const file = `${dnsLabel(model.name)}.json`;
  const labels = { 'app.kubernetes.io/name': 'plumb-serve', 'app.kubernetes.io/instance': name, 'plumb.dev/model': dnsLabel(model.name) };
  const metadata = (extra: Json = {}) => ({ name, ...(options.namespace ? { namespace: options.namespace } : {}), labels, ...extra });
  const annotations = { 'plumb.dev/model-version': String(model.version), 'plumb.dev/model-sha256': model.hash };
  const probe = (path: string, delay: number) => ({ httpGet: { path, port: 'http' }, initialDelaySeconds: delay, periodSeconds: 10 });
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata({ annotations }), data: { [file]: model.text } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata({ annotations }),
      spec: {
        replicas: options.replicas ?? 1,
        selector: { matchLabels: { 'app.kubernetes.io/instance': name } },
        template: {
          // The model's hash in the pod template rolls the Deployment when a new version is exported and applied.
          metadata: { labels, annotations },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 1000 },
            containers: [
              {
                name: 'serve',
                image: options.image,
                // The image's entrypoint is `plumb`; a pod has to listen beyond loopback for the Service to reach it.
                args: ['serve', `${MODEL_MOUNT}/${file}`, '--name', model.name, '--host', '0.0.0.0', '--port', String(SERVE_PORT)],
                ports: [{ name: 'http', containerPort: SERVE_PORT }],
                readinessProbe: probe('/ping', 2),
                livenessProbe: probe('/health', 10),
                resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } },
                volumeMounts: [{ name: 'model', mountPath: MODEL_MOUNT, readOnly: true }],
              },
            ],
            volumes: [{ name: 'model', configMap: { name } }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(),
      spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/instance': name }, ports: [{ name: 'http', port: SERVE_PORT, targetPort: 'http' }] },
    },
  ];
}
