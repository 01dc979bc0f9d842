// A threshold saved as a new model version (what the threshold panel's "Save as new version" calls: models.register
// with decisionThreshold) is what every consumer of that version uses: model.load → model.predict, `plumb serve`
// and ONNX export all label a row positive exactly when p(positive) ≥ the threshold, on the original columns.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipelineDocument } from '../../electron/api/pipeline-run.js';
import { registeredModels } from '../../electron/api/model-lookup.js';
import { openExistingProject } from '../../electron/api/projects.js';
import { registerRunModel } from '../../electron/api/registry.js';
import { loadModelFile, predictRawRows, type PlumbModelFile } from '../../electron/ml/model-file.js';
import { exportOnnx } from '../../electron/ml/onnx/export.js';
import { applyPreprocessing } from '../../electron/ml/preprocessing/apply.js';
import type { RawColumns, RawValue } from '../../electron/ml/preprocessing/types.js';
import { serveModels } from '../../electron/serve/serve-models.js';
import type { ProjectFile } from '../../electron/store/project-file.js';
import { repoRoot, tempDir } from './cli-helpers.js';

const THRESHOLD = 0.25;
const dir = tempDir('plumb-threshold-version-');
const projectPath = join(dir, 'p.plumb');
let project: ProjectFile;
let version: number;
let thresholded: PlumbModelFile;

/** The first 120 rows of the churn sample in their original columns, typed as the CSV reader types them. */
function churnRows(): { raw: RawColumns } {
  const lines = readFileSync(join(repoRoot, 'assets/datasets/churn.csv'), 'utf8').trim().split('\n').slice(0, 121);
  const header = lines[0].split(',');
  const columns: Record<string, RawValue[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) {
    line.split(',').forEach((cell, j) => {
      const v: RawValue = cell === '' ? null : cell === 'true' || cell === 'false' ? cell === 'true' : Number.isNaN(Number(cell)) ? cell : Number(cell);
      columns[header[j]].push(v);
    });
  }
  return { raw: { nrows: lines.length - 1, columns } };
}

/** The labels the threshold rule gives: the positive (last) class when its probability is ≥ THRESHOLD. */
function expectedLabels(file: PlumbModelFile, raw: RawColumns): string[] {
  const { proba } = predictRawRows({ ...file, decision_threshold: undefined }, raw).output;
  return Array.from({ length: raw.nrows }, (_, i) => file.classes[proba![i * 2 + 1] >= THRESHOLD ? 1 : 0]);
}

beforeAll(() => {
  copyFileSync(join(repoRoot, 'assets/sample.plumb'), projectPath);
  project = openExistingProject(projectPath);
  const champion = project.models.resolve('churn@champion');
  const registered = registerRunModel(project, { runId: champion.runId!, node: champion.nodeId!, name: 'churn', decisionThreshold: THRESHOLD });
  expect(registered.created).toBe(true);
  version = registered.version.version;
  thresholded = loadModelFile(JSON.parse(new TextDecoder().decode(project.models.artifact(`churn@${version}`))));
});
afterAll(() => project?.close());

describe('a version saved with a decision threshold', () => {
  it('stores decision_threshold and changes some labels against the most probable class', () => {
    expect(thresholded.decision_threshold).toBe(THRESHOLD);
    const { raw } = churnRows();
    const argmax = predictRawRows({ ...thresholded, decision_threshold: undefined }, raw).output.prediction;
    const changed = expectedLabels(thresholded, raw).filter((label, i) => label !== thresholded.classes[argmax[i]]).length;
    expect(changed).toBeGreaterThan(0);
  });

  it('model.load → model.predict labels rows by the threshold', async () => {
    // model.predict reads the model's own (encoded) columns, as the pipeline's split.test has them
    const { raw } = churnRows();
    const encoded = applyPreprocessing(thresholded.preprocessing!, raw, thresholded.features);
    const lines = [thresholded.features.map((f) => `"${f}"`).join(',')];
    for (let i = 0; i < raw.nrows; i++) lines.push(thresholded.features.map((f) => String(encoded.columns[f][i])).join(','));
    writeFileSync(join(dir, 'rows.csv'), lines.join('\n') + '\n');
    let labels: string[] = [];
    const result = await runPipelineDocument({
      document: {
        plumb: 1,
        name: 'score',
        nodes: [
          { id: 'rows', type: 'data.read_csv', params: { path: 'rows.csv' } },
          { id: 'model', type: 'model.load', params: { model: `churn@${version}` } },
          { id: 'scored', type: 'model.predict', inputs: { model: 'model.model', data: 'rows.table' } },
        ],
      },
      baseDir: dir,
      models: registeredModels(project),
      onNodeOutputs: async (node, outputs, env) => {
        if (node !== 'scored') return;
        const preview = await env.data.preview(outputs.table as never, { limit: 1000 });
        const at = preview.columns.findIndex((c) => c.name === 'prediction');
        labels = preview.rows.map((r) => String(r[at]));
      },
    });
    expect(result.nodes.filter((n) => n.error).map((n) => n.error?.message)).toEqual([]);
    expect(labels).toEqual(expectedLabels(thresholded, raw));
  }, 120_000);

  it('plumb serve answers with the thresholded labels', async () => {
    const { raw } = churnRows();
    const serving = await serveModels({ specs: [`${projectPath}:churn@${version}`], port: 0 });
    try {
      const response = await fetch(`${serving.server.url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataframe_split: { columns: Object.keys(raw.columns), data: Array.from({ length: raw.nrows }, (_, i) => Object.values(raw.columns).map((c) => c[i])) } }) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { predictions: string[] };
      expect(body.predictions).toEqual(expectedLabels(thresholded, raw));
    } finally {
      await serving.close();
    }
  });

  it('its ONNX export labels by probabilities[:, 1] ≥ the threshold', async () => {
    const { raw } = churnRows();
    const session = await ort.InferenceSession.create(exportOnnx(thresholded));
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) {
      const values = raw.columns[name];
      const meta = session.inputMetadata.find((m) => m.name === name) as { type?: string } | undefined;
      feeds[name] =
        meta?.type === 'string'
          ? new ort.Tensor('string', values.map((v) => (v === null ? '' : String(v))), [raw.nrows, 1])
          : new ort.Tensor('float32', Float32Array.from(values, (v) => (v === null ? NaN : Number(v))), [raw.nrows, 1]);
    }
    const out = await session.run(feeds);
    const labels = Array.from(out.label.data as string[]);
    const proba = out.probabilities.data as Float32Array;
    const expected = expectedLabels(thresholded, raw);
    // float32 probabilities: rows within 1e-5 of the threshold may fall either side
    const clear = expected.map((_, i) => Math.abs(proba[i * 2 + 1] - THRESHOLD) > 1e-5);
    expect(labels.filter((_, i) => clear[i])).toEqual(expected.filter((_, i) => clear[i]));
    await session.release();
  });
});
