// The "New from CSV" starter pipeline is valid for every trainer and both tasks, wired read → split → train →
// evaluate → explain, and stratified only for classification.
import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../../../../shared/catalog/index.js';
import { TRAINER_NAMES, TRAINER_TASKS } from '../../../../shared/catalog/model/trainers.js';
import { validatePipeline } from '../../../../shared/pipeline/index.js';
import { starterPipeline, starterTask } from '../../../../renderer/state/document/starter.js';

describe('starterPipeline', () => {
  it.each(TRAINER_NAMES.flatMap((t) => TRAINER_TASKS[t].map((task) => [t, task] as const)))('is a valid pipeline for %s (%s)', (trainer, task) => {
    const doc = starterPipeline({ name: 'starter', path: 'datasets/x.csv', target: 'y', task, trainer: `model.${trainer}` });
    expect(validatePipeline(doc, nodeCatalog)).toEqual([]);
    expect(doc.nodes.map((n) => n.type)).toEqual(['data.read_csv', 'data.split', `model.${trainer}`, `evaluate.${task}`, 'explain.shap']);
    expect(doc.nodes[1].params?.stratify).toBe(task === 'classification' ? 'y' : undefined);
    expect(Object.keys(doc.layout ?? {}).sort()).toEqual(['data', 'evaluate', 'explain', 'model', 'split']);
  });

  it('reads the task from the target column type', () => {
    expect(starterTask('VARCHAR')).toBe('classification');
    expect(starterTask('BOOLEAN')).toBe('classification');
    expect(starterTask('DOUBLE')).toBe('regression');
    expect(starterTask('BIGINT')).toBe('regression');
  });
});
