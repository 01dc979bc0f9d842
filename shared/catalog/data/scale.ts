// data.scale: rescale numeric columns like scikit-learn's StandardScaler, MinMaxScaler or RobustScaler.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { scaleSchema } from './transform-schemas.js';

export const SCALE_METHODS = ['standard', 'minmax', 'robust'] as const;

export const scale = defineNode({
  type: 'data.scale',
  version: 1,
  group: 'data',
  title: 'Scale numbers',
  docs:
    '`standard`: (x − mean) / std with the population std (ddof 0), like StandardScaler. `minmax`: maps min..max ' +
    'to `feature_range`, like MinMaxScaler. `robust`: (x − median) / IQR over `quantile_range`, like RobustScaler. ' +
    'A constant column is only shifted (its scale counts as 1), as in scikit-learn. Missing values stay missing and ' +
    'are left out of the statistics. Without `columns`, every numeric column except `exclude` is scaled; scaled ' +
    'columns become DOUBLE.',
  inputs: { table: { type: 'table', docs: 'The table with numeric columns.' } },
  outputs: { table: { type: 'table', docs: 'The same rows with the chosen columns rescaled.' } },
  params: z.object({
    method: z.enum(SCALE_METHODS).default('standard').describe('Which scaler.'),
    columns: z.array(z.string().min(1)).default([]).describe('Columns to scale; empty means every numeric column.'),
    exclude: z.array(z.string().min(1)).default([]).describe('Columns never scaled, e.g. the target.'),
    feature_range: z
      .tuple([z.number(), z.number()])
      .refine(([lo, hi]) => lo < hi, 'the first number must be smaller than the second')
      .default([0, 1])
      .describe('`minmax` only: the range the values are mapped to.'),
    quantile_range: z
      .tuple([z.number().min(0).max(100), z.number().min(0).max(100)])
      .refine(([lo, hi]) => lo < hi, 'the first percentile must be smaller than the second')
      .default([25, 75])
      .describe('`robust` only: the percentiles whose difference is the scale.'),
  }),
  ui: {
    columns: { widget: 'columns', port: 'table' },
    exclude: { widget: 'columns', port: 'table' },
  },
  schema: scaleSchema,
});
