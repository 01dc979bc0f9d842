// "New from CSV": the starter pipeline a data scientist would draw first — read → split → train → evaluate →
// explain — for a chosen target, laid out left to right.
import type { PipelineDocument } from '../../../shared/pipeline/index.js';
import { positionsFor } from './auto-layout.js';

export type StarterTask = 'classification' | 'regression';

export interface StarterChoice {
  name: string;
  /** CSV path relative to the project folder. */
  path: string;
  target: string;
  task: StarterTask;
  /** Trainer node type, e.g. model.gradient_boosting. */
  trainer: string;
}

/** The task a target column's DuckDB type suggests (SPEC §4's auto rule: text and booleans are classes). */
export function starterTask(type: string): StarterTask {
  return /^(VARCHAR|TEXT|STRING|BOOLEAN|BOOL)$/i.test(type.trim()) || /^ENUM\(/i.test(type) ? 'classification' : 'regression';
}

export function starterPipeline(choice: StarterChoice): PipelineDocument {
  const classification = choice.task === 'classification';
  const doc: PipelineDocument = {
    plumb: 1,
    name: choice.name,
    description: `Predicts ${choice.target} from ${choice.path}.`,
    nodes: [
      { id: 'data', type: 'data.read_csv', params: { path: choice.path } },
      { id: 'split', type: 'data.split', inputs: { table: 'data.table' }, params: { test_size: 0.25, seed: 0, ...(classification ? { stratify: choice.target } : {}) } },
      { id: 'model', type: choice.trainer, inputs: { train: 'split.train' }, params: { target: choice.target, task: choice.task } },
      { id: 'evaluate', type: classification ? 'evaluate.classification' : 'evaluate.regression', inputs: { model: 'model.model', data: 'split.test' } },
      { id: 'explain', type: 'explain.shap', inputs: { model: 'model.model', data: 'split.test', background: 'split.train' }, params: { max_rows: 200 } },
    ],
  };
  return { ...doc, layout: positionsFor(doc) };
}
