// Path containment for the file browser: '..', absolute paths, symlinks pointing outside, extension filter, names.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUnique, hasExtension, isInside, paramPath, resolveAllowed, sanitizeFileName, type FileRoot } from '../../../../electron/api/file-access.js';
import { isPlumbError } from '../../../../shared/errors.js';

let base: string;
let project: string;
let added: string;
let secret: string;
let roots: FileRoot[];

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'plumb-files-')));
  project = join(base, 'project');
  added = join(base, 'added');
  secret = join(base, 'secret');
  for (const d of [project, join(project, 'datasets'), added, secret]) mkdirSync(d, { recursive: true });
  writeFileSync(join(project, 'datasets', 'churn.csv'), 'a,b\n1,2\n');
  writeFileSync(join(secret, 'passwords.csv'), 'x\n');
  writeFileSync(join(added, 'more.parquet'), 'PAR1');
  symlinkSync(secret, join(project, 'escape')); // a link inside the project pointing outside
  symlinkSync(join(secret, 'passwords.csv'), join(project, 'leak.csv'));
  symlinkSync(join(project, 'datasets'), join(project, 'data-link')); // a link that stays inside
  roots = [
    { kind: 'project', path: project },
    { kind: 'added', path: added },
  ];
});

async function refusal(path: string): Promise<string> {
  try {
    await resolveAllowed(roots, path);
  } catch (e) {
    expect(isPlumbError(e) && e.kind).toBe('invalid_input');
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`'${path}' was not refused`);
}

describe('resolveAllowed', () => {
  it('takes relative paths against the project folder and absolute ones under an added folder', async () => {
    expect((await resolveAllowed(roots, 'datasets/churn.csv')).real).toBe(join(project, 'datasets', 'churn.csv'));
    expect((await resolveAllowed(roots, '')).real).toBe(project);
    expect((await resolveAllowed(roots, 'datasets/../datasets/./churn.csv')).real).toBe(join(project, 'datasets', 'churn.csv'));
    const inAdded = await resolveAllowed(roots, join(added, 'more.parquet'));
    expect(inAdded.root.kind).toBe('added');
  });

  it("refuses '..' out of the project and absolute paths outside every root", async () => {
    expect(await refusal('../secret/passwords.csv')).toMatch(/outside the project folder/);
    expect(await refusal('datasets/../../secret')).toMatch(/outside/);
    expect(await refusal('/etc/passwd')).toMatch(/outside/);
    expect(await refusal(join(secret, 'passwords.csv'))).toMatch(/outside/);
    // A sibling whose name starts like the root is not inside it.
    mkdirSync(`${project}-other`, { recursive: true });
    expect(await refusal(`${project}-other`)).toMatch(/outside/);
  });

  it('follows symlinks before checking: links pointing outside are refused, links staying inside are fine', async () => {
    expect(await refusal('escape')).toMatch(/outside/);
    expect(await refusal('escape/passwords.csv')).toMatch(/outside/);
    expect(await refusal('leak.csv')).toMatch(/outside/);
    expect((await resolveAllowed(roots, 'data-link/churn.csv')).real).toBe(join(project, 'datasets', 'churn.csv'));
  });

  it('names missing paths and NUL bytes as invalid input', async () => {
    expect(await refusal('datasets/nope.csv')).toMatch(/does not exist/);
    expect(await refusal('datasets/\0x')).toMatch(/not a valid path/);
  });
});

describe('helpers', () => {
  it('isInside compares whole path parts', () => {
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
  });

  it('paramPath is relative with / inside the project, absolute outside', () => {
    expect(paramPath(project, join(project, 'datasets', 'churn.csv'))).toBe('datasets/churn.csv');
    expect(paramPath(project, join(added, 'more.parquet'))).toBe(join(added, 'more.parquet'));
  });

  it('filters by extension, case-insensitively; no list keeps everything', () => {
    expect(hasExtension('a.CSV', ['csv', 'tsv'])).toBe(true);
    expect(hasExtension('a.csv.gz', ['csv'])).toBe(false);
    expect(hasExtension('csv', ['csv'])).toBe(false);
    expect(hasExtension('model.onnx', undefined)).toBe(true);
    expect(hasExtension('model.onnx', [])).toBe(true);
  });

  it('sanitizes uploaded names to one safe file name', () => {
    expect(sanitizeFileName('../../etc/passwd.csv')).toBe('passwd.csv');
    expect(sanitizeFileName('C:\\Users\\me\\data.csv')).toBe('data.csv');
    expect(sanitizeFileName('..hidden.csv')).toBe('hidden.csv');
    expect(sanitizeFileName('a<b>|c?.csv')).toBe('a_b__c_.csv');
    expect(sanitizeFileName('tab\tname.parquet')).toBe('tab_name.parquet');
    expect(sanitizeFileName(`${'x'.repeat(500)}.csv`)).toHaveLength(120);
    expect(sanitizeFileName('.csv')).toBe('csv');
  });

  it('createUnique never replaces a file: name, name-2, name-3', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'plumb-unique-'));
    writeFileSync(join(folder, 'd.csv'), 'old');
    const a = await createUnique(folder, 'd.csv');
    const b = await createUnique(folder, 'd.csv');
    await a.handle.close();
    await b.handle.close();
    expect([a.path, b.path]).toEqual([join(folder, 'd-2.csv'), join(folder, 'd-3.csv')]);
  });
});
