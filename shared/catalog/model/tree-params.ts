// Param fields the tree trainers share, with scikit-learn's meanings: a number below 1 is a fraction, 1 or more a count.
import { z } from 'zod';

export const criterionParam = z
  .enum(['gini', 'entropy', 'log_loss', 'squared_error'])
  .nullable()
  .default(null)
  .describe('Split quality: gini / entropy (= log_loss) for classification, squared_error for regression; null picks gini or squared_error.');

export const maxDepthParam = z.number().int().min(1).nullable().default(null).describe('Deepest a tree may grow; null = no limit.');

/** Count (a whole number >= `minimum`) or fraction of the rows (between 0 and 1). */
export function rowsParam(minimum: number, fallback: number, what: string) {
  return z
    .number()
    .positive()
    .refine((v) => v < 1 || (Number.isInteger(v) && v >= minimum), `must be a fraction below 1 or a whole number >= ${minimum}`)
    .default(fallback)
    .describe(`${what} (a whole number of rows, or a fraction of the rows when below 1).`);
}

export function maxFeaturesParam(fallback: 'sqrt' | null) {
  return z
    .union([z.enum(['sqrt', 'log2']), z.number().positive()])
    .nullable()
    .default(fallback)
    .describe('Features tried per split: sqrt or log2 of their number, a fraction (0..1], a count, or null for all.');
}

export const maxBinsParam = z.number().int().min(2).max(255).default(255).describe('Most bins per feature (features are binned once before growing trees).');
