// Save-as of a project file: a full copy through a temp file and a rename, that never replaces a file which is
// not a Plumb project and leaves the open project usable when it fails (issue 10, item 6).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openProjectFile } from '../../../../electron/store/project-file.js';
import { useTempDir } from './temp-dir.js';

const YAML = 'plumb: 1\nname: p\nnodes: []\n';

async function refusal(promise: Promise<unknown>): Promise<Error & { kind?: string }> {
  try {
    await promise;
  } catch (e) {
    return e as Error & { kind?: string };
  }
  throw new Error('expected save-as to be refused');
}

/** A SQLite database of some other application. */
function foreignDatabase(file: string): Buffer {
  const db = new Database(file);
  db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
  db.close();
  return readFileSync(file);
}

describe('ProjectFile.saveCopy', () => {
  const dir = useTempDir();

  it('writes a full copy that opens as the same project, leaving no temp file behind', async () => {
    const project = openProjectFile(join(dir(), 'a.plumb'), { create: true });
    project.pipelines.save('p', YAML);
    await project.saveCopy(join(dir(), 'b.plumb'));
    project.pipelines.save('only-in-a', YAML);
    project.close();

    const copy = openProjectFile(join(dir(), 'b.plumb'));
    expect(copy.pipelines.list().map((p) => p.name)).toEqual(['p']);
    expect(copy.integrityCheck()).toEqual(['ok']);
    copy.close();
    expect(readdirSync(dir()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an existing Plumb project', async () => {
    const old = openProjectFile(join(dir(), 'b.plumb'), { create: true });
    old.pipelines.save('old', YAML);
    old.close();
    const project = openProjectFile(join(dir(), 'a.plumb'), { create: true });
    project.pipelines.save('p', YAML);
    await project.saveCopy(join(dir(), 'b.plumb'));
    project.close();

    const copy = openProjectFile(join(dir(), 'b.plumb'));
    expect(copy.pipelines.list().map((p) => p.name)).toEqual(['p']);
    copy.close();
  });

  it.each([
    ['another application\'s SQLite database', (file: string) => foreignDatabase(file)],
    ['a text file', (file: string) => (writeFileSync(file, 'my notes\n'), readFileSync(file))],
  ])('refuses to overwrite %s with a one-line error naming the file, and changes nothing', async (_name, make) => {
    const target = join(dir(), 'other.db');
    const before = make(target);
    const project = openProjectFile(join(dir(), 'a.plumb'), { create: true });
    const error = await refusal(project.saveCopy(target));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toContain(target);
    expect(error.message).toMatch(/not a Plumb project/);
    expect(error.message).not.toContain('\n');
    expect(readFileSync(target)).toEqual(before);
    expect(readdirSync(dir()).filter((f) => f.startsWith('.'))).toEqual([]);
    // The open project is untouched and still usable.
    project.pipelines.save('p', YAML);
    expect(project.pipelines.list()).toHaveLength(1);
    project.close();
  });

  it('keeps the open project usable when the copy cannot be written', async () => {
    writeFileSync(join(dir(), 'not-a-folder'), '');
    const project = openProjectFile(join(dir(), 'a.plumb'), { create: true });
    const error = await refusal(project.saveCopy(join(dir(), 'not-a-folder', 'b.plumb')));
    expect(error.message).toContain('b.plumb');
    project.pipelines.save('p', YAML);
    expect(project.pipelines.list()).toHaveLength(1);
    project.close();
  });
});
