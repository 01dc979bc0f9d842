// project.saveAs through the app API: it never overwrites a file that is not a Plumb project, and a failed
// save-as keeps the old project open (issue 10, item 6); a successful one switches to the copy.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../../electron/api/app-service.js';

let dir: string;
let app: AppService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-projects-'));
  app = await createAppService({ projectPath: join(dir, 'a.plumb'), host: 'browser', userDataDir: join(dir, 'user') });
  await app.handlers['pipelines.create']({ name: 'first' });
});

afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

async function expectStillOpen(path: string): Promise<void> {
  expect((await app.handlers['project.info']({})).path).toBe(path);
  expect((await app.handlers['pipelines.list']({})).pipelines.map((p) => p.name)).toEqual(['first']);
  await app.handlers['pipelines.create']({ name: 'second' });
}

describe('project.saveAs', () => {
  it('refuses to overwrite another application\'s SQLite database, naming it, and keeps the project open', async () => {
    const other = join(dir, 'contacts.db');
    const db = new Database(other);
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
    db.close();
    const before = readFileSync(other);

    const error = await rejection(app.handlers['project.saveAs']({ path: other }));
    expect(error.message).toMatch(/contacts\.db.*not a Plumb project/);
    expect(error.message).not.toContain('\n');
    expect(readFileSync(other)).toEqual(before);
    await expectStillOpen(join(dir, 'a.plumb'));
  });

  it('keeps the old project open when the copy cannot be written', async () => {
    writeFileSync(join(dir, 'plain-file'), 'x');
    await rejection(app.handlers['project.saveAs']({ path: join(dir, 'plain-file', 'b.plumb') }));
    await expectStillOpen(join(dir, 'a.plumb'));
  });

  it('switches to the copy, which has the pipelines, and lists it as recent', async () => {
    const target = join(dir, 'copies', 'b.plumb');
    expect(await app.handlers['project.saveAs']({ path: target })).toEqual({ path: target });
    await expectStillOpen(target);
    expect((await app.handlers['project.recent']({})).paths[0]).toBe(target);
  });
});
