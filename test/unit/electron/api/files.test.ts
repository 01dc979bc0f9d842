// files.locate and files.copyIntoProject as the desktop app uses them (native dialog, dropped files): any file the
// user picked may be used, as a path relative to the project folder when it lies inside it.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFiles, type Files } from '../../../../electron/api/files.js';

let base: string;
let project: string;
let files: Files;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'plumb-desktop-files-')));
  project = join(base, 'proj');
  mkdirSync(join(project, 'datasets'), { recursive: true });
  mkdirSync(join(base, 'downloads'));
  writeFileSync(join(project, 'p.plumb'), '');
  writeFileSync(join(project, 'datasets', 'a.csv'), 'a\n1\n');
  writeFileSync(join(base, 'downloads', 'b.parquet'), 'PAR1');
  symlinkSync(join(project, 'datasets', 'a.csv'), join(base, 'downloads', 'link.csv'));
  files = createFiles({ projectPath: () => join(project, 'p.plumb'), host: 'electron', userDataDir: join(base, 'user') });
});

describe('desktop files', () => {
  it('locates a picked file relative to the project folder when inside it (through links too), absolute otherwise', async () => {
    expect(await files.handlers['files.locate']({ path: join(project, 'datasets', 'a.csv') })).toEqual({ path: 'datasets/a.csv', insideProject: true });
    expect(await files.handlers['files.locate']({ path: join(base, 'downloads', 'link.csv') })).toEqual({ path: 'datasets/a.csv', insideProject: true });
    expect(await files.handlers['files.locate']({ path: join(base, 'downloads', 'b.parquet') })).toEqual({ path: join(base, 'downloads', 'b.parquet'), insideProject: false });
    await expect(files.handlers['files.locate']({ path: 'datasets/a.csv' })).rejects.toThrow(/not an absolute path/);
    await expect(files.handlers['files.locate']({ path: join(base, 'nope.csv') })).rejects.toThrow(/does not exist/);
  });

  it('copies a file into the project folder once per request, never replacing one; a file already inside stays', async () => {
    const source = join(base, 'downloads', 'b.parquet');
    expect(await files.handlers['files.copyIntoProject']({ path: source })).toEqual({ path: 'b.parquet', bytes: 4 });
    expect(await files.handlers['files.copyIntoProject']({ path: source })).toEqual({ path: 'b-2.parquet', bytes: 4 });
    expect(readFileSync(join(project, 'b-2.parquet'), 'utf8')).toBe('PAR1');
    expect(await files.handlers['files.copyIntoProject']({ path: join(project, 'datasets', 'a.csv') })).toEqual({ path: 'datasets/a.csv', bytes: 4 });
    await expect(files.handlers['files.copyIntoProject']({ path: join(base, 'downloads') })).rejects.toThrow(/not a file/);
  });
});
