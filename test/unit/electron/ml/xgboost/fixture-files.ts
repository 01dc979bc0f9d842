// Reads the XGBoost reference folders in test/fixtures/ml/xgb_* (model, rows, margins, contributions).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const fixtureNames = ['xgb_binary', 'xgb_multiclass', 'xgb_regression'] as const;
export type FixtureName = (typeof fixtureNames)[number];

export const fixtureDir = (name: string): string => fileURLToPath(new URL(`../../../../fixtures/ml/${name}/`, import.meta.url));

/** Numeric CSV rows (minus the header line when there is one); empty cells are NaN. */
export function readNumericCsv(path: string, header = true): number[][] {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(header ? 1 : 0);
  return lines.map((line) => line.split(',').map((cell) => (cell === '' ? Number.NaN : Number(cell))));
}

export interface XgbFixture {
  json: unknown;
  /** rows to explain as feature columns */
  columns: Float64Array[];
  nRows: number;
  /** margin[row][output] */
  margin: number[][];
  /** contribs[output][row][feature], the last entry of a row being the bias */
  contribs: number[][][];
}

export function loadXgbFixture(name: FixtureName): XgbFixture {
  const dir = fixtureDir(name);
  const json: unknown = JSON.parse(readFileSync(`${dir}model.json`, 'utf8'));
  const rows = readNumericCsv(`${dir}rows.csv`);
  const nFeatures = rows[0].length;
  const columns = Array.from({ length: nFeatures }, (_, j) => Float64Array.from(rows, (r) => r[j]));
  const margin = readNumericCsv(`${dir}margin.csv`, false);
  const contribs =
    name === 'xgb_multiclass'
      ? [0, 1, 2].map((k) => readNumericCsv(`${dir}contribs_class${k}.csv`))
      : [readNumericCsv(`${dir}contribs.csv`)];
  return { json, columns, nRows: rows.length, margin, contribs };
}
