// A small node catalog for the pipeline codec tests, independent of the real catalog (declared in the tests' own terms).
import { z } from 'zod';
import { fakeCatalog, fakeNode } from '../../fake-catalog.js';

export const readCsv = fakeNode({
  type: 'data.read_csv',
  title: 'Read CSV',
  docs: 'Reads a CSV file.',
  inputs: {},
  outputs: { table: { type: 'table' } },
  params: z.object({
    path: z.string(),
    delimiter: z.string().default(','),
    header: z.boolean().default(true),
    null_values: z.array(z.string()).default(['', 'NA']),
    on_error: z.enum(['fail', 'skip']).default('fail'),
  }),
});

export const split = fakeNode({
  type: 'data.split',
  title: 'Split',
  docs: 'Train/test split.',
  inputs: { table: { type: 'table' } },
  outputs: { train: { type: 'table' }, test: { type: 'table' } },
  params: z.object({
    test_size: z.number().gt(0).lt(1).default(0.25),
    seed: z.number().int().default(0),
    stratify: z.string().nullable().default(null),
  }),
});

export const sql = fakeNode({
  type: 'data.sql',
  title: 'SQL',
  docs: 'SQL over input tables t1..t3.',
  inputs: { t1: { type: 'table' }, t2: { type: 'table', optional: true }, t3: { type: 'table', optional: true } },
  outputs: { table: { type: 'table' } },
  params: z.object({ query: z.string() }),
});

export const gbm = fakeNode({
  type: 'model.gradient_boosting',
  title: 'Gradient boosting',
  docs: 'Histogram GBM.',
  inputs: { train: { type: 'table' }, valid: { type: 'table', optional: true } },
  outputs: { model: { type: 'model' }, history: { type: 'series' } },
  params: z.object({
    target: z.string(),
    features: z.array(z.string()).nullable().default(null),
    task: z.enum(['auto', 'classification', 'regression']).default('auto'),
    max_iter: z.number().int().positive().default(100),
    learning_rate: z.number().positive().default(0.1),
    max_depth: z.number().int().positive().nullable().default(null),
    seed: z.number().int().default(0),
  }),
});

export const evaluate = fakeNode({
  type: 'evaluate.classification',
  title: 'Evaluate',
  docs: 'Classification metrics.',
  inputs: { model: { type: 'model' }, data: { type: 'table' } },
  outputs: { metrics: { type: 'metrics' } },
  params: z.object({}),
});

export const shap = fakeNode({
  type: 'explain.shap',
  title: 'SHAP',
  docs: 'Shapley values.',
  inputs: { model: { type: 'model' }, data: { type: 'table' }, background: { type: 'table', optional: true } },
  outputs: { explanation: { type: 'explanation' } },
  params: z.object({
    method: z.enum(['auto', 'tree', 'kernel', 'linear', 'exact']).default('auto'),
    max_rows: z.number().int().positive().default(1000),
    /** Free-form settings: any YAML data, to exercise the codec on nested values. */
    settings: z.unknown().optional(),
    options: z.record(z.string(), z.unknown()).default({}),
  }),
});

export const gate = fakeNode({
  type: 'control.gate',
  title: 'Gate',
  docs: 'Fails the run when the condition is false.',
  inputs: { metrics: { type: 'metrics' } },
  outputs: {},
  params: z.object({ condition: z.string() }),
});

export const testDeclarations = [readCsv, split, sql, gbm, evaluate, shap, gate];
export const testCatalog = fakeCatalog(testDeclarations);

/** 1-based line of the first line containing `marker`, found by plain search (independent of the parser). */
export function lineOf(text: string, marker: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(marker) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`marker '${marker}' not in text`);
}

/** 1-based column of `marker` on its line. */
export function columnOf(text: string, marker: string, occurrence = 1): number {
  const line = text.split('\n')[lineOf(text, marker, occurrence) - 1];
  return line.indexOf(marker) + 1;
}

export const yamlLines = (...lines: string[]) => `${lines.join('\n')}\n`;
