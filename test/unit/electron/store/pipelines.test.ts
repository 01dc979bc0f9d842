// Pipelines: saving appends versions; load, rename and delete.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProjectFile, type ProjectFile } from '../../../../electron/store/project-file.js';
import { tickingClock, useTempDir } from './temp-dir.js';

describe('project.pipelines', () => {
  const dir = useTempDir();
  const open = (): ProjectFile => openProjectFile(join(dir(), 'p.plumb'), { create: true, now: tickingClock() });

  it('appends a version on every save and loads any of them', () => {
    const project = open();
    expect(project.pipelines.save('churn', 'v: 1\n')).toBe(1);
    expect(project.pipelines.save('churn', 'v: 2\n', { data: { x: 10, y: 20 } }, 'moved data')).toBe(2);
    expect(project.pipelines.save('churn', 'v: 2\n')).toBe(3);

    expect(project.pipelines.versions('churn')).toEqual([
      { version: 1, savedAt: '2025-01-01T00:00:01.000Z', message: null },
      { version: 2, savedAt: '2025-01-01T00:00:02.000Z', message: 'moved data' },
      { version: 3, savedAt: '2025-01-01T00:00:03.000Z', message: null },
    ]);
    expect(project.pipelines.load('churn', 2)).toEqual({
      name: 'churn', version: 2, yaml: 'v: 2\n', layout: { data: { x: 10, y: 20 } },
      savedAt: '2025-01-01T00:00:02.000Z', message: 'moved data',
    });
    expect(project.pipelines.load('churn')).toMatchObject({ version: 3, yaml: 'v: 2\n', layout: undefined });
    expect(project.pipelines.load('churn', 1).yaml).toBe('v: 1\n');
    project.close();
  });

  it('keeps YAML text byte for byte', () => {
    const project = open();
    const yaml = "plumb: 1\r\nname: ünïcode — 🧪\n  trailing   \n\n# comment\t\n";
    project.pipelines.save('exact', yaml);
    expect(project.pipelines.load('exact').yaml).toBe(yaml);
    project.close();
  });

  it('saveIfChanged adds a version only when the YAML or layout changed', () => {
    const project = open();
    expect(project.pipelines.saveIfChanged('p', 'a', { n: { x: 1, y: 1 } })).toEqual({ version: 1, saved: true });
    expect(project.pipelines.saveIfChanged('p', 'a', { n: { x: 1, y: 1 } })).toEqual({ version: 1, saved: false });
    expect(project.pipelines.saveIfChanged('p', 'a', { n: { x: 2, y: 1 } })).toEqual({ version: 2, saved: true });
    expect(project.pipelines.saveIfChanged('p', 'b', { n: { x: 2, y: 1 } })).toEqual({ version: 3, saved: true });
    project.close();
  });

  it('lists pipelines by name with their latest version', () => {
    const project = open();
    project.pipelines.save('zeta', 'z');
    project.pipelines.save('alpha', 'a1');
    project.pipelines.save('alpha', 'a2');
    expect(project.pipelines.list().map(({ name, latestVersion }) => ({ name, latestVersion }))).toEqual([
      { name: 'alpha', latestVersion: 2 },
      { name: 'zeta', latestVersion: 1 },
    ]);
    expect(project.pipelines.get('alpha')).toMatchObject({ name: 'alpha', latestVersion: 2 });
    expect(project.pipelines.get('nope')).toBeUndefined();
    project.close();
  });

  it('reports missing pipelines and versions as invalid input', () => {
    const project = open();
    project.pipelines.save('p', 'a');
    expect(() => project.pipelines.load('q')).toThrow(expect.objectContaining({ kind: 'invalid_input', message: "no pipeline named 'q' in this project" }));
    expect(() => project.pipelines.load('p', 2)).toThrow(expect.objectContaining({ kind: 'invalid_input', message: "pipeline 'p' has no version 2" }));
    expect(() => project.pipelines.versions('q')).toThrow(/no pipeline named 'q'/);
    expect(() => project.pipelines.save(' p', 'a')).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(() => project.pipelines.save('', 'a')).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    project.close();
  });

  it('renames a pipeline with its versions and runs, refusing a name in use', () => {
    const project = open();
    project.pipelines.save('old', 'a');
    project.pipelines.save('old', 'b');
    project.pipelines.save('taken', 'c');
    const run = project.runs.start({ pipeline: 'old', nodes: [] });
    project.runs.finish(run.id, { status: 'ok' });

    expect(() => project.pipelines.rename('old', 'taken')).toThrow(/already exists/);
    project.pipelines.rename('old', 'new');
    expect(project.pipelines.get('old')).toBeUndefined();
    expect(project.pipelines.load('new', 1).yaml).toBe('a');
    expect(project.runs.get(run.id)).toMatchObject({ pipeline: 'new', pipelineVersion: 2 });
    expect(project.runs.list({ pipeline: 'new' }).map((r) => r.id)).toEqual([run.id]);
    project.close();
  });

  it('deletes a pipeline and its versions but keeps its runs', () => {
    const project = open();
    project.pipelines.save('gone', 'a');
    const run = project.runs.start({ pipeline: 'gone', nodes: [{ id: 'n', type: 't' }] });
    project.runs.finish(run.id, { status: 'ok', nodes: [{ id: 'n', status: 'done' }] });
    project.pipelines.delete('gone');

    expect(project.pipelines.list()).toEqual([]);
    expect(project.runs.get(run.id)).toMatchObject({ pipeline: 'gone', pipelineVersion: undefined, status: 'ok' });
    // A new pipeline of the same name starts again at version 1 and does not adopt the old runs' version.
    expect(project.pipelines.save('gone', 'again')).toBe(1);
    expect(project.runs.get(run.id)!.pipelineVersion).toBeUndefined();
    expect(() => project.pipelines.delete('never')).toThrow(/no pipeline named 'never'/);
    project.close();
  });
});
