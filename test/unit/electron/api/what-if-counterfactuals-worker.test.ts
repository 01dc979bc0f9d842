// whatIf.counterfactuals runs its search in the worker pool: on the sample churn run (logistic on the original columns
// through a preprocessing chain, and the 50-tree forest), the API's answer, searched in a worker, equals the same
// seeded search run in this thread, field by field (the elapsed seconds aside); bad constraints still come back as
// one-line invalid_input errors naming the column.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutputs, type Outputs } from '../../../../electron/api/outputs.js';
import { openExistingProject } from '../../../../electron/api/projects.js';
import { whatIfCounterfactuals, type CounterfactualRequest } from '../../../../electron/api/what-if-counterfactuals.js';
import { runModelFile } from '../../../../electron/api/what-if.js';
import { createWorkerPool, type WorkerPool } from '../../../../electron/engine/workers.js';
import type { ProjectFile } from '../../../../electron/store/project-file.js';

const root = join(import.meta.dirname, '../../../..');
const RUN = 'sample-churn-1';
const reference = { runId: RUN, node: 'split', port: 'test' };
/** outputs.ts reads this many reference rows for a counterfactual search */
const REFERENCE_ROWS = 2000;

let project: ProjectFile;
let pool: WorkerPool;
let outputs: Outputs;
let tasksRun = 0;

beforeAll(() => {
  project = openExistingProject(join(root, 'assets/sample.plumb'), { readonly: true });
  pool = createWorkerPool({ size: 1 });
  const counting: WorkerPool = { ...pool, run: (task, payload, options) => (tasksRun++, pool.run(task, payload, options)) };
  outputs = createOutputs(() => project, counting);
});
afterAll(async () => {
  await outputs.close();
  await pool.close();
  project.close();
});

describe('whatIf.counterfactuals in the worker pool', () => {
  it.each([
    ['logistic', 4, { k: 3, seed: 7, immutable: ['senior'], ranges: { monthly_charges: [0, 150] as [number, number] }, directions: { tenure_months: 'up' as const } }],
    ['forest', 11, { k: 4, seed: 3, immutable: [], ranges: {}, directions: {} }],
  ])('equals the in-thread search for the %s model', async (node, rowIndex, constraints) => {
    const model = { runId: RUN, node, port: 'model' };
    const form = await outputs.handlers['whatIf.rows']({ model, data: reference, limit: REFERENCE_ROWS });
    const row = Object.fromEntries(form.columns.map((c, j) => [c.name, form.rows[rowIndex][j]]));
    const request: CounterfactualRequest = { row, ...constraints };
    const before = tasksRun;
    const inWorker = await outputs.handlers['whatIf.counterfactuals']({ model, reference, ...request });
    expect(tasksRun).toBe(before + 1);
    const inThread = whatIfCounterfactuals(runModelFile(project, RUN, node), form.columns, form.rows, request);
    expect(inWorker.generated.length).toBeGreaterThan(0);
    expect({ ...inWorker, seconds: 0 }).toEqual({ ...inThread, seconds: 0 });
  });

  it('passes the search’s one-line errors through with their kind', async () => {
    const model = { runId: RUN, node: 'logistic', port: 'model' };
    const form = await outputs.handlers['whatIf.rows']({ model, data: reference, limit: REFERENCE_ROWS });
    const row = Object.fromEntries(form.columns.map((c, j) => [c.name, form.rows[0][j]]));
    const request = { model, reference, row, k: 1, seed: 0, immutable: [], ranges: { contract: [0, 1] as [number, number] }, directions: {} };
    await expect(outputs.handlers['whatIf.counterfactuals'](request)).rejects.toMatchObject({ kind: 'invalid_input', message: expect.stringMatching(/^'contract' is categorical/) });
  });
});
