// What the crash-loop writer writes, derived from small tags, so the parent can recompute every byte it reads back.
import { createHash } from 'node:crypto';

/** Seeded PRNG (mulberry32): the same seed gives the same kill moments and the same writes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PIPELINES = ['edit-a', 'edit-b', 'edit-c'] as const;
export const MODELS = ['model-a', 'model-b'] as const;

export const pipelineYaml = (tag: string): string =>
  `plumb: 1\nname: crash\ndescription: tag ${tag}\nnodes:\n  - id: data\n    type: data.read_csv\n    params: { path: ${tag}.csv }\n` +
  // A few KB so a save spans several pages.
  `  - id: q\n    type: data.sql\n    inputs: { t1: data.table }\n    params: { query: "select '${tag.repeat(200)}' as x from t1" }\n`;

export const layoutOf = (tag: string): Record<string, { x: number; y: number }> => ({ data: { x: tag.length, y: 1 }, q: { x: 2, y: tag.length } });

/** A fake Plumb model file: JSON bytes that differ per tag. */
export const modelBytes = (tag: string): Uint8Array =>
  new TextEncoder().encode(JSON.stringify({ plumb_model: 1, type: 'decision_tree', tag, pad: tag.repeat(500) }));

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Output bytes of node `nodeId` in run `runId`. */
export function nodeOutput(runId: string, nodeId: string, size: number): Uint8Array {
  const unit = new TextEncoder().encode(`${runId}/${nodeId};`);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = unit[i % unit.length];
  return bytes;
}

export const OUTPUT_BYTES = 6_000;
export const nodeIds = (count: number): string[] => Array.from({ length: count }, (_, k) => `n${k}`);
