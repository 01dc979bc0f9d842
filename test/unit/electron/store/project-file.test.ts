// Opening project files: new, reopened, newer, foreign, read-only.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../shared/errors.js';
import { LATEST_SCHEMA, migrations, PLUMB_APPLICATION_ID } from '../../../../electron/store/migrations.js';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { useTempDir } from './temp-dir.js';

const TABLES = [
  'alerts', 'blobs', 'cache_entries', 'component_library', 'dataset_versions', 'datasets', 'drift_reports', 'explanations', 'metrics',
  'model_alias_log', 'model_aliases', 'model_version_datasets', 'model_versions', 'models', 'node_outputs',
  'pipeline_versions', 'pipelines', 'prediction_log', 'run_datasets', 'run_metrics', 'run_nodes', 'run_tags', 'runs', 'series',
];

function refusal(open: () => unknown): PlumbError {
  try {
    open();
  } catch (e) {
    expect(e).toBeInstanceOf(PlumbError);
    return e as PlumbError;
  }
  throw new Error('expected the open to be refused');
}

describe('openProjectFile', () => {
  const dir = useTempDir();

  it('creates a new file at the latest schema with every table, marked as a Plumb project, in WAL mode', () => {
    const file = join(dir(), 'new.plumb');
    const project = openProjectFile(file, { create: true });
    expect(project.schemaVersion).toBe(migrations.length);
    expect(project.integrityCheck()).toEqual(['ok']);
    project.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
    expect(raw.pragma('application_id', { simple: true })).toBe(0x504c4d42);
    expect(PLUMB_APPLICATION_ID).toBe(Buffer.from('PLMB').readUInt32BE(0));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(TABLES);
    raw.close();
  });

  it('turns on foreign keys for its connection', () => {
    const project = openProjectFile(join(dir(), 'fk.plumb'), { create: true });
    // A metric of a run that does not exist would be accepted without the pragma.
    expect(() => project.metrics.put('no-such-run', 'n', { a: 1 })).toThrow(/no run 'no-such-run'/);
    project.close();
  });

  it('keeps everything across close and reopen', () => {
    const file = join(dir(), 'keep.plumb');
    const first = openProjectFile(file, { create: true });
    first.pipelines.save('p', 'plumb: 1\nname: p\n', { a: { x: 1, y: 2 } }, 'first');
    const hash = first.blobs.put(new Uint8Array([1, 2, 3]));
    const run = first.runs.start({ pipeline: 'p', nodes: [{ id: 'a', type: 'data.read_csv' }] });
    first.runs.finish(run.id, { status: 'ok', nodes: [{ id: 'a', status: 'done', seconds: 0.5 }] });
    first.close();

    const again = openProjectFile(file);
    expect(again.pipelines.load('p')).toMatchObject({ version: 1, yaml: 'plumb: 1\nname: p\n', layout: { a: { x: 1, y: 2 } }, message: 'first' });
    expect(again.blobs.get(hash)).toEqual(new Uint8Array([1, 2, 3]));
    expect(again.runs.get(run.id)).toMatchObject({ status: 'ok', nodes: [{ id: 'a', status: 'done', seconds: 0.5 }] });
    again.close();
  });

  it('refuses a missing file unless asked to create it', () => {
    const file = join(dir(), 'missing.plumb');
    const e = refusal(() => openProjectFile(file));
    expect(e.kind).toBe('invalid_input');
    expect(e.where.file).toBe(file);
    expect(e.message).toContain(file);
    expect(refusal(() => openProjectFile(file, { readonly: true, create: true })).kind).toBe('invalid_input');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a file written by a newer Plumb, in both modes, and leaves it untouched', () => {
    const file = join(dir(), 'newer.plumb');
    openProjectFile(file, { create: true }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA + 1}`);
    raw.close();

    for (const readonly of [false, true]) {
      const e = refusal(() => openProjectFile(file, { readonly }));
      expect(e.kind).toBe('invalid_input');
      expect(e.message).toMatch(/newer version of Plumb/);
      expect(e.message).toContain(`schema ${LATEST_SCHEMA + 1}`);
      expect(e.where.file).toBe(file);
    }
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA + 1);
    after.close();
  });

  it('refuses a file that is not SQLite, naming it', () => {
    const file = join(dir(), 'notes.plumb');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(40));
    for (const readonly of [false, true]) {
      const e = refusal(() => openProjectFile(file, { readonly }));
      expect(e.kind).toBe('invalid_input');
      expect(e.message).toBe(`${file} is not a Plumb project file (it is not a SQLite database)`);
    }
  });

  it("refuses someone else's SQLite database without changing it", () => {
    const file = join(dir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();

    const e = refusal(() => openProjectFile(file));
    expect(e.kind).toBe('invalid_input');
    expect(e.message).toContain(`${file} is a SQLite database but not a Plumb project file`);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(after.pragma('user_version', { simple: true })).toBe(0);
    after.close();
  });

  it('makes an empty existing file a project, but not when opened read-only', () => {
    const file = join(dir(), 'empty.plumb');
    writeFileSync(file, '');
    expect(refusal(() => openProjectFile(file, { readonly: true })).message).toMatch(/empty file/);
    const project = openProjectFile(file);
    expect(project.schemaVersion).toBe(LATEST_SCHEMA);
    project.close();
  });

  it('read-only: reads, refuses writes, and refuses a file that still needs migrating', () => {
    const file = join(dir(), 'ro.plumb');
    const project = openProjectFile(file, { create: true });
    project.pipelines.save('p', 'y');
    project.close();

    const ro = openProjectFile(file, { readonly: true });
    expect(ro.readonly).toBe(true);
    expect(ro.pipelines.list().map((p) => p.name)).toEqual(['p']);
    expect(() => ro.pipelines.save('q', 'y')).toThrow(/readonly/);
    ro.close();

    const raw = new Database(file);
    raw.pragma('user_version = 0');
    raw.close();
    expect(refusal(() => openProjectFile(file, { readonly: true })).message).toMatch(/older schema/);
  });

  it('close is idempotent', () => {
    const project = openProjectFile(join(dir(), 'twice.plumb'), { create: true });
    project.close();
    expect(() => project.close()).not.toThrow();
  });

  it("refuses someone else's WAL-mode database from its header, without creating -wal or -shm beside it (issue 10)", () => {
    const file = join(dir(), 'other-wal.db');
    const other = new Database(file);
    other.exec("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('keep me')");
    other.pragma('journal_mode = WAL');
    other.close();
    for (const readonly of [false, true]) {
      const e = refusal(() => openProjectFile(file, { readonly }));
      expect(e.message).toContain(`${file} is a SQLite database but not a Plumb project file`);
      expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
    }
  });

  it('read-only (export) refuses a damaged project instead of reading around the damage (issue 10)', () => {
    const file = join(dir(), 'damaged.plumb');
    const project = openProjectFile(file, { create: true });
    for (let i = 0; i < 30; i++) project.pipelines.save(`p${i}`, 'plumb: 1\n'.repeat(200));
    project.close();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    const pages = raw.pragma('page_count', { simple: true }) as number;
    raw.close();
    const bytes = readFileSync(file);
    const last = (pages - 1) * 4096;
    for (let i = 0; i < 24; i++) bytes[last + i] ^= 0xa5; // the last page's b-tree header and cell pointers
    writeFileSync(file, bytes);
    const e = refusal(() => openProjectFile(file, { readonly: true }));
    expect(e.kind).toBe('invalid_input');
    expect(e.message).toMatch(new RegExp(`project file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged \\(.+\\): restore it from a copy`));
  });
});
