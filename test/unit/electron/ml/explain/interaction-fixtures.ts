// Reads the XGBoost pred_interactions references in test/fixtures/ml/xgb_interactions (see generate.py there).

import { readFileSync } from 'node:fs';
import { fixtureDir, readNumericCsv } from '../xgboost/fixture-files.js';

export interface InteractionFixture {
  name: string;
  json: unknown;
  columns: Float64Array[];
  nRows: number;
  nOutputs: number;
  nFeatures: number;
  /** (row, output, i, j) with (nFeatures + 1)² values per row and output; the last row and column are the bias */
  interactions: Float64Array;
}

export const interactionFixtureNames = ['xgb_binary', 'xgb_multiclass', 'xgb_regression', 'xgb_deep'] as const;

export function readInteractionFixtures(): InteractionFixture[] {
  const dir = fixtureDir('xgb_interactions');
  return interactionFixtureNames.map((name) => {
    const ref = JSON.parse(readFileSync(`${dir}${name}.interactions.json`, 'utf8')) as {
      model: string;
      rows: string;
      n_rows: number;
      n_outputs: number;
      n_features: number;
      interactions: number[];
    };
    const rows = readNumericCsv(`${dir}${ref.rows}`).slice(0, ref.n_rows);
    return {
      name,
      json: JSON.parse(readFileSync(`${dir}${ref.model}`, 'utf8')) as unknown,
      columns: Array.from({ length: ref.n_features }, (_, j) => Float64Array.from(rows, (r) => r[j])),
      nRows: ref.n_rows,
      nOutputs: ref.n_outputs,
      nFeatures: ref.n_features,
      interactions: Float64Array.from(ref.interactions),
    };
  });
}
