// Child process of the crash loop: opens a project file (recovering what a killed predecessor left) and edits,
// saves, records runs and registers models until it is SIGKILLed. After each call into the store returns it
// prints an acknowledgement on stdout, synchronously, before doing anything else:
//   ready                         the file is open (migrated, interrupted runs recovered)
//   saved <pipeline> <version> <tag>
//   started <run id> <node count>
//   node <run id> <node id>       the node is done (status, cache entry and metrics committed)
//   finished <run id> <status>
//   registered <model> <version> <tag>
//   alias <model> <alias> <version>
// Usage: crash-writer.ts <project file> <seed>
import { writeSync } from 'node:fs';
import { openProjectFile } from '../../../electron/store/project-file.js';
import { layoutOf, MODELS, modelBytes, nodeIds, nodeOutput, OUTPUT_BYTES, PIPELINES, pipelineYaml, seededRandom } from './crash-content.js';

const ack = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const [file, seedText] = process.argv.slice(2);
const seed = Number(seedText);
const random = seededRandom(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const project = openProjectFile(file, { create: true });
ack('ready');
let counter = 0;
const tag = (): string => `s${seed}x${counter++}`;

// At least one version of every pipeline before any run.
for (const name of PIPELINES) {
  const t = tag();
  ack(`saved ${name} ${project.pipelines.save(name, pipelineYaml(t), layoutOf(t), `edit ${t}`)} ${t}`);
}
let lastFinished: string | undefined;
for (;;) {
  const what = random();
  if (what < 0.35) {
    const name = pick(PIPELINES);
    const t = tag();
    ack(`saved ${name} ${project.pipelines.save(name, pipelineYaml(t), layoutOf(t), `edit ${t}`)} ${t}`);
  } else if (what < 0.8) {
    const count = 2 + Math.floor(random() * 10);
    const failAt = random() < 0.2 ? Math.floor(random() * count) : -1;
    const run = project.runs.start({ pipeline: pick(PIPELINES), params: { nodes: count }, nodes: nodeIds(count).map((id) => ({ id, type: 'data.sql' })) });
    ack(`started ${run.id} ${count}`);
    let status: 'ok' | 'failed' = 'ok';
    for (const id of nodeIds(count)) {
      project.runs.updateNode(run.id, id, 'running');
      if (nodeIds(count).indexOf(id) === failAt) {
        project.runs.updateNode(run.id, id, 'failed', { error: 'planned failure', seconds: 0.001 });
        status = 'failed';
        break;
      }
      const cacheKey = `${run.id}/${id}`;
      project.cache.putSync(cacheKey, { table: nodeOutput(run.id, id, OUTPUT_BYTES) });
      project.runs.updateNode(run.id, id, 'done', { cacheKey, seconds: 0.001 });
      project.metrics.put(run.id, id, { node: id, run: run.id });
      ack(`node ${run.id} ${id}`);
    }
    project.runs.finish(run.id, { status });
    ack(`finished ${run.id} ${status}`);
    lastFinished = run.id;
  } else {
    const name = pick(MODELS);
    const t = tag();
    const version = project.models.register({ name, bytes: modelBytes(t), type: 'model.decision_tree', metrics: { tag: t }, runId: lastFinished });
    ack(`registered ${name} ${version.version} ${t}`);
    if (random() < 0.5) {
      project.models.setAlias(name, 'champion', version.version);
      ack(`alias ${name} champion ${version.version}`);
    }
  }
}
