// Documented default pod resources per node type for the Argo export: requests sized for the bundled datasets'
// scale up to a few GB; the memory limit equals the request so a node that needs more fails clearly (OOMKilled).
export interface PodResources {
  cpu: string;
  memory: string;
}

/** By exact type first, then by group (the part before the dot). */
const BY_TYPE: Readonly<Record<string, PodResources>> = {
  'data.sql': { cpu: '2', memory: '4Gi' },
  'data.read_csv': { cpu: '2', memory: '4Gi' },
  'data.read_parquet': { cpu: '2', memory: '4Gi' },
  'model.mlp': { cpu: '4', memory: '8Gi' },
  'model.automl': { cpu: '4', memory: '8Gi' },
  'model.tune': { cpu: '4', memory: '8Gi' },
  'model.predict': { cpu: '1', memory: '2Gi' },
  'monitor.anomaly': { cpu: '2', memory: '4Gi' },
};

const BY_GROUP: Readonly<Record<string, PodResources>> = {
  data: { cpu: '1', memory: '2Gi' },
  model: { cpu: '2', memory: '4Gi' },
  evaluate: { cpu: '1', memory: '2Gi' },
  explain: { cpu: '4', memory: '4Gi' },
  monitor: { cpu: '1', memory: '2Gi' },
  control: { cpu: '250m', memory: '512Mi' },
};

const FALLBACK: PodResources = { cpu: '1', memory: '2Gi' };

export function podResourcesFor(type: string): PodResources {
  return BY_TYPE[type] ?? BY_GROUP[type.slice(0, type.indexOf('.'))] ?? FALLBACK;
}
