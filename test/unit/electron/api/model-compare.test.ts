// models.compare on the sample project's churn run: the logistic regression and the random forest scored on
// split.test get the very metrics and confusion matrices their evaluate nodes stored in that run; rows come back
// with both predictions; mismatched inputs fail with one line naming what to change.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelCompare, type ModelCompare } from '../../../../electron/api/model-compare.js';
import { openExistingProject } from '../../../../electron/api/projects.js';
import { createWorkerPool, type WorkerPool } from '../../../../electron/engine/workers.js';
import type { ProjectFile } from '../../../../electron/store/project-file.js';

const root = join(import.meta.dirname, '../../../..');
const RUN = 'sample-churn-1';
const test = { runId: RUN, node: 'split', port: 'test' };
const models = [
  { runId: RUN, node: 'logistic', port: 'model' },
  { runId: RUN, node: 'forest', port: 'model' },
];

let project: ProjectFile;
let workers: WorkerPool;
let compare: ModelCompare;

beforeAll(() => {
  project = openExistingProject(join(root, 'assets/sample.plumb'), { readonly: true });
  workers = createWorkerPool({ size: 1 });
  compare = createModelCompare(() => project, workers);
});
afterAll(async () => {
  await compare.close();
  await workers.close();
  project.close();
});

const stored = (node: string) => JSON.parse(new TextDecoder().decode(project.runs.outputs(RUN, node)!.metrics)) as Record<string, unknown>;

describe('models.compare', () => {
  it("matches each model's evaluate node and lists both predictions per row", async () => {
    const result = await compare.handlers['models.compare']({ models, data: test, maxRows: 5000 });
    expect(result.task).toBe('classification');
    expect(result.target).toBe('churn');
    expect(result.positive).toBe(result.classes.at(-1));
    for (const [i, evaluate] of ['evaluate_logistic', 'evaluate_forest'].entries()) {
      const metrics = stored(evaluate);
      for (const key of ['accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss', 'roc_auc', 'n']) expect(result.models[i].metrics[key]).toBeCloseTo(metrics[key] as number, 12);
      expect(result.models[i].confusion).toEqual(metrics.confusion_matrix);
    }
    expect(result.rows.index.length).toBe(result.n);
    expect(result.rows.predicted).toHaveLength(2);
    // The disagreement count is the rows whose two predictions differ.
    const differ = result.rows.predicted[0].filter((p, r) => p !== result.rows.predicted[1][r]).length;
    expect(result.disagreements).toBe(differ);
    // Cells are the models' features (encoded columns here), one row per scored row.
    expect(result.rows.columns.length).toBeGreaterThan(3);
    expect(result.rows.cells[0]).toHaveLength(result.rows.columns.length);
  });

  it('refuses a table without the models\' columns, and an output that is not a model', async () => {
    await expect(compare.handlers['models.compare']({ models, data: { runId: RUN, node: 'churn_by_contract', port: 'table' }, maxRows: 10 })).rejects.toThrow(
      /'churn_by_contract.table' lacks .* which model 'logistic' needs/,
    );
    await expect(compare.handlers['models.compare']({ models: [{ runId: RUN, node: 'split', port: 'test' }], data: test, maxRows: 10 })).rejects.toThrow(/'split.test' is not a trained model/);
    await expect(compare.handlers['models.compare']({ models: [{ runId: RUN, node: 'nothing', port: 'model' }], data: test, maxRows: 10 })).rejects.toThrow(/node 'nothing' has no output 'model'/);
  });
});
