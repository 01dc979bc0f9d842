// The model registry: versions by content, MLflow-style aliases, references like `name@champion`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAlias, parseModelRef } from '../../../../electron/store/models.js';
import { openProjectFile, type ProjectFile } from '../../../../electron/store/project-file.js';
import { countRows, useTempDir } from './temp-dir.js';

const modelFile = (n: number): Uint8Array => new TextEncoder().encode(JSON.stringify({ plumb_model: 1, type: 'knn', n }));

describe('parseModelRef', () => {
  it.each([
    ['churn', { name: 'churn' }],
    ['churn@latest', { name: 'churn' }],
    ['churn@LATEST', { name: 'churn' }],
    ['churn@3', { name: 'churn', version: 3 }],
    ['churn@v12', { name: 'churn', version: 12 }],
    ['churn@V2', { name: 'churn', version: 2 }],
    ['churn@champion', { name: 'churn', alias: 'champion' }],
    ['churn@v1-candidate', { name: 'churn', alias: 'v1-candidate' }],
  ])('%s', (ref, parsed) => expect(parseModelRef(ref)).toEqual(parsed));
});

describe('checkAlias', () => {
  it.each(['champion', 'challenger', 'prod_2', 'a-b', 'v1x'])('accepts %s', (alias) => expect(() => checkAlias(alias)).not.toThrow());
  it.each(['', 'latest', 'Latest', 'v3', 'V10', '7', 'two words', 'a@b', 'x'.repeat(256)])('refuses %j', (alias) =>
    expect(() => checkAlias(alias)).toThrow(expect.objectContaining({ kind: 'invalid_input' })),
  );
});

describe('project.models', () => {
  const dir = useTempDir();
  const withModels = (): ProjectFile => {
    const project = openProjectFile(join(dir(), 'm.plumb'), { create: true });
    for (const n of [1, 2, 3]) project.models.register({ name: 'churn', bytes: modelFile(n), type: 'model.knn' });
    return project;
  };

  it('numbers versions and returns the existing version for bytes already registered', () => {
    const project = withModels();
    const again = project.models.register({ name: 'churn', bytes: modelFile(2), type: 'model.knn', metrics: { auc: 1 } });
    expect(again).toMatchObject({ version: 2, created: false, metrics: undefined });
    expect(project.models.versions('churn').map((v) => v.version)).toEqual([1, 2, 3]);
    expect(countRows(project.path, 'model_versions')).toBe(3);
    project.close();
  });

  it('resolves versions, aliases and latest', () => {
    const project = withModels();
    project.models.setAlias('churn', 'champion', 1);
    project.models.setAlias('churn', 'challenger', 3);
    expect(project.models.resolve('churn@champion').version).toBe(1);
    expect(project.models.resolve('churn@challenger').version).toBe(3);
    expect(project.models.resolve('churn@2').version).toBe(2);
    expect(project.models.resolve('churn@v2').version).toBe(2);
    expect(project.models.resolve('churn').version).toBe(3);
    expect(project.models.resolve('churn@latest').version).toBe(3);
    expect(project.models.resolve('churn@1').aliases).toEqual(['champion']);
    expect(project.models.artifact('churn@champion')).toEqual(modelFile(1));
    project.close();
  });

  it('moves an alias instead of duplicating it, and keeps aliases per model', () => {
    const project = withModels();
    project.models.register({ name: 'other', bytes: modelFile(9), type: 'model.knn' });
    project.models.setAlias('churn', 'champion', 1);
    project.models.setAlias('other', 'champion', 1);
    project.models.setAlias('churn', 'champion', 2);
    expect(project.models.resolve('churn@champion').version).toBe(2);
    expect(project.models.resolve('churn@1').aliases).toEqual([]);
    expect(project.models.resolve('other@champion').hash).toBe(project.models.resolve('other@1').hash);
    expect(countRows(project.path, 'model_aliases')).toBe(2);
    expect(project.models.list()).toEqual([
      { name: 'churn', createdAt: expect.any(String), latestVersion: 3, aliases: { champion: 2 } },
      { name: 'other', createdAt: expect.any(String), latestVersion: 1, aliases: { champion: 1 } },
    ]);
    project.models.deleteAlias('churn', 'champion');
    expect(() => project.models.resolve('churn@champion')).toThrow("model 'churn' has no alias 'champion'");
    project.close();
  });

  it('reports what is missing as invalid input', () => {
    const project = withModels();
    const invalid = (message: string) => expect.objectContaining({ kind: 'invalid_input', message });
    expect(() => project.models.resolve('nope')).toThrow(invalid("no model named 'nope' in this project"));
    expect(() => project.models.resolve('churn@7')).toThrow(invalid("model 'churn' has no version 7"));
    expect(() => project.models.resolve('churn@prod')).toThrow(invalid("model 'churn' has no alias 'prod'"));
    expect(() => project.models.setAlias('churn', 'prod', 7)).toThrow(invalid("model 'churn' has no version 7"));
    expect(() => project.models.setAlias('churn', 'latest', 1)).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(() => project.models.register({ name: 'a@b', bytes: modelFile(1), type: 't' })).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(() => project.models.register({ name: 'churn', bytes: modelFile(8), type: 't', runId: 'ghost' })).toThrow("no run 'ghost' in this project");
    expect(() => project.models.register({ name: 'churn', bytes: modelFile(8), type: 't', datasets: [{ versionId: 99, role: 'train' }] })).toThrow(
      'no dataset version with id 99 in this project',
    );
    expect(project.models.versions('churn')).toHaveLength(3);
    project.close();
  });

  it('records lineage: the run and node that trained it and the dataset versions it saw', () => {
    const project = openProjectFile(join(dir(), 'l.plumb'), { create: true });
    project.pipelines.save('p', 'y');
    const run = project.runs.start({ pipeline: 'p', nodes: [{ id: 'gbm', type: 'model.gradient_boosting' }] });
    const train = project.datasets.addVersion({ name: 'train', bytes: modelFile(100), format: 'csv' });
    const test = project.datasets.addVersion({ name: 'test', bytes: modelFile(101), format: 'csv' });
    const registered = project.models.register({
      name: 'gbm', bytes: modelFile(5), type: 'model.gradient_boosting', metrics: { accuracy: 0.9 },
      runId: run.id, nodeId: 'gbm', datasets: [{ versionId: train.id, role: 'train' }, { versionId: test.id, role: 'test' }],
    });
    expect(registered).toMatchObject({
      version: 1, created: true, type: 'model.gradient_boosting', metrics: { accuracy: 0.9 }, runId: run.id, nodeId: 'gbm',
      datasets: [
        { versionId: test.id, name: 'test', version: 1, role: 'test' },
        { versionId: train.id, name: 'train', version: 1, role: 'train' },
      ],
    });
    project.runs.finish(run.id, { status: 'ok', nodes: [{ id: 'gbm', status: 'done' }] });
    project.runs.delete(run.id);
    // The model outlives the run it came from.
    expect(project.models.resolve('gbm@1')).toMatchObject({ runId: null, nodeId: 'gbm' });
    project.close();
  });
});
