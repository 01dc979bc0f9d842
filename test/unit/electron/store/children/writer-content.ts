// What the writer child writes, so the tests can recompute it and compare with what they read back.

export const pipelineYaml = (edit: number): string =>
  `plumb: 1\nname: churn\ndescription: edit ${edit}\nnodes:\n  - id: data\n    type: data.read_csv\n    params: { path: d${edit}.csv }\n`;

/** What node `nodeId` of run `runId` outputs: the parent recomputes it to check what it reads back. */
export function nodeOutput(runId: string, nodeId: string, size: number): Uint8Array {
  const unit = new TextEncoder().encode(`${runId}/${nodeId};`);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = unit[i % unit.length];
  return bytes;
}

export const nodeIds = (count: number): string[] => Array.from({ length: count }, (_, k) => `n${k}`);
