// The subset of XGBoost's JSON model document (`booster.save_model("m.json")`) that we read, as zod schemas;
// failures become invalid_input errors naming the JSON key.

import { z } from 'zod';
import { invalidInput, type PlumbError } from '../../../shared/errors.js';

/** XGBoost writes counts as strings ("30"); accept plain integers too. */
const intText = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/, 'expected an integer written as text')])
  .transform((v) => Number(v));

export const xgbTreeSchema = z.object({
  left_children: z.array(z.number().int()),
  right_children: z.array(z.number().int()),
  split_indices: z.array(z.number().int()),
  split_conditions: z.array(z.number()),
  default_left: z.array(z.union([z.number(), z.boolean()])),
  sum_hessian: z.array(z.number()),
  split_type: z.array(z.number().int()).optional(),
  tree_param: z.object({
    num_nodes: intText,
    size_leaf_vector: intText.optional(),
  }),
});
export type XgbTreeJson = z.infer<typeof xgbTreeSchema>;

export const gbtreeModelSchema = z.object({
  gbtree_model_param: z.object({
    num_trees: intText,
    num_parallel_tree: intText.optional(),
    size_leaf_vector: intText.optional(),
  }),
  tree_info: z.array(z.number().int()),
  trees: z.array(xgbTreeSchema),
});
export type GbtreeModelJson = z.infer<typeof gbtreeModelSchema>;

export const dartExtraSchema = z.object({
  weight_drop: z.array(z.number()),
});

export const xgbDocumentSchema = z.object({
  version: z.array(z.number().int()).optional(),
  learner: z.object({
    feature_names: z.array(z.string()).optional(),
    feature_types: z.array(z.string()).optional(),
    learner_model_param: z.object({
      base_score: z.union([z.string(), z.number()]),
      num_class: intText,
      num_feature: intText,
      num_target: intText.optional(),
    }),
    objective: z.object({ name: z.string() }),
    gradient_booster: z.looseObject({ name: z.string() }),
  }),
});
export type XgbDocumentJson = z.infer<typeof xgbDocumentSchema>;

function keyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text || '(document)';
}

/** Parse `value` (found at JSON key `prefix`) or throw an invalid_input error listing the wrong or missing keys. */
export function parseXgbPart<T extends z.ZodType>(schema: T, value: unknown, prefix: readonly PropertyKey[], source?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw describeIssues(result.error.issues, prefix, source);
}

function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], source?: string): PlumbError {
  const lines = issues.slice(0, 10).map((issue) => {
    const key = keyPath([...prefix, ...issue.path]);
    if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `key '${key}' is missing`;
    return `key '${key}': ${issue.message}`;
  });
  if (issues.length > lines.length) lines.push(`... and ${issues.length - lines.length} more`);
  return invalidInput(`not a valid XGBoost JSON model: ${lines[0]}`, source ? { file: source } : {}, lines.slice(1));
}
