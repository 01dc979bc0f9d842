// The preprocessing chain a model file may carry (SPEC §5): the fitted data.impute / data.encode / data.scale /
// data.select steps between the raw table and the trainer, as plain JSON with a zod schema. Serving, ONNX export,
// what-if and counterfactuals use it to read rows in their original columns.
import { z } from 'zod';

/** One cell of a raw or preprocessed row: JSON-safe, missing = null. */
export type RawValue = number | string | boolean | null;

/** A column as DuckDB typed it at that point of the chain (`BIGINT`, `DOUBLE`, `VARCHAR`, `BOOLEAN`, `DATE`, …). */
export interface ColumnSpec {
  name: string;
  type: string;
}

/** sklearn SimpleImputer as data.impute fitted it: `coalesce(value, fill)`; NaN counts as missing. */
export interface ImputeStep {
  kind: 'impute';
  /** the pipeline node it was fitted by */
  node: string;
  /** the fill per imputed column, already of the column's output type */
  fills: { column: string; value: number | string | boolean }[];
  /** columns that also got a 0/1 `<column>_missing` indicator, in output order */
  indicators: string[];
  /** the table after the step */
  output: ColumnSpec[];
}

/** data.encode: levels are the values' DuckDB text form; an unknown value is all zeros (one-hot) or missing (ordinal). */
export interface EncodeStep {
  kind: 'encode';
  node: string;
  method: 'onehot' | 'ordinal';
  columns: { column: string; levels: string[]; outputs: { level: string; name: string }[] }[];
  output: ColumnSpec[];
}

/** data.scale: x' = (x − center) / scale, or for minmax x' = x · multiply + offset (sklearn's order of operations). */
export type ColumnScaling = { column: string; center: number; scale: number } | { column: string; multiply: number; offset: number };

export interface ScaleStep {
  kind: 'scale';
  node: string;
  scalings: ColumnScaling[];
  /** chosen columns with only missing values at fit time: cast to DOUBLE, values unchanged */
  cast: string[];
  output: ColumnSpec[];
}

/** data.select: the kept columns in order, with their new names. */
export interface SelectStep {
  kind: 'select';
  node: string;
  columns: { from: string; to: string }[];
  output: ColumnSpec[];
}

export type PreprocessingStep = ImputeStep | EncodeStep | ScaleStep | SelectStep;

/** The steps in the order they ran, and the columns of the table the first step read. */
export interface PreprocessingChain {
  input: ColumnSpec[];
  steps: PreprocessingStep[];
}

/** Rows in columns: each column's cells in row order (all columns `nrows` long). */
export interface RawColumns {
  nrows: number;
  columns: Record<string, readonly RawValue[]>;
}

/** One original column a model reads, as a caller must send it. */
export interface InputColumn {
  name: string;
  /** DuckDB type of the column in the training data */
  type: string;
  kind: 'number' | 'text' | 'boolean' | 'temporal' | 'other';
  /** the levels the model knows, for categorical columns (text form, code order) */
  categories?: string[];
}

const name = z.string().min(1);
const columnSpec = z.object({ name, type: z.string().min(1) });
const output = z.array(columnSpec);

const imputeStep = z.object({
  kind: z.literal('impute'),
  node: name,
  fills: z.array(z.object({ column: name, value: z.union([z.number(), z.string(), z.boolean()]) })),
  indicators: z.array(name),
  output,
});
const encodeStep = z.object({
  kind: z.literal('encode'),
  node: name,
  method: z.enum(['onehot', 'ordinal']),
  columns: z.array(z.object({ column: name, levels: z.array(z.string()), outputs: z.array(z.object({ level: z.string(), name })) })),
  output,
});
const scaleStep = z.object({
  kind: z.literal('scale'),
  node: name,
  scalings: z.array(
    z.union([
      z.object({ column: name, center: z.number(), scale: z.number() }).strict(),
      z.object({ column: name, multiply: z.number(), offset: z.number() }).strict(),
    ]),
  ),
  cast: z.array(name),
  output,
});
const selectStep = z.object({ kind: z.literal('select'), node: name, columns: z.array(z.object({ from: name, to: name })), output });

export const preprocessingChainSchema: z.ZodType<PreprocessingChain> = z.object({
  input: z.array(columnSpec),
  steps: z.array(z.discriminatedUnion('kind', [imputeStep, encodeStep, scaleStep, selectStep])),
});
