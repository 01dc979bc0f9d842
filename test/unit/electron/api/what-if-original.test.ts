// What-if on the original columns, on the sample project's churn run (impute → one-hot encode → split → logistic):
// the form lists the raw CSV columns with the encoder's categories; split.test rows, which hold the encoded
// columns, come back as rows that exist in churn.csv; the prediction of a form row equals the model on the chain's
// output; SHAP is summed onto the original columns. Counterfactuals: every valid one flips the independently
// computed prediction and keeps every constraint, and the nearest one equals a brute-force search with an
// independently written DiCE distance. (Speed, ≤ 1 s per row, is measured by `npm run bench -- counterfactual`.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutputs, type Outputs } from '../../../../electron/api/outputs.js';
import { openExistingProject } from '../../../../electron/api/projects.js';
import { createWorkerPool, type WorkerPool } from '../../../../electron/engine/workers.js';
import { formColumns, rowsInForm, undoChain, type ChainedModel } from '../../../../electron/api/what-if-space.js';
import { loadModelFile, predictRawRows, type PlumbModelFile } from '../../../../electron/ml/model-file.js';
import { applyPreprocessing } from '../../../../electron/ml/preprocessing/apply.js';
import type { RawValue } from '../../../../electron/ml/preprocessing/types.js';
import type { ProjectFile } from '../../../../electron/store/project-file.js';

const root = join(import.meta.dirname, '../../../..');
const RUN = 'sample-churn-1';
const model = { runId: RUN, node: 'logistic', port: 'model' };
const test = { runId: RUN, node: 'split', port: 'test' };
type Cell = RawValue;

let project: ProjectFile;
let outputs: Outputs;
let workers: WorkerPool;
let file: PlumbModelFile;
const csvLines = readFileSync(join(root, 'assets/datasets/churn.csv'), 'utf8').trim().split('\n');
const header = csvLines[0].split(',');
const csvRows = csvLines.slice(1).map((l) => l.split(','));

beforeAll(() => {
  project = openExistingProject(join(root, 'assets/sample.plumb'), { readonly: true });
  workers = createWorkerPool({ size: 1 });
  outputs = createOutputs(() => project, workers);
  file = loadModelFile(JSON.parse(new TextDecoder().decode(project.runs.outputs(RUN, 'logistic')!.model)));
});
afterAll(async () => {
  await outputs.close();
  await workers.close();
  project.close();
});

const h = () => outputs.handlers;
const predictRow = (row: Record<string, Cell>) => {
  const out = predictRawRows(file, { nrows: 1, columns: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, [v]])) }).output;
  return file.classes[out.prediction[0]];
};

describe('what-if form in the original columns', () => {
  it('lists the raw columns with the training categories and the ranges of the rows', async () => {
    const form = await h()['whatIf.rows']({ model, data: test, limit: 1000 });
    expect(form.original).toBe(true);
    expect(form.columns.map((c) => c.name)).toEqual(header.filter((c) => c !== 'churn'));
    const contract = form.columns.find((c) => c.name === 'contract')!;
    expect(contract.kind).toBe('category');
    expect(contract.categories).toEqual(['month-to-month', 'one_year', 'two_year']);
    expect(form.columns.find((c) => c.name === 'senior')!.categories).toEqual(['false', 'true']);
    const tenure = form.columns.find((c) => c.name === 'tenure_months')!;
    const j = form.columns.indexOf(tenure);
    expect(tenure).toMatchObject({ kind: 'number', integer: true, min: Math.min(...form.rows.map((r) => r[j] as number)), max: Math.max(...form.rows.map((r) => r[j] as number)) });
    expect(form.rows.length).toBe(form.rowCount);
  });

  it("test rows (stored encoded) come back as rows of churn.csv", async () => {
    const form = await h()['whatIf.rows']({ model, data: test, limit: 1000 });
    const keyOf = (cells: string[]) => cells.join('|');
    const csvKeys = new Set(csvRows.map((r) => keyOf(header.map((name, j) => (name === 'churn' ? '' : r[j])).filter((_, j) => header[j] !== 'churn'))));
    const imputed = form.columns.findIndex((c) => c.name === 'total_charges');
    let matched = 0;
    for (const row of form.rows) {
      const cells = row.map((v) => (v === null ? '' : String(v)));
      if (csvKeys.has(keyOf(cells))) matched++;
      else expect(row[imputed]).toBe(2072.54); // the median fill: the CSV cell was empty, which the chain cannot undo
    }
    expect(matched).toBeGreaterThan(form.rows.length * 0.9);
  });

  it('undoChain inverts applyPreprocessing on raw rows', () => {
    const raw: Record<string, Cell[]> = Object.fromEntries(header.map((name) => [name, []]));
    for (const r of csvRows.slice(0, 200)) header.forEach((name, j) => raw[name].push(r[j] === '' ? null : r[j]));
    const forward = applyPreprocessing(file.preprocessing!, { nrows: 200, columns: raw });
    const back = undoChain(file.preprocessing!, new Map(Object.entries(forward.columns)));
    for (const name of ['contract', 'payment_method', 'internet_service']) expect(back.get(name)).toEqual(raw[name]);
    expect(back.get('senior')).toEqual(raw.senior);
    expect(back.get('tenure_months')).toEqual(raw.tenure_months.map(Number));
  });

  it('predicts a form row through the chain and sums SHAP onto the original columns', async () => {
    const form = await h()['whatIf.rows']({ model, data: test, limit: 50 });
    for (const values of form.rows.slice(0, 10)) {
      const row = Object.fromEntries(form.columns.map((c, j) => [c.name, values[j]]));
      const result = await h()['whatIf.explain']({ ...model, row });
      expect(result.prediction).toBe(predictRow(row));
      expect(result.contributions.map((c) => c.feature)).toEqual(form.columns.map((c) => c.name));
      const total = result.contributions.reduce((s, c) => s + c.shap, result.base_value);
      expect(total).toBeCloseTo(result.output_value, 9);
    }
  });
});

describe('what-if counterfactuals', () => {
  async function formRow(i: number) {
    const form = await h()['whatIf.rows']({ model, data: test, limit: 1000 });
    return { form, row: Object.fromEntries(form.columns.map((c, j) => [c.name, form.rows[i][j]])) };
  }

  it('generated counterfactuals flip the prediction and keep every constraint', async () => {
    const { form, row } = await formRow(3);
    const lo = 0;
    const hi = 200;
    const request = { model, reference: test, row, k: 3, seed: 0, immutable: ['senior', 'contract'], ranges: { monthly_charges: [lo, hi] as [number, number] }, directions: { tenure_months: 'up' as const } };
    const result = await h()['whatIf.counterfactuals'](request);
    expect(result.space).toBe('original');
    expect(result.distance).toMatch(/median absolute deviation/);
    expect(result.prediction).toBe(predictRow(row));
    expect(result.generated.length).toBeGreaterThan(0);
    for (const g of result.generated) {
      const changed = { ...row, ...Object.fromEntries(Object.entries(g.changes).map(([k, [, to]]) => [k, to])) };
      expect(g.valid).toBe(true);
      expect(predictRow(changed)).not.toBe(result.prediction);
      expect(g.prediction).toBe(predictRow(changed));
      expect(g.sparsity).toBe(Object.keys(g.changes).length);
      expect(g.changes.senior).toBeUndefined();
      expect(g.changes.contract).toBeUndefined();
      if (g.changes.monthly_charges) expect(Number(g.changes.monthly_charges[1])).toBeGreaterThanOrEqual(lo);
      if (g.changes.monthly_charges) expect(Number(g.changes.monthly_charges[1])).toBeLessThanOrEqual(hi);
      if (g.changes.tenure_months) expect(Number(g.changes.tenure_months[1])).toBeGreaterThan(Number(row.tenure_months));
      for (const [k, [from]] of Object.entries(g.changes)) expect(from).toEqual(row[k]);
    }
    expect(form.columns.length).toBe(8);
  });

  it('the nearest counterfactual equals a brute-force search with DiCE distance', async () => {
    const { form, row } = await formRow(7);
    const result = await h()['whatIf.counterfactuals']({ model, reference: test, row, k: 1, seed: 1, immutable: [], ranges: {}, directions: {} });
    const median = (v: number[]) => {
      const s = v.slice().sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const mad = form.columns.map((c, j) => {
      if (c.kind !== 'number') return null;
      const v = form.rows.map((r) => r[j]).filter((x): x is number => typeof x === 'number');
      const m = median(v);
      return median(v.map((x) => Math.abs(x - m))) || 1;
    });
    const asRow = (values: Cell[]) => Object.fromEntries(form.columns.map((c, j) => [c.name, values[j]]));
    let best = { i: -1, d: Infinity };
    form.rows.forEach((values, i) => {
      if (predictRow(asRow(values)) === result.prediction) return;
      let d = 0;
      form.columns.forEach((c, j) => {
        const a = row[c.name];
        const b = values[j];
        d += a === null || b === null ? (a === b ? 0 : 1) : mad[j] === null ? (a === b ? 0 : 1) : Math.abs(Number(a) - Number(b)) / mad[j]!;
      });
      if (d < best.d) best = { i, d };
    });
    expect(result.nearest).not.toBeNull();
    expect(result.nearest!.distance).toBeCloseTo(best.d, 9);
    expect(result.nearest!.row).toBe(best.i);
  });

  it('refuses constraints on unknown or categorical columns in one line naming them', async () => {
    const { row } = await formRow(0);
    const base = { model, reference: test, row, k: 2, seed: 0, immutable: [], ranges: {}, directions: {} };
    await expect(h()['whatIf.counterfactuals']({ ...base, immutable: ['nope'] })).rejects.toThrow(/'nope' is not an input column/);
    await expect(h()['whatIf.counterfactuals']({ ...base, ranges: { contract: [0, 1] } })).rejects.toThrow(/'contract' is categorical/);
    await expect(h()['whatIf.counterfactuals']({ ...base, ranges: { tenure_months: [5, 1] } })).rejects.toThrow(/low must not exceed high/);
  });
});

describe('rowsInForm on a hand-made chain (impute with indicator → ordinal encode → scale → select)', () => {
  // raw x: 12, missing (filled 10), 4; colour: red, blue, red; scale x' = (x − 10) / 2; select renames colour → c
  const model: ChainedModel = {
    features: ['x', 'x_missing', 'c'],
    feature_levels: {},
    preprocessing: {
      input: [
        { name: 'x', type: 'DOUBLE' },
        { name: 'colour', type: 'VARCHAR' },
      ],
      steps: [
        { kind: 'impute', node: 'impute', fills: [{ column: 'x', value: 10 }], indicators: ['x'], output: [{ name: 'x', type: 'DOUBLE' }, { name: 'colour', type: 'VARCHAR' }, { name: 'x_missing', type: 'INTEGER' }] },
        { kind: 'encode', node: 'encode', method: 'ordinal', columns: [{ column: 'colour', levels: ['blue', 'red'], outputs: [] }], output: [{ name: 'x', type: 'DOUBLE' }, { name: 'colour', type: 'BIGINT' }, { name: 'x_missing', type: 'INTEGER' }] },
        { kind: 'scale', node: 'scale', scalings: [{ column: 'x', center: 10, scale: 2 }], cast: [], output: [{ name: 'x', type: 'DOUBLE' }, { name: 'colour', type: 'BIGINT' }, { name: 'x_missing', type: 'INTEGER' }] },
        { kind: 'select', node: 'select', columns: [{ from: 'x', to: 'x' }, { from: 'x_missing', to: 'x_missing' }, { from: 'colour', to: 'c' }], output: [{ name: 'x', type: 'DOUBLE' }, { name: 'x_missing', type: 'INTEGER' }, { name: 'c', type: 'BIGINT' }] },
      ],
    },
  };

  it('lists the original columns and brings the chain output back to them', () => {
    const columns = formColumns(model);
    expect(columns.map((c) => [c.name, c.kind])).toEqual([
      ['x', 'number'],
      ['colour', 'category'],
    ]);
    expect(columns[1].categories).toEqual(['blue', 'red']);
    const table = { columns: [{ name: 'x' }, { name: 'x_missing' }, { name: 'c' }], rows: [[1, 0, 1], [0, 1, 0], [-3, 0, 1]] };
    expect(rowsInForm(model, columns, table)).toEqual([
      [12, 'red'],
      [null, 'blue'],
      [4, 'red'],
    ]);
  });

  it('takes a table of the original columns as it is, and names what a table lacks', () => {
    const columns = formColumns(model);
    expect(rowsInForm(model, columns, { columns: [{ name: 'colour' }, { name: 'x' }], rows: [['red', 7]] })).toEqual([[7, 'red']]);
    expect(() => rowsInForm(model, columns, { columns: [{ name: 'y' }], rows: [] })).toThrow(/lacks x, colour.*lacks x, x_missing, c/);
  });
});
